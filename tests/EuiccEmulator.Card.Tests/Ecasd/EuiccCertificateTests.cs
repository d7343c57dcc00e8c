using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Pki.Internal.BouncyCastle;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.Testing;

namespace EuiccEmulator.Card.Tests.Ecasd;

// SGP.22 §4.5.2.1.0.3: CERT.EUICC.ECDSA profile.
public sealed class EuiccCertificateTests
{
    private static readonly Eid s_eid = Eid.Parse("89049032123451234512345678901235");

    [Fact]
    public void Create_Sgp26Chain_SubjectAndIssuerFollowEum()
    {
        var identity = CardIdentityFactory.Create(s_eid);
        using var cert = Certs.Load(identity.SigningChains[0].EuiccCertificate);
        using var eum = Certs.Load(identity.SigningChains[0].EumCertificate);

        Assert.Equal(
            [("2.5.4.6", "ES"), ("2.5.4.10", "RSP Test EUM"), ("2.5.4.5", s_eid.Digits), ("2.5.4.3", "Test eUICC")],
            Certs.Rdns(cert.SubjectName));
        Assert.Equal(eum.SubjectName.RawData, cert.IssuerName.RawData);
        Assert.Equal(3, cert.Version);
        Assert.Equal("1.2.840.10045.4.3.2", cert.SignatureAlgorithm.Value);
        Assert.Equal(s_eid.Digits, identity.Eid);
    }

    [Fact]
    public void Create_Sgp26Chain_ExtensionsInLegacyOrderWithCriticality()
    {
        var identity = CardIdentityFactory.Create(s_eid);
        using var cert = Certs.Load(identity.SigningChains[0].EuiccCertificate);
        using var legacy = Certs.Load(Certs.DiskFile("legacy-v1.0/euicc.der"));

        var ours = cert.Extensions.Select(e => (e.Oid!.Value, e.Critical)).ToList();
        Assert.Equal([("2.5.29.14", false), ("2.5.29.35", false), ("2.5.29.15", true), ("2.5.29.32", true)], ours);
        Assert.Equal(legacy.Extensions.Select(e => (e.Oid!.Value, e.Critical)).ToList(), ours);

        var keyUsage = Assert.IsType<X509KeyUsageExtension>(cert.Extensions["2.5.29.15"]);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, keyUsage.KeyUsages);
        Assert.Equal(legacy.Extensions["2.5.29.15"]!.RawData, keyUsage.RawData);
        // SEQUENCE { SEQUENCE { OID 2.23.146.1.2.1.1 } }
        Assert.Equal("300B3009060767811201020101", Convert.ToHexString(cert.Extensions["2.5.29.32"]!.RawData));
    }

    [Fact]
    public void Create_Sgp26Chain_KeyIdentifiersLinkToEum()
    {
        var identity = CardIdentityFactory.Create(s_eid);
        using var cert = Certs.Load(identity.SigningChains[0].EuiccCertificate);

        var aki = new X509AuthorityKeyIdentifierExtension(cert.Extensions["2.5.29.35"]!.RawData, critical: false);
        Assert.Equal(Certs.EumNistSki, Hex.Of(aki.KeyIdentifier!.Value));

        var ski = Assert.IsType<X509SubjectKeyIdentifierExtension>(cert.Extensions["2.5.29.14"]);
        var expected = SHA1.HashData(cert.PublicKey.EncodedKeyValue.RawData);
        Assert.Equal(Convert.ToHexString(expected), ski.SubjectKeyIdentifier);
    }

    [Fact]
    public void Create_Sgp26Chain_SerialPositiveAndRandom()
    {
        using var a = Certs.Load(CardIdentityFactory.Create(s_eid).SigningChains[0].EuiccCertificate);
        using var b = Certs.Load(CardIdentityFactory.Create(s_eid).SigningChains[0].EuiccCertificate);

        var serial = a.SerialNumberBytes.Span; // big-endian
        Assert.True(serial.Length >= 8);
        Assert.True(serial[0] is > 0 and < 0x80);
        Assert.NotEqual(Hex.Of(a.SerialNumberBytes), Hex.Of(b.SerialNumberBytes));
        Assert.True(a.NotAfter.Year >= 2050, $"validity ends {a.NotAfter:u}");
        Assert.True(a.NotBefore <= DateTime.Now);
    }

    [Fact]
    public void Create_Sgp26Chain_VerifiesUnderEumThenCi()
    {
        var identity = CardIdentityFactory.Create(s_eid);
        var chain = identity.SigningChains[0];
        var ci = TestPki.CiCertificate(EcCurve.NistP256);

        var result = CertificateVerifier.VerifyEuicc(chain.EuiccCertificate, chain.EumCertificate, ci);
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(RspRole.Euicc, result.Role);
        Assert.Equal(s_eid.Digits, result.SubjectSerialNumber);

        // Independent implementation: BouncyCastle checks both certificate signatures.
        Assert.True(BcEcdsa.VerifyCertificateSignature(chain.EuiccCertificate, chain.EumCertificate));
        Assert.True(BcEcdsa.VerifyCertificateSignature(chain.EumCertificate, ci));
        Assert.Equal(Certs.CiNistSki, Convert.ToHexString(chain.CiSubjectKeyId));
    }

    [Fact]
    public void Create_Sgp26Chain_PrivateKeyMatchesCertificate()
    {
        var chain = CardIdentityFactory.Create(s_eid).SigningChains[0];
        using var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(chain.EuiccPrivateKeyPkcs8, out _);
        using var cert = Certs.Load(chain.EuiccCertificate);
        using var certKey = cert.GetECDsaPublicKey()!;

        var data = "bound"u8.ToArray();
        var sig = key.SignData(data, HashAlgorithmName.SHA256);
        Assert.True(certKey.VerifyData(data, sig, HashAlgorithmName.SHA256));
    }

    [Theory]
    [InlineData("89049033000000000000000000000000")]
    [InlineData("89033024000000000000000000000000")]
    public void Create_EidOutsideEumPrefix_RefusedWithReason(string first30Padded)
    {
        var eid = Eid.WithCheckDigits(first30Padded[..30]);

        var e = Assert.Throws<ArgumentException>(() => CardIdentityFactory.Create(eid));
        Assert.Contains("outside the EUM name constraint", e.Message, StringComparison.Ordinal);
        Assert.Contains("89049032", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DefaultOptions_TrustsBothSgp26Cis()
    {
        var identity = CardIdentityFactory.Create(s_eid);

        var skis = identity.TrustedCiCertificates.Select(c =>
            Convert.ToHexString(
                Assert.IsType<X509SubjectKeyIdentifierExtension>(Certs.Load(c).Extensions["2.5.29.14"]).SubjectKeyIdentifierBytes.Span));
        Assert.Equal([Certs.CiNistSki, Certs.CiBrpSki], skis);
        Assert.Single(identity.SigningChains);
    }

    [Fact]
    public void Create_Sgp26AndPrivateChains_OneChainPerCiAndAllTrusted()
    {
        var privateCi = PrivateCiFactory.Create(new PrivateCiOptions { Curve = EcCurve.BrainpoolP256r1 });

        var identity = CardIdentityFactory.Create(s_eid, new CardIdentityOptions { Chains = [TestPki.Sgp26Nist, privateCi] });

        Assert.Equal(
            [Certs.CiNistSki, Hex.Of(privateCi.CiSubjectKeyId)],
            identity.SigningChains.Select(c => Convert.ToHexString(c.CiSubjectKeyId)));
        Assert.Equal(3, identity.TrustedCiCertificates.Count);
        var second = identity.SigningChains[1];
        Assert.True(CertificateVerifier.VerifyEuicc(second.EuiccCertificate, second.EumCertificate, privateCi.CiCertificate).IsValid);
        Assert.Equal(EcCurve.BrainpoolP256r1, EcPublicKey.FromCertificate(second.EuiccCertificate).Curve);
    }

    [Fact]
    public void Create_SameCiTwice_Refused()
    {
        var options = new CardIdentityOptions { Chains = [TestPki.Sgp26Nist, TestPki.Sgp26Nist] };

        var e = Assert.Throws<ArgumentException>(() => CardIdentityFactory.Create(s_eid, options));
        Assert.Contains("same CI", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateRandom_Sgp26_EidInsidePrefix()
    {
        var identity = CardIdentityFactory.CreateRandom(random: new Random(7));

        Assert.StartsWith("89049032", identity.Eid, StringComparison.Ordinal);
        Assert.True(Eid.HasValidCheckDigits(identity.Eid));
    }

    [Fact]
    public void Create_EuiccCertificate_IsStrictDer()
    {
        var der = CardIdentityFactory.Create(s_eid).SigningChains[0].EuiccCertificate;

        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var cert = reader.ReadSequence();
        Assert.False(reader.HasData);
        var tbs = cert.ReadSequence();
        Assert.Equal(new Asn1Tag(TagClass.ContextSpecific, 0, true), tbs.PeekTag());
    }
}
