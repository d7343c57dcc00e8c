using System.Formats.Asn1;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Card.IsdR.Download;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Es10;
using EuiccEmulator.Rsp.Pki;

namespace EuiccEmulator.Card.IsdR.Es10b;

// SGP.22 §5.7.14 PrepareDownload:
// BF21 { 30 smdpSigned2 { 80 txId, 01 ccRequiredFlag, 5F49 bppEuiccOtpk? }, 5F37 smdpSignature2, 04 hashCc?, 30 CERT.DPpb }
// -> BF21 { A0 { 30 euiccSigned2 { 80 txId, 5F49 otPK.EUICC.ECKA, 04 hashCc? }, 5F37 euiccSignature2 } | A1 { 80 txId, 02 code } }
internal sealed class PrepareDownloadHandler : IEs10Handler
{
    private static readonly RspRole[] DpPbRole = [RspRole.DpPb];

    public Es10Function Function => Es10Catalogue.PrepareDownload;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        var smdpSigned2 = contents.ReadEncodedValue().ToArray();
        var smdpSignature2Do = contents.ReadEncodedValue().ToArray();
        byte[]? hashCc = null;
        if (contents.HasData && contents.PeekTag().HasSameClassAndValue(Asn1Tag.PrimitiveOctetString))
            hashCc = contents.ReadOctetString();
        var certificate = contents.ReadEncodedValue().ToArray();
        while (contents.HasData) Es10Codec.SkipUnknown(contents);

        var signatureReader = new AsnReader(smdpSignature2Do, AsnEncodingRules.BER);
        var smdpSignature2 = signatureReader.ReadOctetString(Tags.App(55));
        var signed = new AsnReader(smdpSigned2, AsnEncodingRules.BER).ReadSequence();
        var transactionId = signed.ReadOctetString(Tags.Ctx(0));
        signed.ReadBoolean(); // ccRequiredFlag: the LPA's business; the card only passes hashCc through
        byte[]? bppEuiccOtpk = null;
        if (signed.HasData && signed.PeekTag().HasSameClassAndValue(Tags.App(73)))
            bppEuiccOtpk = signed.ReadOctetString(Tags.App(73));
        while (signed.HasData) Es10Codec.SkipUnknown(signed);

        var session = context.Download;
        if (session is null || session.Loader is not null)
            return Error(request, transactionId, DownloadErrorCode.NoSessionContext);
        var dpPb = context.ServerCertificates.Verify(certificate, DpPbRole);
        if (dpPb.Status == CertificateVerificationStatus.UnsupportedCurve)
            return Error(request, transactionId, DownloadErrorCode.UnsupportedCurve);
        if (!dpPb.IsValid) return Error(request, transactionId, DownloadErrorCode.InvalidCertificate);
        if (!dpPb.PublicKey!.Verify([.. smdpSigned2, .. session.EuiccSignature1Do], smdpSignature2))
            return Error(request, transactionId, DownloadErrorCode.InvalidSignature);
        if (!transactionId.AsSpan().SequenceEqual(session.TransactionId))
            return Error(request, transactionId, DownloadErrorCode.InvalidTransactionId);

        // Key agreement runs on the curve of CERT.DPpb. A retry presents the otPK it was bound to: reuse
        // that pair, otherwise make a fresh one.
        var curve = dpPb.PublicKey!.Curve;
        var kept = context.KeptOneTimeKey;
        var oneTimeKey = bppEuiccOtpk is not null && kept is not null && kept.Curve == curve
            && kept.PublicPoint.Span.SequenceEqual(bppEuiccOtpk)
                ? kept
                : context.Ecasd.GenerateEphemeralKeyPair(curve);
        context.KeepOneTimeKey(oneTimeKey);
        session.OneTimeKey = oneTimeKey;
        session.DpPbKey = dpPb.PublicKey;
        session.DpPbOid = dpPb.RegisteredId ?? session.SmdpOid;

        var euiccSigned2 = EncodeEuiccSigned2(transactionId, oneTimeKey.PublicPoint.Span, hashCc);
        var signature = context.Ecasd.Sign([.. euiccSigned2, .. smdpSignature2Do], session.CiSki);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
        using (writer.PushSequence(Tags.Ctx(0, constructed: true)))
        {
            writer.WriteEncodedValue(euiccSigned2);
            writer.WriteOctetString(signature, Tags.App(55));
        }
        return writer.Encode();
    }

    private static byte[] EncodeEuiccSigned2(byte[] transactionId, ReadOnlySpan<byte> otpk, byte[]? hashCc)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteOctetString(transactionId, Tags.Ctx(0));
            writer.WriteOctetString(otpk, Tags.App(73));
            if (hashCc is not null) writer.WriteOctetString(hashCc);
        }
        return writer.Encode();
    }

    private static byte[] Error(Es10Request request, byte[] transactionId, DownloadErrorCode code) =>
        Es10Codec.TransactionError(request.Tag, transactionId, (int)code);
}
