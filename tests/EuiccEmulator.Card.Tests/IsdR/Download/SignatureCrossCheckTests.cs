using System.Formats.Asn1;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Pki.Internal.BouncyCastle;

namespace EuiccEmulator.Card.Tests.IsdR.Download;

/// <summary>Every signature the card makes in a download, verified by the second (BouncyCastle) implementation.</summary>
public class SignatureCrossCheckTests
{
    private static readonly Asn1Tag Sig = new(TagClass.Application, 55);

    [Fact]
    public void DownloadSignatures_VerifyWithSecondImplementation()
    {
        using var card = new TestCard();
        var client = new Es10Client(card.Euicc.Card, new Es10ClientOptions { RecordTranscript = true });
        var smdp = new TestSmdp();
        var result = new DownloadDriver(client, smdp).Run(new DownloadRequest { Upp = Downloads.Upp(), Metadata = Downloads.Metadata() });
        Assert.True(result.Success, result.Problem);

        var authenticate = result.Steps.Single(s => s.Kind == DownloadStepKind.AuthenticateServer).Response;
        var ok = new AsnReader(authenticate, AsnEncodingRules.DER).ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 56, true))
            .ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
        var euiccSigned1 = ok.ReadEncodedValue().ToArray();
        var signature1 = ok.ReadOctetString(Sig);
        var euiccCert = ok.ReadEncodedValue().ToArray();
        var key = EcPublicKey.FromCertificate(euiccCert);
        Assert.True(BcEcdsa.VerifyRs(key.Curve, key.Point.Span, euiccSigned1, signature1));

        var prepare = result.Steps.Single(s => s.Kind == DownloadStepKind.PrepareDownload);
        var prepareOk = new AsnReader(prepare.Response, AsnEncodingRules.DER).ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 33, true))
            .ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
        var euiccSigned2 = prepareOk.ReadEncodedValue().ToArray();
        var signature2 = prepareOk.ReadOctetString(Sig);
        var request = new AsnReader(prepare.Request, AsnEncodingRules.DER).ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 33, true));
        request.ReadEncodedValue();
        var smdpSignature2Do = request.ReadEncodedValue().ToArray();
        Assert.True(BcEcdsa.VerifyRs(key.Curve, key.Point.Span, [.. euiccSigned2, .. smdpSignature2Do], signature2));

        var pir = new AsnReader(result.ProfileInstallationResult, AsnEncodingRules.DER)
            .ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 55, true));
        var pirData = pir.ReadEncodedValue().ToArray();
        Assert.True(BcEcdsa.VerifyRs(key.Curve, key.Point.Span, pirData, pir.ReadOctetString(Sig)));


        // A flipped bit must fail the same check: the cross-check is not vacuous.
        var pirSignature = new AsnReader(result.ProfileInstallationResult, AsnEncodingRules.DER)
            .ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 55, true));
        pirSignature.ReadEncodedValue();
        var signature = pirSignature.ReadOctetString(Sig);
        pirData[^1] ^= 1;
        Assert.False(BcEcdsa.VerifyRs(key.Curve, key.Point.Span, pirData, signature));
    }

    [Fact]
    public void NotificationSignature_VerifiesWithSecondImplementation()
    {
        using var card = new TestCard().SelectIsdR();
        card.AddProfile("89000123456789012341", notifications: [new NotificationConfig(NotificationEvents.Enable, "a.example")]);
        card.Es10("BF3111A00C5A0A98001032547698103214810100");
        var list = new AsnReader(Convert.FromHexString(card.Es10("BF2B00").Data), AsnEncodingRules.DER)
            .ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 43, true)).ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
        var notification = list.ReadSequence();
        var metadata = notification.ReadEncodedValue().ToArray();
        var signature = notification.ReadOctetString(Sig);
        var key = EcPublicKey.FromCertificate(notification.ReadEncodedValue().Span);
        Assert.True(BcEcdsa.VerifyRs(key.Curve, key.Point.Span, metadata, signature));
    }
}
