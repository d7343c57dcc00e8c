using System.Formats.Asn1;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR.Es10c;

// SGP.22 §5.7.21 SetNickname: BF29 { 5A iccid, 90 nickname } -> BF29 { 80 setNicknameResult }
internal sealed class SetNicknameHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.SetNickname;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        var iccid = Es10Codec.ReadIccid(contents);
        var nickname = contents.ReadCharacterString(UniversalTagNumber.UTF8String, Tags.Ctx(16));
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        if (nickname.Length > 64) throw new CardException(StatusWord.IncorrectData, "nickname longer than 64");
        return Es10Codec.Result(request.Tag, (int)context.Engine.SetNickname(iccid, nickname));
    }
}
