using System.Formats.Asn1;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR.Es10a;

// SGP.22 §5.6.3 SetDefaultDpAddress: BF3F { 80 address } -> BF3F { 80 result }; empty address removes it.
internal sealed class SetDefaultDpAddressHandler : IEs10Handler
{
    private const int MaxAddressLength = 255;

    public Es10Function Function => Es10Catalogue.SetDefaultDpAddress;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        var address = contents.ReadCharacterString(UniversalTagNumber.UTF8String, Tags.Ctx(0));
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        if (address.Length > MaxAddressLength) throw new CardException(StatusWord.IncorrectData, "address too long");
        return Es10Codec.Result(request.Tag, (int)context.Engine.SetDefaultDpAddress(address));
    }
}
