using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Es10;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §5.9.5 eUICCMemoryReset: BF64 { 82 resetOptions } -> BF64 { 80 resetResult, 81 resetEimResult?,
// 82 resetImmediateEnableConfigResult? }
internal sealed class EuiccMemoryResetIotHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.EuiccMemoryResetIot;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        var options = contents.ReadNamedBitListValue<IotMemoryResetOptions>(Tags.Ctx(2));
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        var reset = context.Engine.IotMemoryReset(options, catBusy: context.Proactive.Busy);
        if (reset.EnabledProfileDeleted) context.RequestRefresh();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
        {
            writer.WriteInteger((int)reset.Result, Tags.Ctx(0));
            if (reset.Eim is { } e) writer.WriteInteger((int)e, Tags.Ctx(1));
            if (reset.EnableConfig is { } i) writer.WriteInteger((int)i, Tags.Ctx(2));
        }
        return writer.Encode();
    }
}
