using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Card.IsdR.Iot;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Peers.Tests.Support;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Messages;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.State;
using static EuiccEmulator.Peers.Tests.Eim.EimTestSupport;

namespace EuiccEmulator.Peers.Tests.Eim;

public class EuiccPackageResultTests
{
    private static (TestEim Eim, CardKey Card) Pair(EprSignatureInput input = EprSignatureInput.EimSignature)
    {
        var card = new CardKey();
        var eim = NewEim(o => o with { EuiccCertificate = card.Certificate, ResultSignatureInput = input, AssociationToken = 5 });
        return (eim, card);
    }

    [SkippableTheory]
    [InlineData(EprSignatureInput.EimSignature)]
    [InlineData(EprSignatureInput.AssociationToken)]
    public void Verify_SignedResult_BothInputVariants_Verify(EprSignatureInput input)
    {
        var (eim, card) = Pair(input);
        using var _ = eim;
        using var __ = card;
        var request = eim.BuildEuiccPackage([Psmo.Enable(Iccid), Psmo.GetRat()], transactionId: TransactionId);
        var result = SignedResult(card, request, input, 9, Bytes("830100"), Bytes("A600"));

        var info = eim.VerifyEuiccPackageResult(result, request);
        Assert.True(info.IsValid, string.Join("; ", info.Problems));
        Assert.True(info.SignatureValid);
        Assert.True(info.AllOk);
        Assert.Equal(9, info.SeqNumber);
        Assert.Equal([EuiccResultKind.Enable, EuiccResultKind.GetRat], info.Results.Select(r => r.Kind));
        Assert.Empty(info.Results[1].Rules!);
        Oracle.AssertRoundTrips("EuiccPackageResult", result);

        // The other variant does not verify the same bytes.
        var other = input == EprSignatureInput.EimSignature ? EprSignatureInput.AssociationToken : EprSignatureInput.EimSignature;
        var wrong = eim.VerifyEuiccPackageResult(result, request, other);
        Assert.False(wrong.SignatureValid);
        Assert.False(wrong.IsValid);
    }

    [SkippableFact]
    public void Verify_SpecInput_IsResultTlvThenEimSignatureDo()
    {
        using var eim = NewEim();
        var request = eim.BuildEuiccPackage([Psmo.GetRat()]);
        byte[] data = [0x30, 0x00];
        var input = TestEim.ResultSignatureInput(data, request, EprSignatureInput.EimSignature);
        Assert.Equal("3000" + "5F3740" + Hex(request.Signature), Hex(input));
        Assert.Equal("3000840100", Hex(TestEim.ResultSignatureInput(data, request, EprSignatureInput.AssociationToken)));
    }

    [SkippableFact]
    public void Verify_EchoMismatches_AreReported()
    {
        var (eim, card) = Pair();
        using var _ = eim;
        using var __ = card;
        var request = eim.BuildEuiccPackage([Psmo.Disable(Iccid)], transactionId: TransactionId);
        var result = SignedResult(card, request, EprSignatureInput.EimSignature, "other.example", request.CounterValue + 1, [0x01], 1,
            Bytes("840100"));
        var info = eim.VerifyEuiccPackageResult(result, request);
        Assert.True(info.SignatureValid);
        Assert.Equal(3, info.Problems.Count);
        Assert.Contains(info.Problems, p => p.StartsWith("eimId", StringComparison.Ordinal));
        Assert.Contains(info.Problems, p => p.StartsWith("counterValue", StringComparison.Ordinal));
        Assert.Contains(info.Problems, p => p.StartsWith("eimTransactionId", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Verify_TamperedResult_SignatureFails()
    {
        var (eim, card) = Pair();
        using var _ = eim;
        using var __ = card;
        var request = eim.BuildEuiccPackage([Psmo.Delete(Iccid)]);
        var result = SignedResult(card, request, EprSignatureInput.EimSignature, 2, Bytes("850100"));
        var at = Hex(result).IndexOf("850100", StringComparison.Ordinal) / 2;
        result[at + 2] = 0x01;
        var info = eim.VerifyEuiccPackageResult(result, request);
        Assert.False(info.SignatureValid);
        Assert.Equal(1, info.Results[0].Code);
    }

    [SkippableFact]
    public void Verify_WithoutEuiccCertificate_ReportsIt()
    {
        using var card = new CardKey();
        using var eim = NewEim();
        var request = eim.BuildEuiccPackage([Psmo.GetRat()]);
        var info = eim.VerifyEuiccPackageResult(SignedResult(card, request, EprSignatureInput.EimSignature, 1, Bytes("A600")), request);
        Assert.Null(info.SignatureValid);
        Assert.Contains("no CERT.EUICC", info.Problems[0], StringComparison.Ordinal);

        eim.TrustEuiccCertificate(card.Certificate);
        Assert.True(
            eim.VerifyEuiccPackageResult(SignedResult(card, request, EprSignatureInput.EimSignature, 1, Bytes("A600")), request).IsValid);
    }

    [SkippableFact]
    public void Verify_EveryResultAlternative_IsTyped()
    {
        var (eim, card) = Pair();
        using var _ = eim;
        using var __ = card;
        var request = eim.BuildEuiccPackage(
        [
            Psmo.Enable(Iccid), Psmo.Disable(Iccid), Psmo.Delete(Iccid), Psmo.ListProfileInfo(), Psmo.GetRat(),
            Psmo.ConfigureImmediateEnable(true),
            Psmo.SetFallbackAttribute(Iccid), Psmo.UnsetFallbackAttribute(), Psmo.SetDefaultDpAddress("x.example"),
            Psmo.ListProfileInfo(profileClass: 9),
        ]);
        byte[][] results =
        [
            Bytes("830114"), Bytes("840102"), Bytes("850115"),
            Bytes("BF2D0E A00C E30A 5A08 9800103254769810"),
            Bytes("A60B 3009 80020640 A100 820100"),
            Bytes("870100"), Bytes("8D0103"), Bytes("8E0102"), Bytes("BF6503800100"), Bytes("BF2D03810101"),
        ];
        var response = SignedResult(card, request, EprSignatureInput.EimSignature, 3, results);
        var info = eim.VerifyEuiccPackageResult(response, request);
        Assert.True(info.IsValid, string.Join("; ", info.Problems));
        Assert.False(info.AllOk);
        Assert.Equal(
            [EuiccResultKind.Enable, EuiccResultKind.Disable, EuiccResultKind.Delete, EuiccResultKind.ListProfileInfo,
                EuiccResultKind.GetRat,
             EuiccResultKind.ConfigureImmediateEnable, EuiccResultKind.SetFallbackAttribute, EuiccResultKind.UnsetFallbackAttribute,
             EuiccResultKind.SetDefaultDpAddress, EuiccResultKind.ListProfileInfo],
            info.Results.Select(r => r.Kind));
        Assert.Equal([20, 2, 21, null, null, 0, 3, 2, 0, 1], info.Results.Select(r => r.Code));
        Assert.Single(info.Results[3].ProfileInfos!);
        Assert.Equal("300980020640A100820100", Hex(info.Results[4].Rules!.Single()));
        Oracle.AssertRoundTrips("EuiccPackageResult", response);
    }

    [SkippableFact]
    public void Verify_EcoResults_AreTyped()
    {
        var (eim, card) = Pair();
        using var _ = eim;
        using var __ = card;
        var request = eim.BuildEuiccPackage([Eco.AddEim(new EimConfigurationData { EimId = "n" }),
            Eco.AddEim(new EimConfigurationData { EimId = "m" }), Eco.DeleteEim("n"),
            Eco.UpdateEim(new EimConfigurationData { EimId = "m" }), Eco.ListEim()]);
        byte[][] results =
        [
            Bytes("A803 840107"), Bytes("A803 020102"), Bytes("890100"), Bytes("8A0101"),
            Bytes("AB1D A01B 3014 800F 65696D2E6578616D706C652E636F6D 820102 3003 80016D"),
        ];
        var response = SignedResult(card, request, EprSignatureInput.EimSignature, 4, results);
        var info = eim.VerifyEuiccPackageResult(response, request);
        Assert.True(info.IsValid, string.Join("; ", info.Problems));
        Assert.Equal(7, info.Results[0].AssociationToken);
        Assert.Equal(2, info.Results[1].Code);
        Assert.Equal([new EimIdInfo("eim.example.com", EimIdType.Fqdn), new EimIdInfo("m", null)], info.Results[4].EimIds);
        Oracle.AssertRoundTrips("EuiccPackageResult", response);
    }

    [SkippableFact]
    public void Verify_ProcessingTerminated_EndsTheList()
    {
        var (eim, card) = Pair();
        using var _ = eim;
        using var __ = card;
        var request = eim.BuildEuiccPackage([Psmo.GetRat(), Psmo.GetRat(), Psmo.GetRat()]);
        var response = SignedResult(card, request, EprSignatureInput.EimSignature, 5, Bytes("A600"), Bytes("020101"));
        var info = eim.VerifyEuiccPackageResult(response, request);
        Assert.True(info.IsValid, string.Join("; ", info.Problems));
        Assert.Equal(EuiccResultKind.ProcessingTerminated, info.Results[^1].Kind);
        Assert.Equal(1, info.Results[^1].Code);
        Assert.False(info.AllOk);
        Oracle.AssertRoundTrips("EuiccPackageResult", response);
    }

    [SkippableFact]
    public void Verify_WrongResultKindOrCount_IsReported()
    {
        var (eim, card) = Pair();
        using var _ = eim;
        using var __ = card;
        var request = eim.BuildEuiccPackage([Psmo.Enable(Iccid), Psmo.Disable(Iccid)]);
        var info = eim.VerifyEuiccPackageResult(SignedResult(card, request, EprSignatureInput.EimSignature, 6, Bytes("840100")), request);
        Assert.Equal(2, info.Problems.Count);
        Assert.True(info.SignatureValid);
    }

    [SkippableTheory]
    [InlineData(EprSignatureInput.EimSignature)]
    [InlineData(EprSignatureInput.AssociationToken)]
    public void Verify_SignedError_GivesCodeAndVerifies(EprSignatureInput input)
    {
        var (eim, card) = Pair(input);
        using var _ = eim;
        using var __ = card;
        var request = eim.BuildEuiccPackage([Psmo.GetRat()], faults: new EimFaults { ReplayCounter = true });
        var response = SignedError(card, request, input, (int)EuiccPackageErrorCode.ReplayError);
        var info = eim.VerifyEuiccPackageResult(response, request);
        Assert.Equal(EuiccPackageResultKind.SignedError, info.Kind);
        Assert.Equal(4, info.ErrorCode);
        Assert.True(info.SignatureValid);
        Assert.True(info.IsValid, string.Join("; ", info.Problems));
        Assert.False(info.AllOk);
        Oracle.AssertRoundTrips("EuiccPackageResult", response);
    }

    [SkippableFact]
    public void Verify_UnsignedError_ChecksEchoesOnly()
    {
        var (eim, card) = Pair();
        using var _ = eim;
        using var __ = card;
        var request = eim.BuildEuiccPackage([Psmo.GetRat()], transactionId: TransactionId,
            faults: new EimFaults { CorruptSignature = true });
        var response = TlvCodec.Constructed(0xBF51,
            TlvCodec.Constructed(0xA2, Utf8Do(0x80, request.EimId), TlvCodec.Encode(0x82, TransactionId), Bytes("840105")));
        var info = eim.VerifyEuiccPackageResult(response, request);
        Assert.Equal(EuiccPackageResultKind.UnsignedError, info.Kind);
        Assert.Equal(5, info.AssociationToken);
        Assert.Null(info.SignatureValid);
        Assert.True(info.IsValid, string.Join("; ", info.Problems));
        Oracle.AssertRoundTrips("EuiccPackageResult", response);

        var otherToken = TlvCodec.Constructed(0xBF51, TlvCodec.Constructed(0xA2, Utf8Do(0x80, request.EimId), Bytes("840106")));
        Assert.Single(eim.VerifyEuiccPackageResult(otherToken, request).Problems);
    }

    [SkippableFact]
    public void Parse_Malformed_Throws()
    {
        Assert.Throws<FormatException>(() => TestEim.ParseEuiccPackageResult(Bytes("BF5102A300")));
        Assert.Throws<FormatException>(() => TestEim.ParseEuiccPackageResult(Bytes("BF5105A003810101")));
        Assert.Throws<FormatException>(() => TestEim.ParseEuiccPackageResult(Bytes("BF2D00")));
    }

    [SkippableFact]
    public void TrustEuiccCertificate_GetCertsWithSgp26Chain_VerifiesChain()
    {
        using var eim = NewEim();
        var ci = TestPki.Sgp26Nist;
        using var card = new CardKey();
        var certs = new GetCertsResult(ci.EumCertificate.ToArray(), card.Certificate, null);
        // A self-signed stand-in is not issued by the EUM: the chain check refuses it.
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() =>
            eim.TrustEuiccCertificate(certs, ci.CiCertificate.ToArray()));
        eim.TrustEuiccCertificate(certs);
        var request = eim.BuildEuiccPackage([Psmo.GetRat()]);
        Assert.True(eim.VerifyEuiccPackageResult(SignedResult(card, request, EprSignatureInput.EimSignature, 1, Bytes("A600")), request)
            .SignatureValid);
    }
}
