using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §5.9.25 SetDefaultDpAddress: BF65 { 80 address } -> BF65 { 80 result }
internal sealed class SetDefaultDpAddressIotHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.SetDefaultDpAddressIot;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        var address = contents.ReadCharacterString(UniversalTagNumber.UTF8String, Tags.Ctx(0));
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        return Es10Codec.Result(request.Tag, (int)context.Engine.SetDefaultDpAddress(address));
    }
}
