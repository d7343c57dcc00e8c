using System.Formats.Asn1;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Peers.Tests.Support;
using EuiccEmulator.Rsp.Pki;
using static EuiccEmulator.Peers.Tests.Eim.EimTestSupport;

namespace EuiccEmulator.Peers.Tests.Eim;

public class EuiccPackageTests
{
    // 80 0F "eim.example.com", 5A 10 EID, 81 01 counter.
    private const string SignedPrefix = "80 0F 65696D2E6578616D706C652E636F6D 5A10 " + EidDigits;

    private static EcPublicKey Sgp26Key(EcCurve curve) => EcPublicKey.FromSubjectPublicKeyInfo(TestPki.Eim(curve).SubjectPublicKeyInfo);

    [SkippableTheory]
    [InlineData(EimEncodingTests.EimCurveCase.Nist)]
    [InlineData(EimEncodingTests.EimCurveCase.Brainpool)]
    public void BuildEuiccPackage_EnablePsmo_IsExactAndSignedWithSgp26Key(EimEncodingTests.EimCurveCase curveCase)
    {
        var curve = curveCase == EimEncodingTests.EimCurveCase.Nist ? EcCurve.NistP256 : EcCurve.BrainpoolP256r1;
        using var eim = NewEim(o => o with { Curve = curve });
        var request = eim.BuildEuiccPackage([Psmo.Enable(Iccid)], transactionId: TransactionId);

        var signed = Bytes("3048" + SignedPrefix + "810101 8210 0102030405060708090A0B0C0D0E0F10 A00E A30C" + IccidDo);
        Assert.Equal(Hex(signed), Hex(request.SignedData));
        Assert.Equal("BF51818D" + Hex(signed) + "5F3740", Hex(request.Encoded.AsSpan(0, 4 + signed.Length + 3)));
        Assert.Equal(4 + signed.Length + 67, request.Encoded.Length);
        // Signature input: EuiccPackageSigned TLV ‖ 84 01 00 (no association token).
        Assert.Equal(Hex(signed) + "840100", Hex(request.SignatureInput));
        var signature = request.Encoded.AsSpan(request.Encoded.Length - 64);
        Assert.True(Sgp26Key(curve).Verify([.. signed, 0x84, 0x01, 0x00], signature));
        Oracle.AssertRoundTrips("EuiccPackageRequest", request.Encoded);
    }

    [SkippableFact]
    public void BuildEuiccPackage_Structure_MatchesAsn1WithSystemFormatsAsn1()
    {
        using var eim = NewEim();
        var request = eim.BuildEuiccPackage([Psmo.Disable(Iccid), Psmo.ListProfileInfo(tagList: [0x5A]), Psmo.GetRat()],
            transactionId: TransactionId);
        var reader = new AsnReader(request.Encoded, AsnEncodingRules.DER);
        var outer = reader.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 81, true));
        reader.ThrowIfNotEmpty();
        var signed = outer.ReadSequence();
        Assert.Equal(64, outer.ReadOctetString(new Asn1Tag(TagClass.Application, 55)).Length);
        outer.ThrowIfNotEmpty();
        Assert.Equal("eim.example.com",
            signed.ReadCharacterString(UniversalTagNumber.UTF8String, new Asn1Tag(TagClass.ContextSpecific, 0)));
        Assert.Equal(EidDigits, Hex(signed.ReadOctetString(new Asn1Tag(TagClass.Application, 26))));
        Assert.Equal(1, (int)signed.ReadInteger(new Asn1Tag(TagClass.ContextSpecific, 1)));
        Assert.Equal(Hex(TransactionId), Hex(signed.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 2))));
        var list = signed.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
        signed.ThrowIfNotEmpty();
        Assert.Equal(new Asn1Tag(TagClass.ContextSpecific, 4, true), list.PeekTag());
        list.ReadEncodedValue();
        Assert.Equal(new Asn1Tag(TagClass.ContextSpecific, 45, true), list.PeekTag());
        list.ReadEncodedValue();
        Assert.Equal(new Asn1Tag(TagClass.ContextSpecific, 6, true), list.PeekTag());
        list.ReadEncodedValue();
        list.ThrowIfNotEmpty();
    }

    [SkippableFact]
    public void BuildEuiccPackage_EcoList_UsesA1AndVerifies()
    {
        using var eim = NewEim();
        var request = eim.BuildEuiccPackage([Eco.ListEim(), Eco.DeleteEim("other")], transactionId: null);
        var signed = TlvCodec.ReadSingle(request.SignedData).Children();
        Assert.Equal(0xA1, signed[^1].Tag);
        Assert.Equal("AB00A90780056F74686572", Hex(signed[^1].Value));
        Assert.True(eim.PublicKey.Verify(request.SignatureInput, request.Signature));
        Oracle.AssertRoundTrips("EuiccPackageRequest", request.Encoded);
    }

    [SkippableFact]
    public void BuildEuiccPackage_NoTransactionId_Omits82()
    {
        using var eim = NewEim(o => o with { AutoTransactionId = false });
        var request = eim.BuildEuiccPackage([Psmo.GetRat()]);
        Assert.DoesNotContain(TlvCodec.ReadSingle(request.SignedData).Children(), c => c.Tag == 0x82);
        Assert.Null(request.TransactionId);
        Oracle.AssertRoundTrips("EuiccPackageRequest", request.Encoded);
    }

    [SkippableFact]
    public void BuildEuiccPackage_SuccessivePackages_IncrementCounterByOne()
    {
        using var eim = NewEim(o => o with { InitialCounter = 0x7F });
        var counters = Enumerable.Range(0, 3).Select(_ => eim.BuildEuiccPackage([Psmo.GetRat()]).CounterValue).ToList();
        Assert.Equal([0x80L, 0x81, 0x82], counters);
        Assert.Equal(0x82, eim.LastCounter);
        // 0x80 needs a leading 00 to stay positive.
        using var fresh = NewEim(o => o with { InitialCounter = 0x7F });
        var first = fresh.BuildEuiccPackage([Psmo.GetRat()]);
        Assert.Contains("81020080", Hex(first.SignedData), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void BuildEuiccPackage_ExplicitCounter_IsUsedAndTracked()
    {
        using var eim = NewEim();
        Assert.Equal(40, eim.BuildEuiccPackage([Psmo.GetRat()], counter: 40).CounterValue);
        Assert.Equal(41, eim.BuildEuiccPackage([Psmo.GetRat()]).CounterValue);
    }

    [SkippableFact]
    public void BuildEuiccPackage_AssociationToken_IsInSignatureInputOnly()
    {
        using var eim = NewEim(o => o with { AssociationToken = 0x1234 });
        var request = eim.BuildEuiccPackage([Psmo.GetRat()]);
        Assert.Equal(Hex(request.SignedData) + "84021234", Hex(request.SignatureInput));
        Assert.DoesNotContain("84021234", Hex(request.Encoded), StringComparison.Ordinal);
        Assert.True(eim.PublicKey.Verify(request.SignatureInput, request.Signature));
    }

    [SkippableFact]
    public void Fault_WrongSigningKey_DoesNotVerifyWithEimKey()
    {
        using var eim = NewEim();
        var request = eim.BuildEuiccPackage([Psmo.GetRat()], faults: new EimFaults { WrongSigningKey = true });
        Assert.False(eim.PublicKey.Verify(request.SignatureInput, request.Signature));
        Assert.Equal(0, eim.LastCounter);
        Oracle.AssertRoundTrips("EuiccPackageRequest", request.Encoded);
    }

    [SkippableFact]
    public void Fault_CorruptSignature_DoesNotVerify()
    {
        using var eim = NewEim();
        var request = eim.BuildEuiccPackage([Psmo.GetRat()], faults: new EimFaults { CorruptSignature = true });
        Assert.False(eim.PublicKey.Verify(request.SignatureInput, request.Signature));
        Assert.Equal(Hex(request.Signature), Hex(request.Encoded.AsSpan(request.Encoded.Length - 64)));
    }

    [SkippableFact]
    public void Fault_WrongEid_IsSignedCorrectly()
    {
        using var eim = NewEim();
        var request = eim.BuildEuiccPackage([Psmo.GetRat()], faults: new EimFaults { WrongEid = true });
        Assert.NotEqual(EidDigits, Hex(request.EidValue));
        Assert.Contains("5A10" + Hex(request.EidValue), Hex(request.SignedData), StringComparison.Ordinal);
        Assert.True(eim.PublicKey.Verify(request.SignatureInput, request.Signature));
    }

    [SkippableFact]
    public void Fault_ReplayCounter_RepeatsLastAccepted()
    {
        using var eim = NewEim();
        var accepted = eim.BuildEuiccPackage([Psmo.GetRat()]);
        var replay = eim.BuildEuiccPackage([Psmo.GetRat()], faults: new EimFaults { ReplayCounter = true });
        Assert.Equal(accepted.CounterValue, replay.CounterValue);
        Assert.True(eim.PublicKey.Verify(replay.SignatureInput, replay.Signature));
        Assert.Equal(accepted.CounterValue + 1, eim.BuildEuiccPackage([Psmo.GetRat()]).CounterValue);
    }

    [SkippableFact]
    public void Fault_CounterTooHigh_Is8388608()
    {
        using var eim = NewEim();
        var request = eim.BuildEuiccPackage([Psmo.GetRat()], faults: new EimFaults { CounterTooHigh = true });
        Assert.Equal(8_388_608, request.CounterValue);
        Assert.Contains("810400800000", Hex(request.SignedData), StringComparison.Ordinal);
        Assert.Equal(0, eim.LastCounter);
        Oracle.AssertRoundTrips("EuiccPackageRequest", request.Encoded);
    }

    [SkippableFact]
    public void Fault_CounterSkip_JumpsAheadAndIsTracked()
    {
        using var eim = NewEim(o => o with { InitialCounter = 10 });
        var request = eim.BuildEuiccPackage([Psmo.GetRat()], faults: new EimFaults { CounterSkip = 5 });
        Assert.Equal(16, request.CounterValue);
        Assert.Equal(16, eim.LastCounter);
    }

    [SkippableFact]
    public void Fault_WrongAssociationToken_SignsAnotherTokenDo()
    {
        using var eim = NewEim(o => o with { AssociationToken = 7 });
        var request = eim.BuildEuiccPackage([Psmo.GetRat()], faults: new EimFaults { WrongAssociationToken = true });
        Assert.Equal("840107", Hex(request.AssociationTokenDo));
        Assert.False(eim.PublicKey.Verify([.. request.SignedData, .. request.AssociationTokenDo], request.Signature));
        Assert.True(eim.PublicKey.Verify([.. request.SignedData, 0x84, 0x01, 0x08], request.Signature));
    }

    [SkippableTheory]
    [InlineData(OversizeKind.ManyOperations, 1024)]
    [InlineData(OversizeKind.HugeTagList, 1024)]
    [InlineData(OversizeKind.HugeTagList, 300)]
    public void Fault_Oversize_ExceedsConfiguredLimitAndStaysDer(OversizeKind kind, int limit)
    {
        using var eim = NewEim();
        var request = eim.BuildEuiccPackage([Psmo.Enable(Iccid)], faults: new EimFaults { Oversize = kind, OversizeBytes = limit });
        Assert.InRange(request.Encoded.Length, limit + 1, limit + 4);
        Assert.Equal(request.ExpectedResults.Count, TlvCodec.ReadSingle(request.SignedData).Children()[^1].Children().Count);
        Assert.True(eim.PublicKey.Verify(request.SignatureInput, request.Signature));
        Oracle.AssertRoundTrips("EuiccPackageRequest", request.Encoded);
    }

    [SkippableFact]
    public void Fault_OversizeEcoList_UsesManyListEim()
    {
        using var eim = NewEim();
        var request = eim.BuildEuiccPackage([Eco.ListEim()],
            faults: new EimFaults { Oversize = OversizeKind.ManyOperations, OversizeBytes = 500 });
        Assert.True(request.Encoded.Length > 500);
        Assert.All(request.ExpectedResults, k => Assert.Equal(EuiccResultKind.ListEim, k));
    }

    [SkippableFact]
    public void Faults_FromOptions_ApplyToEveryPackage()
    {
        using var eim = NewEim(o => o with { Faults = new EimFaults { CorruptSignature = true } });
        Assert.False(
            eim.PublicKey.Verify(eim.BuildEuiccPackage([Psmo.GetRat()]).SignatureInput, eim.BuildEuiccPackage([Psmo.GetRat()]).Signature));
        var clean = eim.BuildEuiccPackage([Psmo.GetRat()], faults: EimFaults.None);
        Assert.True(eim.PublicKey.Verify(clean.SignatureInput, clean.Signature));
    }

    [SkippableFact]
    public void BuildEuiccPackage_AllPsmosOnePackage_RoundTrips()
    {
        using var eim = NewEim();
        Psmo[] all =
        [
            Psmo.Enable(Iccid, true), Psmo.Disable(Iccid), Psmo.Delete(Iccid), Psmo.ListProfileInfo(profileClass: 2), Psmo.GetRat(),
            Psmo.ConfigureImmediateEnable(true, "2.999.10", "a.example"), Psmo.SetFallbackAttribute(Iccid), Psmo.UnsetFallbackAttribute(),
            Psmo.SetDefaultDpAddress("b.example"),
        ];
        var request = eim.BuildEuiccPackage(all);
        Assert.Equal(all.Length, request.ExpectedResults.Count);
        Assert.True(eim.PublicKey.Verify(request.SignatureInput, request.Signature));
        Oracle.AssertRoundTrips("EuiccPackageRequest", request.Encoded);
    }

    [SkippableFact]
    public void BuildEuiccPackage_AllEcosOnePackage_RoundTrips()
    {
        using var eim = NewEim();
        using var other = NewEim(o =>
            o with { EimId = "other.example", KeyPresentation = EimKeyDataKind.Certificate, Curve = EcCurve.BrainpoolP256r1 });
        var request = eim.BuildEuiccPackage([Eco.AddEim(other.ConfigurationData),
            Eco.UpdateEim(other.ConfigurationData with { CounterValue = 3 }), Eco.ListEim(), Eco.DeleteEim("other.example")]);
        Assert.Equal([EuiccResultKind.AddEim, EuiccResultKind.UpdateEim, EuiccResultKind.ListEim, EuiccResultKind.DeleteEim],
            request.ExpectedResults);
        Oracle.AssertRoundTrips("EuiccPackageRequest", request.Encoded);
    }
}
