using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR.Es10b;

// SGP.22 §5.7.7 GetEUICCChallenge: BF2E {} -> BF2E { 80 16-byte challenge }
internal sealed class GetEuiccChallengeHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.GetEuiccChallenge;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        var challenge = context.Random(16);
        context.EuiccChallenge = challenge;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag)) writer.WriteOctetString(challenge, Tags.Ctx(0));
        return writer.Encode();
    }
}
