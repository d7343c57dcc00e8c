using System.Security.Cryptography;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.Testing;

namespace EuiccEmulator.Card.Tests.Ecasd;

// SGP.22 §5.7.13 / §5.7.14: the card's checks of CERT.DPauth and CERT.DPpb.
public sealed class CertificateVerifierTests
{
    public static TheoryData<EcCurve, Sgp26Server, string> Servers => new()
    {
        { EcCurve.NistP256, Sgp26Server.SmDpPlus, "2.999.10" },
        { EcCurve.BrainpoolP256r1, Sgp26Server.SmDpPlus, "2.999.10" },
        { EcCurve.NistP256, Sgp26Server.SmDpPlus2, "2.999.12" },
        { EcCurve.BrainpoolP256r1, Sgp26Server.SmDpPlus2, "2.999.12" },
    };

    [Theory]
    [MemberData(nameof(Servers))]
    public void Verify_Sgp26DpAuth_ValidWithRoleOidAndKey(EcCurve curve, Sgp26Server server, string oid)
    {
        var dp = TestPki.DpAuth(curve, server);

        var result = CertificateVerifier.Verify(dp.Certificate, TestPki.CiCertificate(curve), RspRole.DpAuth);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(RspRole.DpAuth, result.Role);
        Assert.Equal(oid, result.RegisteredId);
        using var key = EcSigningKey.ImportPkcs8(dp.PrivateKeyPkcs8);
        Assert.Equal(key.PublicKey, result.PublicKey);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void Verify_Sgp26DpPb_ValidWithRoleOidAndKey(EcCurve curve, Sgp26Server server, string oid)
    {
        var dp = TestPki.DpPb(curve, server);

        var result = CertificateVerifier.Verify(dp.Certificate, TestPki.CiCertificate(curve), RspRole.DpPb);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(RspRole.DpPb, result.Role);
        Assert.Equal(oid, result.RegisteredId);
        Assert.Equal(curve, result.PublicKey!.Curve);
    }

    [Theory]
    [InlineData(EcCurve.NistP256)]
    [InlineData(EcCurve.BrainpoolP256r1)]
    public void Verify_DpAuthExpectedAsDpPb_InvalidCertificate(EcCurve curve)
    {
        var result = CertificateVerifier.Verify(TestPki.DpAuth(curve).Certificate, TestPki.CiCertificate(curve), RspRole.DpPb);

        Assert.Equal(CertificateVerificationStatus.InvalidCertificate, result.Status);
        Assert.Contains("2.23.146.1.2.1.5", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_DpAuthWhereDsAuthAlsoAccepted_MatchesDpAuth()
    {
        var result = CertificateVerifier.Verify(
            TestPki.DpAuth(EcCurve.NistP256).Certificate, TestPki.CiCertificate(EcCurve.NistP256), [RspRole.DsAuth, RspRole.DpAuth]);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(RspRole.DpAuth, result.Role);
    }

    [Theory]
    [InlineData(EcCurve.NistP256, EcCurve.BrainpoolP256r1)]
    [InlineData(EcCurve.BrainpoolP256r1, EcCurve.NistP256)]
    public void Verify_OtherCi_InvalidCertificate(EcCurve certCurve, EcCurve ciCurve)
    {
        var result = CertificateVerifier.Verify(TestPki.DpAuth(certCurve).Certificate, TestPki.CiCertificate(ciCurve), RspRole.DpAuth);

        Assert.Equal(CertificateVerificationStatus.InvalidCertificate, result.Status);
        Assert.Contains("authorityKeyIdentifier", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EcCurve.NistP256)]
    [InlineData(EcCurve.BrainpoolP256r1)]
    public void Verify_TamperedSignature_InvalidCertificate(EcCurve curve)
    {
        var der = TestPki.DpPb(curve).Certificate;
        der[^1] ^= 0x01; // last byte of s inside the DER ECDSA-Sig-Value

        var result = CertificateVerifier.Verify(der, TestPki.CiCertificate(curve), RspRole.DpPb);

        Assert.Equal(CertificateVerificationStatus.InvalidCertificate, result.Status);
        Assert.Contains("signature", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_TamperedSubject_InvalidCertificate()
    {
        var der = TestPki.DpAuth(EcCurve.NistP256).Certificate;
        var acme = "ACME"u8.ToArray();
        var at = der.AsSpan().IndexOf(acme);
        Assert.True(at > 0);
        der[at] = (byte)'X';

        var result = CertificateVerifier.Verify(der, TestPki.CiCertificate(EcCurve.NistP256), RspRole.DpAuth);

        Assert.Equal(CertificateVerificationStatus.InvalidCertificate, result.Status);
    }

    [Fact]
    public void Verify_P384KeyUnderSgp26Ci_UnsupportedCurve()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var der = TestPki.Sgp26Nist.IssueUnderCi(p384.ExportSubjectPublicKeyInfo(), RspRole.DpAuth, "2.999.10", "ACME", "P-384 SM-DP+");

        var result = CertificateVerifier.Verify(der, TestPki.CiCertificate(EcCurve.NistP256), RspRole.DpAuth);

        Assert.Equal(CertificateVerificationStatus.UnsupportedCurve, result.Status);
        Assert.Equal((byte)3, (byte)result.Status);
        Assert.Contains("1.3.132.0.34", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_P256KeyUnderSgp26Ci_Valid()
    {
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var der = TestPki.Sgp26Nist.IssueUnderCi(p256.ExportSubjectPublicKeyInfo(), RspRole.DsAuth, "2.999.20", "ACME", "SM-DS");

        var result = CertificateVerifier.Verify(der, TestPki.CiCertificate(EcCurve.NistP256), RspRole.DsAuth);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal("2.999.20", result.RegisteredId);
    }

    [Fact]
    public void Verify_Garbage_InvalidCertificate()
    {
        var result = CertificateVerifier.Verify(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 }, TestPki.CiCertificate(EcCurve.NistP256),
            RspRole.DpAuth);

        Assert.Equal(CertificateVerificationStatus.InvalidCertificate, result.Status);
        Assert.Null(result.PublicKey);
    }

    [Fact]
    public void Verify_ExpiredDpAuth_ValidUnlessValidityChecked()
    {
        var dp = TestPki.DpAuth(EcCurve.NistP256).Certificate; // notAfter 2030-03-30
        var ci = TestPki.CiCertificate(EcCurve.NistP256);
        var late = new CertificateVerificationOptions { Time = new FixedTime(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero)) };

        Assert.True(CertificateVerifier.Verify(dp, ci, RspRole.DpAuth, late).IsValid);
        var checkedResult = CertificateVerifier.Verify(dp, ci, RspRole.DpAuth, late with { CheckValidity = true });
        Assert.Equal(CertificateVerificationStatus.InvalidCertificate, checkedResult.Status);
        Assert.Contains("expired", checkedResult.Reason, StringComparison.Ordinal);
        var inTime = new CertificateVerificationOptions { CheckValidity = true,
            Time = new FixedTime(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)) };
        Assert.True(CertificateVerifier.Verify(dp, ci, RspRole.DpAuth, inTime).IsValid);
    }

    [Fact]
    public void Verify_EumAsEum_ValidWithEumOid()
    {
        var result = CertificateVerifier.Verify(TestPki.Sgp26Nist.EumCertificate, TestPki.CiCertificate(EcCurve.NistP256), RspRole.Eum);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal("2.999.5", result.RegisteredId);
        Assert.Equal(Certs.EumNistSki, Hex.Of(result.SubjectKeyId));
    }

    [Fact]
    public void Verify_DpAuthAsEum_InvalidCertificate()
    {
        var result = CertificateVerifier.Verify(TestPki.DpAuth(EcCurve.NistP256).Certificate, TestPki.CiCertificate(EcCurve.NistP256),
            RspRole.Eum);

        Assert.Equal(CertificateVerificationStatus.InvalidCertificate, result.Status);
        Assert.Contains("keyCertSign", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_EuiccRoleDirect_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() =>
            CertificateVerifier.Verify(TestPki.DpAuth(EcCurve.NistP256).Certificate, TestPki.CiCertificate(EcCurve.NistP256),
                RspRole.Euicc));
    }

    [Fact]
    public void VerifyEuicc_LegacySgp26EuiccCertificate_ValidThroughCurrentEum()
    {
        // SGP.26 v1.0 eUICC key re-issued by the same EUM key; AKI DD3D... = SKI of the v3 EUM certificate.
        var legacy = Certs.DiskFile("legacy-v1.0/euicc.der");

        var result = CertificateVerifier.VerifyEuicc(legacy, TestPki.Sgp26Nist.EumCertificate, TestPki.CiCertificate(EcCurve.NistP256));

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal("89049032123451234512345678901235", result.SubjectSerialNumber);
    }

    [Fact]
    public void VerifyEuicc_EidOutsideNameConstraint_InvalidCertificate()
    {
        using var key = EcSigningKey.Generate(EcCurve.NistP256);
        var eid = Eid.WithCheckDigits("890490330000000000000000000000");
        var der = TestPki.Sgp26Nist.IssueEuiccCertificate(eid, key.PublicKey.ToSubjectPublicKeyInfo(), "Test eUICC", DateTimeOffset.UtcNow,
            enforceNameConstraint: false);

        var result = CertificateVerifier.VerifyEuicc(der, TestPki.Sgp26Nist.EumCertificate, TestPki.CiCertificate(EcCurve.NistP256));

        Assert.Equal(CertificateVerificationStatus.InvalidCertificate, result.Status);
        Assert.Contains("name constraint", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyEuicc_EumUnderOtherCi_InvalidCertificateNamingEum()
    {
        var chain = CardIdentityFactory.Create(EidGenerator.Generate()).SigningChains[0];

        var result = CertificateVerifier.VerifyEuicc(chain.EuiccCertificate, chain.EumCertificate,
            TestPki.CiCertificate(EcCurve.BrainpoolP256r1));

        Assert.Equal(CertificateVerificationStatus.InvalidCertificate, result.Status);
        Assert.StartsWith("CERT.EUM:", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyEuicc_EuiccFromOtherEum_InvalidCertificate()
    {
        var privateCi = PrivateCiFactory.Create();
        var chain = CardIdentityFactory.Create(EidGenerator.Generate(), new CardIdentityOptions { Chains = [privateCi] }).SigningChains[0];

        var result = CertificateVerifier.VerifyEuicc(chain.EuiccCertificate, TestPki.Sgp26Nist.EumCertificate,
            TestPki.CiCertificate(EcCurve.NistP256));

        Assert.Equal(CertificateVerificationStatus.InvalidCertificate, result.Status);
        Assert.StartsWith("CERT.EUICC:", result.Reason, StringComparison.Ordinal);
    }
}
