using System.Formats.Asn1;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Card.IsdR.Download;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Es10;
using EuiccEmulator.Rsp.Pki;

namespace EuiccEmulator.Card.IsdR.Es10b;

// SGP.22 §5.7.13 AuthenticateServer:
// BF38 { 30 serverSigned1, 5F37 serverSignature1, 04 euiccCiPKIdToBeUsed, 30 serverCertificate, A0 ctxParams1 }
// -> BF38 { A0 { 30 euiccSigned1, 5F37 euiccSignature1, 30 CERT.EUICC, 30 CERT.EUM } | A1 { 80 txId, 02 code } }
internal sealed class AuthenticateServerHandler : IEs10Handler
{
    private static readonly RspRole[] ServerRoles = [RspRole.DpAuth, RspRole.DsAuth];

    public Es10Function Function => Es10Catalogue.AuthenticateServer;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        var serverSigned1 = contents.ReadEncodedValue().ToArray();
        var serverSignature1 = contents.ReadOctetString(Tags.App(55));
        var ciSki = contents.ReadOctetString();
        var serverCertificate = contents.ReadEncodedValue().ToArray();
        var ctxParams1 = contents.ReadEncodedValue().ToArray(); // echoed byte for byte into euiccSigned1
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        if (!Tags.Ctx(0, constructed: true).HasSameClassAndValue(Asn1Tag.Decode(ctxParams1, out _)))
            throw new AsnContentException("ctxParams1 is not ctxParamsForCommonAuthentication");

        var signed = new AsnReader(serverSigned1, AsnEncodingRules.BER).ReadSequence();
        var transactionId = signed.ReadOctetString(Tags.Ctx(0));
        var euiccChallenge = signed.ReadOctetString(Tags.Ctx(1));
        var serverAddress = signed.ReadCharacterString(UniversalTagNumber.UTF8String, Tags.Ctx(3));
        var serverChallenge = signed.ReadOctetString(Tags.Ctx(4));
        while (signed.HasData) Es10Codec.SkipUnknown(signed);
        if (transactionId.Length is < 1 or > 16) throw new AsnContentException("transactionId size");

        // A new authentication ends whatever download was in progress.
        context.EndDownload();
        var challenge = context.EuiccChallenge;
        context.EuiccChallenge = null; // one challenge, one attempt

        // The card signs under the CI the server names; the server's certificate chains to a CI the card trusts.
        var chain = context.Ecasd.FindChain(ciSki);
        if (chain is null) return Error(request, transactionId, AuthenticateErrorCode.CiPKUnknown);
        var certificate = context.ServerCertificates.Verify(serverCertificate, ServerRoles);
        if (certificate.Status == CertificateVerificationStatus.UnsupportedCurve)
            return Error(request, transactionId, AuthenticateErrorCode.UnsupportedCurve);
        if (!certificate.IsValid) return Error(request, transactionId, AuthenticateErrorCode.InvalidCertificate);
        if (certificate.RegisteredId is null) return Error(request, transactionId, AuthenticateErrorCode.InvalidOid);
        if (!certificate.PublicKey!.Verify(serverSigned1, serverSignature1))
            return Error(request, transactionId, AuthenticateErrorCode.InvalidSignature);
        if (challenge is null || !challenge.AsSpan().SequenceEqual(euiccChallenge))
            return Error(request, transactionId, AuthenticateErrorCode.EuiccChallengeMismatch);

        var euiccSigned1 = EncodeEuiccSigned1(context, serverSigned1, ctxParams1);
        var signature = context.Ecasd.Sign(euiccSigned1, ciSki);
        var signatureDo = SignatureDo(signature);
        context.StartDownload(new DownloadSession
        {
            TransactionId = transactionId,
            CiSki = ciSki,
            Chain = chain,
            ServerAddress = serverAddress,
            SmdpOid = certificate.RegisteredId,
            EuiccSignature1Do = signatureDo,
        });

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
        using (writer.PushSequence(Tags.Ctx(0, constructed: true)))
        {
            writer.WriteEncodedValue(euiccSigned1);
            writer.WriteEncodedValue(signatureDo);
            writer.WriteEncodedValue(chain.EuiccCertificate.Span);
            writer.WriteEncodedValue(chain.EumCertificate.Span);
        }
        return writer.Encode();
    }

    // euiccSigned1 = 30 { 80 txId, 83 serverAddress, 84 serverChallenge, BF22 euiccInfo2, A0 ctxParams1 }:
    // the server's fields are copied as received, not re-encoded.
    private static byte[] EncodeEuiccSigned1(IsdRContext context, byte[] serverSigned1, byte[] ctxParams1)
    {
        var fields = new AsnReader(serverSigned1, AsnEncodingRules.BER).ReadSequence();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            while (fields.HasData)
            {
                var tag = fields.PeekTag();
                var raw = fields.ReadEncodedValue();
                if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue is 0 or 3 or 4) writer.WriteEncodedValue(raw.Span);
            }
            // An SGP.22 SM-DP+ reads euiccInfo2 by the SGP.22 module: the SGP.32 fields only when asked for.
            EuiccInfoEncoder.WriteInfo2(writer, context, context.Options.Iot && context.Options.IotFieldsInEuiccSigned1);
            writer.WriteEncodedValue(ctxParams1);
        }
        return writer.Encode();
    }

    /// <summary>5F37 40 r||s: a signature data object as the other side verifies it.</summary>
    private static byte[] SignatureDo(byte[] signature)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteOctetString(signature, Tags.App(55));
        return writer.Encode();
    }

    private static byte[] Error(Es10Request request, byte[] transactionId, AuthenticateErrorCode code) =>
        Es10Codec.TransactionError(request.Tag, transactionId, (int)code);
}
