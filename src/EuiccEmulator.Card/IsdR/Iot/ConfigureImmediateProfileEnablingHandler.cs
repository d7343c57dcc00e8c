using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Es10;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §5.9.17 ConfigureImmediateProfileEnabling: BF59 { 80 flag?, 81 oid?, 82 address? } -> BF59 { 80 result }
internal sealed class ConfigureImmediateProfileEnablingHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.ConfigureImmediateProfileEnabling;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        var enabled = false;
        string? oid = null, address = null;
        while (contents.HasData)
        {
            var tag = contents.PeekTag();
            if (tag.HasSameClassAndValue(Tags.Ctx(0)))
            {
                contents.ReadNull(Tags.Ctx(0));
                enabled = true;
            }
            else if (tag.HasSameClassAndValue(Tags.Ctx(1)))
            {
                oid = contents.ReadObjectIdentifier(Tags.Ctx(1));
            }
            else if (tag.HasSameClassAndValue(Tags.Ctx(2)))
            {
                address = contents.ReadCharacterString(UniversalTagNumber.UTF8String, Tags.Ctx(2));
            }
            else
            {
                Es10Codec.SkipUnknown(contents);
            }
        }
        var result = context.Engine.ConfigureImmediateProfileEnabling(new ImmediateEnableConfig(enabled, oid, address));
        return Es10Codec.Result(request.Tag, (int)result);
    }
}
