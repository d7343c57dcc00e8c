using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §5.9.18 GetEimConfigurationData: BF55 { A0 { 80 eimId }? } -> BF55 { A0 { 30 EimConfigurationData... } }
internal sealed class GetEimConfigurationDataHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.GetEimConfigurationData;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        string? eimId = null;
        while (contents.HasData)
        {
            if (contents.PeekTag().HasSameClassAndValue(Tags.Ctx(0)))
            {
                var criteria = contents.ReadSequence(Tags.Ctx(0, constructed: true));
                eimId = criteria.ReadCharacterString(UniversalTagNumber.UTF8String, Tags.Ctx(0));
                criteria.ThrowIfNotEmpty();
            }
            else
            {
                Es10Codec.SkipUnknown(contents);
            }
        }
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
        using (writer.PushSequence(Tags.Ctx(0, constructed: true)))
        {
            foreach (var eim in context.Engine.Settings.Eims.Where(e => eimId is null || e.EimId == eimId))
                EimConfiguration.Write(writer, eim, Asn1Tag.Sequence);
        }
        return writer.Encode();
    }
}
