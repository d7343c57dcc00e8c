using System.Formats.Asn1;
using EuiccEmulator.Card.IsdR.Download;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR.Es10b;

// SGP.22 §5.7.25 CancelSession: BF41 { 80 txId, 81 reason }
// -> BF41 { A0 { 30 euiccCancelSessionSigned { 80 txId, 81 smdpOid, 82 reason }, 5F37 signature } | 81 error }
internal sealed class CancelSessionHandler : IEs10Handler
{
    private const int InvalidTransactionId = 5;

    public Es10Function Function => Es10Catalogue.CancelSession;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        var transactionId = contents.ReadOctetString(Tags.Ctx(0));
        var reason = contents.ReadInteger(Tags.Ctx(1));
        while (contents.HasData) Es10Codec.SkipUnknown(contents);

        var session = context.Download;
        if (session is null || !session.TransactionId.AsSpan().SequenceEqual(transactionId))
            return Es10Codec.ChoiceError(request.Tag, InvalidTransactionId);

        var signed = new AsnWriter(AsnEncodingRules.DER);
        using (signed.PushSequence())
        {
            signed.WriteOctetString(transactionId, Tags.Ctx(0));
            signed.WriteObjectIdentifier(session.SmdpOid, Tags.Ctx(1));
            signed.WriteInteger(reason, Tags.Ctx(2));
        }
        var signedBytes = signed.Encode();
        var signature = context.Ecasd.Sign(signedBytes, session.CiSki);
        context.EndDownload();

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
        using (writer.PushSequence(Tags.Ctx(0, constructed: true)))
        {
            writer.WriteEncodedValue(signedBytes);
            writer.WriteOctetString(signature, Tags.App(55));
        }
        return writer.Encode();
    }
}
