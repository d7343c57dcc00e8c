using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR.Es10a;

// SGP.22 §5.6.2 GetEuiccConfiguredAddresses: BF3C {} -> BF3C { 80 defaultDpAddress?, 81 rootDsAddress }
internal sealed class GetEuiccConfiguredAddressesHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.GetEuiccConfiguredAddresses;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        var settings = context.Engine.Settings;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
        {
            if (settings.DefaultDpAddress is { } dp) writer.WriteCharacterString(UniversalTagNumber.UTF8String, dp, Tags.Ctx(0));
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, settings.RootDsAddress, Tags.Ctx(1));
        }
        return writer.Encode();
    }
}
