using System.Security.Cryptography;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Card.IsdR.Download;
using EuiccEmulator.Peers.Tests.Support;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Pki;

namespace EuiccEmulator.Peers.Tests;

public class TestSmdpAuthenticationTests
{
    private static readonly byte[] Challenge = [.. Enumerable.Repeat((byte)0xAA, 16)];

    private static string Hex(ReadOnlySpan<byte> b) => Convert.ToHexString(b);

    [SkippableFact]
    public void AuthenticateServerRequest_Layout_IsExact()
    {
        var smdp = new TestSmdp(Session.Options());
        var bf38 = smdp.BuildAuthenticateServerRequest(Challenge, "ABC");

        // SGP.22 ServerSigned1: 80 txId, 81 euiccChallenge, 83 serverAddress, 84 serverChallenge.
        Assert.Equal("3051" + "8010000102030405060708090A0B0C0D0E0F" + "8110" + new string('A', 32)
            + "8319" + Hex("testsmdpplus1.example.com"u8) + "8410101112131415161718191A1B1C1D1E1F", Hex(smdp.ServerSigned1));
        var parts = TlvCodec.ReadSingle(bf38).Children();
        Assert.Equal(0xBF38, TlvCodec.ReadSingle(bf38).Tag);
        Assert.Equal([0x30, 0x5F37, 0x04, 0x30, 0xA0], parts.Select(p => p.Tag));
        Assert.Equal(64, parts[1].Value.Length);
        Assert.Equal("F54172BDF98A95D65CBEB88A38A1C11D800A85C3", Hex(parts[2].Value.Span));
        Assert.Equal(TestPki.DpAuth(EcCurve.NistP256).Certificate, parts[3].Raw.ToArray());
        // CtxParams1 CHOICE [0] { 80 matchingId, A1 deviceInfo { 80 tac, A1 deviceCapabilities } }
        Assert.Equal("A01E" + "8003414243" + "A117" + "800435290611" + "A10F80030D000081030D000085030D0000", Hex(parts[4].Raw.Span));
        Oracle.AssertRoundTrips("AuthenticateServerRequest", bf38);
    }

    [SkippableFact]
    public void AuthenticateServerRequest_WithoutMatchingIdWithImei_OmitsTag80()
    {
        var smdp = new TestSmdp(Session.Options());
        var bf38 = smdp.BuildAuthenticateServerRequest(Challenge, null, DeviceInfo.Default with { Imei = [1, 2, 3, 4, 5, 6, 7, 8] });
        var ctx = TlvCodec.ReadSingle(bf38).Children()[4];
        Assert.Equal(0xA1, ctx.Children()[0].Tag);
        Assert.EndsWith("82080102030405060708", Hex(ctx.Raw.Span), StringComparison.Ordinal);
        Oracle.AssertRoundTrips("AuthenticateServerRequest", bf38);
    }

    [SkippableTheory]
    [InlineData(EcCurve.NistP256, Sgp26Server.SmDpPlus)]
    [InlineData(EcCurve.NistP256, Sgp26Server.SmDpPlus2)]
    [InlineData(EcCurve.BrainpoolP256r1, Sgp26Server.SmDpPlus)]
    public void ServerSignature1_VerifiesWithSgp26DpAuth(EcCurve curve, Sgp26Server server)
    {
        var smdp = new TestSmdp(new TestSmdpOptions { Curve = curve, Server = server });
        var parts = TlvCodec.ReadSingle(smdp.BuildAuthenticateServerRequest(Challenge)).Children();
        var key = EcPublicKey.FromCertificate(TestPki.DpAuth(curve, server).Certificate);
        Assert.True(key.Verify(parts[0].Raw.Span, parts[1].Value.Span));
        Assert.Equal(CertificateInfoOid(server), smdp.SmdpOid);
        Assert.True(CertificateVerifier.Verify(parts[3].Raw, TestPki.CiCertificate(curve), RspRole.DpAuth).IsValid);
    }

    private static string CertificateInfoOid(Sgp26Server server) => server == Sgp26Server.SmDpPlus ? "2.999.10" : "2.999.12";

    [SkippableFact]
    public void Faults_AuthenticateServer_ProduceTheIntendedDefects()
    {
        var key = EcPublicKey.FromCertificate(TestPki.DpAuth(EcCurve.NistP256).Certificate);
        var ci = TestPki.CiCertificate(EcCurve.NistP256);

        var bad = TlvCodec.ReadSingle(new TestSmdp(Session.Options(new SmdpFaults { BadServerSignature1 = true }))
            .BuildAuthenticateServerRequest(Challenge)).Children();
        Assert.False(key.Verify(bad[0].Raw.Span, bad[1].Value.Span));

        var unknown = TlvCodec.ReadSingle(new TestSmdp(Session.Options(new SmdpFaults { UnknownCiPkId = true }))
            .BuildAuthenticateServerRequest(Challenge)).Children();
        Assert.NotEqual("F54172BDF98A95D65CBEB88A38A1C11D800A85C3", Hex(unknown[2].Value.Span));
        Assert.True(key.Verify(unknown[0].Raw.Span, unknown[1].Value.Span));

        var wrongChallenge = TlvCodec.ReadSingle(new TestSmdp(Session.Options(new SmdpFaults { WrongEuiccChallenge = true }))
            .BuildAuthenticateServerRequest(Challenge)).Children();
        Assert.NotEqual(Challenge, wrongChallenge[0].Children()[1].Value.ToArray());
        Assert.True(key.Verify(wrongChallenge[0].Raw.Span, wrongChallenge[1].Value.Span));

        var other = TlvCodec.ReadSingle(new TestSmdp(Session.Options(new SmdpFaults { AuthCertificate = CertificateFault.OtherCi }))
            .BuildAuthenticateServerRequest(Challenge)).Children();
        Assert.False(CertificateVerifier.Verify(other[3].Raw, ci, RspRole.DpAuth).IsValid);
        Assert.True(EcPublicKey.FromCertificate(other[3].Raw.Span).Verify(other[0].Raw.Span, other[1].Value.Span));

        var role = TlvCodec.ReadSingle(new TestSmdp(Session.Options(new SmdpFaults { AuthCertificate = CertificateFault.WrongRole }))
            .BuildAuthenticateServerRequest(Challenge)).Children();
        Assert.False(CertificateVerifier.Verify(role[3].Raw, ci, RspRole.DpAuth).IsValid);
        Assert.True(CertificateVerifier.Verify(role[3].Raw, ci, RspRole.DpPb).IsValid);
        Assert.True(EcPublicKey.FromCertificate(role[3].Raw.Span).Verify(role[0].Raw.Span, role[1].Value.Span));
    }

    [SkippableFact]
    public void VerifyAuthenticateServerResponse_ScriptedCard_ReturnsEidAndCertificates()
    {
        var smdp = new TestSmdp(Session.Options());
        using var card = new ScriptedCardSide();
        var challenge = TlvCodec.ReadSingle(TlvCodec.ReadSingle(card.Handle([0xBF, 0x2E, 0x00])).Value).Value.ToArray();
        var response = card.Handle(smdp.BuildAuthenticateServerRequest(challenge, "X"));
        var result = smdp.VerifyAuthenticateServerResponse(response);
        Assert.True(result.IsOk, result.Problem);
        Assert.Equal(Session.CardEid, result.Eid);
        Assert.Equal("BF2203820102", Hex(result.EuiccInfo2));
        Assert.Equal(67, result.EuiccSignature1!.Length);
    }

    [SkippableFact]
    public void VerifyAuthenticateServerResponse_TamperedOrError_IsNotOk()
    {
        var smdp = new TestSmdp(Session.Options());
        using var card = new ScriptedCardSide();
        var challenge = TlvCodec.ReadSingle(TlvCodec.ReadSingle(card.Handle([0xBF, 0x2E, 0x00])).Value).Value.ToArray();
        var response = card.Handle(smdp.BuildAuthenticateServerRequest(challenge, "X"));

        var flipped = response.ToArray();
        var sigAt = Convert.ToHexString(flipped).IndexOf("5F3740", StringComparison.Ordinal) / 2 + 3;
        flipped[sigAt] ^= 1;
        Assert.Equal(PeerOutcome.Rejected, smdp.VerifyAuthenticateServerResponse(flipped).Outcome);
        Assert.Equal(PeerOutcome.Rejected, smdp.VerifyAuthenticateServerResponse(response[..^1]).Outcome);

        var error = TlvCodec.Constructed(0xBF38,
            TlvCodec.Constructed(0xA1, TlvCodec.Encode(0x80, smdp.TransactionId), TlvCodec.Encode(0x02, [7])));
        var result = smdp.VerifyAuthenticateServerResponse(error);
        Assert.Equal(PeerOutcome.CardError, result.Outcome);
        Assert.Equal(7, result.ErrorCode);
    }

    [SkippableFact]
    public void WrongEuiccChallenge_ScriptedCard_AnswersMismatch6()
    {
        var smdp = new TestSmdp(Session.Options(new SmdpFaults { WrongEuiccChallenge = true }));
        using var card = new ScriptedCardSide();
        var challenge = TlvCodec.ReadSingle(TlvCodec.ReadSingle(card.Handle([0xBF, 0x2E, 0x00])).Value).Value.ToArray();
        var result = smdp.VerifyAuthenticateServerResponse(card.Handle(smdp.BuildAuthenticateServerRequest(challenge)));
        Assert.Equal(PeerOutcome.CardError, result.Outcome);
        Assert.Equal(6, result.ErrorCode);
    }

    [SkippableFact]
    public void PrivateCi_ServerCertificatesChainToIt()
    {
        var ci = PrivateCiFactory.Create();
        var smdp = new TestSmdp(TestSmdpOptions.ForPrivateCi(ci));
        var parts = TlvCodec.ReadSingle(smdp.BuildAuthenticateServerRequest(Challenge)).Children();
        Assert.Equal(ci.CiSubjectKeyId.ToArray(), parts[2].Value.ToArray());
        Assert.True(CertificateVerifier.Verify(parts[3].Raw, ci.CiCertificate, RspRole.DpAuth).IsValid);
        Assert.True(EcPublicKey.FromCertificate(parts[3].Raw.Span).Verify(parts[0].Raw.Span, parts[1].Value.Span));
    }

    [SkippableFact]
    public void PrepareDownloadRequest_Layout_SignatureAndHashCc()
    {
        var (smdp, card) = Session.Prepared();
        using var _ = card;
        var bf21 = smdp.BuildPrepareDownloadRequest("1234");
        var parts = TlvCodec.ReadSingle(bf21).Children();
        Assert.Equal([0x30, 0x5F37, 0x04, 0x30], parts.Select(p => p.Tag));
        Assert.Equal("3015" + "8010000102030405060708090A0B0C0D0E0F" + "0101FF", Hex(parts[0].Raw.Span));
        var expectedHash = SHA256.HashData([.. SHA256.HashData("1234"u8), .. smdp.TransactionId!]);
        Assert.Equal(expectedHash, parts[2].Value.ToArray());
        Assert.Equal(TestPki.DpPb(EcCurve.NistP256).Certificate, parts[3].Raw.ToArray());
        Oracle.AssertRoundTrips("PrepareDownloadRequest", bf21);

        var result = smdp.VerifyPrepareDownloadResponse(card.Handle(bf21));
        Assert.True(result.IsOk, result.Problem);
        Assert.Equal(65, result.EuiccOtpk!.Length);
    }

    [SkippableFact]
    public void SmdpSignature2_CoversSmdpSigned2AndEuiccSignature1()
    {
        var smdp = new TestSmdp(Session.Options());
        using var card = new ScriptedCardSide();
        var challenge = TlvCodec.ReadSingle(TlvCodec.ReadSingle(card.Handle([0xBF, 0x2E, 0x00])).Value).Value.ToArray();
        var auth = smdp.VerifyAuthenticateServerResponse(card.Handle(smdp.BuildAuthenticateServerRequest(challenge)));
        var key = EcPublicKey.FromCertificate(TestPki.DpPb(EcCurve.NistP256).Certificate);

        var bf21 = TlvCodec.ReadSingle(smdp.BuildPrepareDownloadRequest()).Children();
        Assert.Equal("0101" + "00", Hex(bf21[0].Children()[1].Raw.Span));
        Assert.True(key.Verify([.. bf21[0].Raw.Span, .. auth.EuiccSignature1!], bf21[1].Value.Span));

        var retry = TlvCodec.ReadSingle(smdp.BuildPrepareDownloadRequest(null, new byte[65], new SmdpFaults { BadSmdpSignature2 = true }))
            .Children();
        Assert.Equal(0x5F49, retry[0].Children()[2].Tag);
        Assert.False(key.Verify([.. retry[0].Raw.Span, .. auth.EuiccSignature1!], retry[1].Value.Span));
        Oracle.AssertRoundTrips("PrepareDownloadRequest", TlvCodec.Constructed(0xBF21, [.. retry.Select(r => r.Raw.ToArray())]));

        var wrongTx = TlvCodec.ReadSingle(smdp.BuildPrepareDownloadRequest(null, null,
            new SmdpFaults { WrongTransactionIdInPrepareDownload = true })).Children();
        Assert.NotEqual(smdp.TransactionId, wrongTx[0].Children()[0].Value.ToArray());
        Assert.True(key.Verify([.. wrongTx[0].Raw.Span, .. auth.EuiccSignature1!], wrongTx[1].Value.Span));

        var pb = TlvCodec.ReadSingle(smdp.BuildPrepareDownloadRequest(null, null,
            new SmdpFaults { PbCertificate = CertificateFault.OtherCi })).Children();
        Assert.False(CertificateVerifier.Verify(pb[2].Raw, TestPki.CiCertificate(EcCurve.NistP256), RspRole.DpPb).IsValid);
    }

    [SkippableFact]
    public void VerifyPrepareDownloadResponse_ErrorAndTamper()
    {
        var (smdp, card) = Session.Prepared();
        using var _ = card;
        var bf21 = smdp.BuildPrepareDownloadRequest();
        var response = card.Handle(bf21);
        var tampered = response.ToArray();
        tampered[^1] ^= 1;
        Assert.Equal(PeerOutcome.Rejected, smdp.VerifyPrepareDownloadResponse(tampered).Outcome);
        var error = TlvCodec.Constructed(0xBF21,
            TlvCodec.Constructed(0xA1, TlvCodec.Encode(0x80, smdp.TransactionId), TlvCodec.Encode(0x02, [5])));
        var result = smdp.VerifyPrepareDownloadResponse(error);
        Assert.Equal(PeerOutcome.CardError, result.Outcome);
        Assert.Equal(5, result.ErrorCode);
        Oracle.AssertRoundTrips("PrepareDownloadResponse", error);
        Oracle.AssertRoundTrips("PrepareDownloadResponse", response);
    }

    [SkippableFact]
    public void CancelSession_LayoutAndVerify()
    {
        var (smdp, card) = Session.Prepared();
        using var _ = card;
        var bf41 = smdp.BuildCancelSessionRequest(CancelSessionReason.Postponed);
        Assert.Equal("BF4115" + "8010000102030405060708090A0B0C0D0E0F" + "810101", Hex(bf41));
        Oracle.AssertRoundTrips("CancelSessionRequest", bf41);
        var response = card.Handle(bf41);
        Oracle.AssertRoundTrips("CancelSessionResponse", response);
        var result = smdp.VerifyCancelSessionResponse(response);
        Assert.True(result.IsOk, result.Problem);
        Assert.Equal(1, result.Reason);
        var error = smdp.VerifyCancelSessionResponse(Convert.FromHexString("BF4103810105"));
        Assert.Equal(PeerOutcome.CardError, error.Outcome);
        Assert.Equal(5, error.ErrorCode);
    }
}
