using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Testing;

namespace EuiccEmulator.Rsp.Tests.Pki;

public sealed class TestPkiTests
{
    [Fact]
    public void Files_EmbeddedSet_EqualsKeysFolderWithoutLegacy()
    {
        var onDisk = Directory.EnumerateFiles(TestPaths.Sgp26Keys, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TestPaths.Sgp26Keys, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("legacy-v1.0/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(33, onDisk.Count);
        Assert.Equal(onDisk, TestPki.Files);
        Assert.All(onDisk, f => Assert.Equal(File.ReadAllBytes(Path.Combine(TestPaths.Sgp26Keys, f)), TestPki.ReadFile(f)));
    }

    [Fact]
    public void ReadFile_Unknown_FileNotFoundNamingIt()
    {
        var e = Assert.Throws<FileNotFoundException>(() => TestPki.ReadFile("EUM/SK_EUM_ECDSA_BRP.pem"));
        Assert.Contains("SK_EUM_ECDSA_BRP.pem", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sgp26Nist_Bundle_HasDocumentedSkisAndConstraint()
    {
        var bundle = TestPki.Sgp26Nist;

        Assert.Equal(Certs.CiNistSki, Hex.Of(bundle.CiSubjectKeyId));
        Assert.Equal(Certs.EumNistSki, Hex.Of(bundle.EumSubjectKeyId));
        Assert.Equal("RSP Test EUM", bundle.EumOrganization);
        Assert.Equal("89049032", bundle.EidPrefix);
        Assert.Equal(EcCurve.NistP256, bundle.EumCurve);
    }

    [Theory]
    [InlineData(EcCurve.NistP256, Certs.CiNistSki)]
    [InlineData(EcCurve.BrainpoolP256r1, Certs.CiBrpSki)]
    public void CiCertificate_EachCurve_KeyOnThatCurveAndDocumentedSki(EcCurve curve, string ski)
    {
        using var ci = Certs.Load(TestPki.CiCertificate(curve));

        Assert.Equal(curve, EcPublicKey.FromCertificate(ci.RawData).Curve);
        Assert.Equal(ski,
            Assert.IsType<System.Security.Cryptography.X509Certificates.X509SubjectKeyIdentifierExtension>(ci.Extensions["2.5.29.14"])
                .SubjectKeyIdentifier);
    }

    [Theory]
    [InlineData(EcCurve.NistP256)]
    [InlineData(EcCurve.BrainpoolP256r1)]
    public void Eim_EachCurve_PrivateKeyMatchesPublicKey(EcCurve curve)
    {
        var pair = TestPki.Eim(curve);
        using var key = EcSigningKey.ImportPkcs8(pair.PrivateKeyPkcs8);

        Assert.Equal(EcPublicKey.FromSubjectPublicKeyInfo(pair.SubjectPublicKeyInfo), key.PublicKey);
        Assert.Equal(curve, key.Curve);
        var rs = key.Sign("EuiccPackageSigned"u8);
        Assert.True(EcPublicKey.FromSubjectPublicKeyInfo(pair.SubjectPublicKeyInfo).Verify("EuiccPackageSigned"u8, rs));
    }

    [Theory]
    [InlineData(EcCurve.NistP256, Sgp26Server.SmDpPlus)]
    [InlineData(EcCurve.BrainpoolP256r1, Sgp26Server.SmDpPlus2)]
    public void DpKeys_PrivateKeyMatchesCertificate(EcCurve curve, Sgp26Server server)
    {
        foreach (var dp in new[] { TestPki.DpAuth(curve, server), TestPki.DpPb(curve, server) })
        {
            using var key = EcSigningKey.ImportPkcs8(dp.PrivateKeyPkcs8);
            Assert.Equal(EcPublicKey.FromCertificate(dp.Certificate), key.PublicKey);
        }
    }

    [Theory]
    [InlineData("nist", EcCurve.NistP256)]
    [InlineData("brainpool", EcCurve.BrainpoolP256r1)]
    [InlineData("BRP", EcCurve.BrainpoolP256r1)]
    public void EcCurvesTryParse_CliSpelling_Parsed(string text, EcCurve expected)
    {
        Assert.True(EcCurves.TryParse(text, out var curve));
        Assert.Equal(expected, curve);
        Assert.False(EcCurves.TryParse("secp384r1", out _));
    }
}
