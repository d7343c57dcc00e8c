using System.Formats.Asn1;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR.Es10c;

// SGP.22 §5.7.20 GetEID: BF3E { 5C 01 5A } -> BF3E { 5A 10 EID }
internal sealed class GetEidHandler : IEs10Handler
{
    private static readonly Asn1Tag TagListTag = Tags.App(28);

    public Es10Function Function => Es10Catalogue.GetEid;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        var tagList = contents.ReadOctetString(TagListTag);
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        if (tagList is not [0x5A]) throw new CardException(StatusWord.IncorrectData, "tagList must be 5A");

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
            writer.WriteOctetString(context.Ecasd.Eid.ToBytes(), Tags.App(26));
        return writer.Encode();
    }
}
