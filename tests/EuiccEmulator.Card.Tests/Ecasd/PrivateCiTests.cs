using System.Security.Cryptography.X509Certificates;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Pki.Internal.BouncyCastle;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.Testing;

namespace EuiccEmulator.Card.Tests.Ecasd;

public sealed class PrivateCiTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "euicc-pki-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData(EcCurve.NistP256)]
    [InlineData(EcCurve.BrainpoolP256r1)]
    public void Create_EachCurve_CiEumEuiccChainVerifies(EcCurve curve)
    {
        var bundle = PrivateCiFactory.Create(new PrivateCiOptions { Curve = curve });
        var identity = CardIdentityFactory.Create(EidGenerator.Generate(bundle.EidPrefix), new CardIdentityOptions { Chains = [bundle] });
        var chain = identity.SigningChains[0];

        var result = CertificateVerifier.VerifyEuicc(chain.EuiccCertificate, chain.EumCertificate, bundle.CiCertificate);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(curve, result.PublicKey!.Curve);
        Assert.Equal(curve, bundle.Curve);
        Assert.True(BcEcdsa.VerifyCertificateSignature(bundle.CiCertificate.Span, bundle.CiCertificate.Span));
        Assert.True(BcEcdsa.VerifyCertificateSignature(bundle.EumCertificate.Span, bundle.CiCertificate.Span));
        Assert.True(BcEcdsa.VerifyCertificateSignature(chain.EuiccCertificate, bundle.EumCertificate.Span));
    }

    [Theory]
    [InlineData(EcCurve.NistP256, "1.2.840.10045.3.1.7")]
    [InlineData(EcCurve.BrainpoolP256r1, "1.3.36.3.3.2.8.1.1.7")]
    public void Create_EachCurve_CiProfiledLikeSgp26(EcCurve curve, string curveOid)
    {
        var bundle = PrivateCiFactory.Create(new PrivateCiOptions { Curve = curve });
        using var ci = Certs.Load(bundle.CiCertificate);

        Assert.Equal(ci.SubjectName.RawData, ci.IssuerName.RawData);
        Assert.Equal(curveOid, EcParametersOid(ci));
        Assert.Equal(
            [("2.5.29.14", false), ("2.5.29.19", true), ("2.5.29.32", true), ("2.5.29.15", true), ("2.5.29.17", false)],
            ci.Extensions.Select(e => (e.Oid!.Value, e.Critical)));
        var bc = Assert.IsType<X509BasicConstraintsExtension>(ci.Extensions["2.5.29.19"]);
        Assert.True(bc.CertificateAuthority);
        Assert.False(bc.HasPathLengthConstraint);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign,
            Assert.IsType<X509KeyUsageExtension>(ci.Extensions["2.5.29.15"]).KeyUsages);
        Assert.Equal("300B3009060767811201020100", Convert.ToHexString(ci.Extensions["2.5.29.32"]!.RawData));
        // SAN registeredID 2.999.1
        Assert.Equal("30058803883701", Convert.ToHexString(ci.Extensions["2.5.29.17"]!.RawData));
        Assert.Equal(Hex.Of(bundle.CiSubjectKeyId),
            Assert.IsType<X509SubjectKeyIdentifierExtension>(ci.Extensions["2.5.29.14"]).SubjectKeyIdentifier);
        Assert.Null(ci.Extensions["2.5.29.35"]);
    }

    [Theory]
    [InlineData(EcCurve.NistP256)]
    [InlineData(EcCurve.BrainpoolP256r1)]
    public void Create_EachCurve_EumProfiledLikeSgp26(EcCurve curve)
    {
        var bundle =
            PrivateCiFactory.Create(new PrivateCiOptions { Curve = curve, EidPrefix = "8904903299", EumOrganization = "Acme EUM" });
        using var eum = Certs.Load(bundle.EumCertificate);
        using var ci = Certs.Load(bundle.CiCertificate);

        Assert.Equal(ci.SubjectName.RawData, eum.IssuerName.RawData);
        Assert.Equal(
            [("2.5.29.35", false), ("2.5.29.14", false), ("2.5.29.15", true), ("2.5.29.32", true), ("2.5.29.17", false),
                ("2.5.29.19", true), ("2.5.29.30", true)],
            eum.Extensions.Select(e => (e.Oid!.Value, e.Critical)));
        var bc = Assert.IsType<X509BasicConstraintsExtension>(eum.Extensions["2.5.29.19"]);
        Assert.True(bc.CertificateAuthority);
        Assert.True(bc.HasPathLengthConstraint);
        Assert.Equal(0, bc.PathLengthConstraint);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign, Assert.IsType<X509KeyUsageExtension>(eum.Extensions["2.5.29.15"]).KeyUsages);
        Assert.Equal("300B3009060767811201020102", Convert.ToHexString(eum.Extensions["2.5.29.32"]!.RawData));
        var aki = new X509AuthorityKeyIdentifierExtension(eum.Extensions["2.5.29.35"]!.RawData);
        Assert.Equal(Hex.Of(bundle.CiSubjectKeyId), Hex.Of(aki.KeyIdentifier!.Value));

        // nameConstraints: permitted DirName { O=Acme EUM (UTF8String), serialNumber=8904903299 (PrintableString) }
        Assert.Equal(
            "3030A02E302CA42A3028" + "3111300F060355040A0C0841636D652045554D" + "31133011060355040513" + "0A38393034393033323939",
            Convert.ToHexString(eum.Extensions["2.5.29.30"]!.RawData));
        Assert.Equal("Acme EUM", bundle.EumOrganization);
        Assert.Equal("8904903299", bundle.EidPrefix);
    }

    [Fact]
    public void Create_CustomPrefix_EidOutsidePrefixRefused()
    {
        var bundle = PrivateCiFactory.Create(new PrivateCiOptions { EidPrefix = "8949000" });
        var options = new CardIdentityOptions { Chains = [bundle] };

        Assert.Throws<ArgumentException>(() => CardIdentityFactory.Create(EidGenerator.Generate("89049032"), options));
        var inside = CardIdentityFactory.Create(EidGenerator.Generate("8949000"), options);
        Assert.StartsWith("8949000", inside.Eid, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateInDirectory_ThenLoad_SameCertificatesAndUsableKeys()
    {
        var created = PrivateCiFactory.CreateInDirectory(_dir, new PrivateCiOptions { Curve = EcCurve.BrainpoolP256r1 });

        var loaded = CiBundle.Load(_dir);

        Assert.Equal(created.CiCertificate.ToArray(), loaded.CiCertificate.ToArray());
        Assert.Equal(created.EumCertificate.ToArray(), loaded.EumCertificate.ToArray());
        Assert.Equal(EcCurve.BrainpoolP256r1, loaded.Curve);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(Path.Combine(_dir, CiBundle.EumKeyFile)),
            StringComparison.Ordinal);
        var identity = CardIdentityFactory.Create(EidGenerator.Generate(loaded.EidPrefix), new CardIdentityOptions { Chains = [loaded] });
        var chain = identity.SigningChains[0];
        Assert.True(CertificateVerifier.VerifyEuicc(chain.EuiccCertificate, chain.EumCertificate, loaded.CiCertificate).IsValid);
    }

    [Fact]
    public void CreateInDirectory_OnUnix_KeyFilesOwnerOnly()
    {
        PrivateCiFactory.CreateInDirectory(_dir);
        if (OperatingSystem.IsWindows())
        {
            Assert.True(File.Exists(Path.Combine(_dir, CiBundle.CiKeyFile)));
            return;
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, CiBundle.CiKeyFile)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, CiBundle.EumKeyFile)));
    }

    [Fact]
    public void Save_FilesAlreadyThere_RefusesToOverwrite()
    {
        var first = PrivateCiFactory.CreateInDirectory(_dir);

        var e = Assert.Throws<IOException>(() => PrivateCiFactory.CreateInDirectory(_dir));
        Assert.Contains("already exists", e.Message, StringComparison.Ordinal);
        Assert.Equal(first.CiCertificate.ToArray(), CiBundle.Load(_dir).CiCertificate.ToArray());
    }

    [Theory]
    [InlineData("ci.der")]
    [InlineData("ci.key.pem")]
    [InlineData("eum.der")]
    [InlineData("eum.key.pem")]
    public void Load_FileMissing_OneLineMessageNamesIt(string missing)
    {
        PrivateCiFactory.CreateInDirectory(_dir);
        File.Delete(Path.Combine(_dir, missing));

        var e = Assert.Throws<FileNotFoundException>(() => CiBundle.Load(_dir));

        Assert.Contains(Path.Combine(_dir, missing), e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("ci.der")]
    [InlineData("ci.key.pem")]
    [InlineData("eum.der")]
    [InlineData("eum.key.pem")]
    public void Load_FileCorrupt_OneLineMessageNamesIt(string corrupt)
    {
        PrivateCiFactory.CreateInDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, corrupt), "not a certificate or key");

        var e = Assert.Throws<InvalidDataException>(() => CiBundle.Load(_dir));

        Assert.Contains(Path.Combine(_dir, corrupt), e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Load_EumKeyFromAnotherCi_MessageNamesKeyFile()
    {
        PrivateCiFactory.CreateInDirectory(_dir);
        var other = Path.Combine(_dir, "other");
        PrivateCiFactory.CreateInDirectory(other);
        File.Copy(Path.Combine(other, CiBundle.EumKeyFile), Path.Combine(_dir, CiBundle.EumKeyFile), overwrite: true);

        var e = Assert.Throws<InvalidDataException>(() => CiBundle.Load(_dir));

        Assert.Contains(CiBundle.EumKeyFile, e.Message, StringComparison.Ordinal);
        Assert.Contains("does not match", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EumFromAnotherCi_MessageNamesEumFile()
    {
        PrivateCiFactory.CreateInDirectory(_dir);
        var other = Path.Combine(_dir, "other");
        PrivateCiFactory.CreateInDirectory(other);
        File.Copy(Path.Combine(other, CiBundle.EumCertificateFile), Path.Combine(_dir, CiBundle.EumCertificateFile), overwrite: true);

        var e = Assert.Throws<InvalidDataException>(() => CiBundle.Load(_dir));

        Assert.Contains(Path.Combine(_dir, CiBundle.EumCertificateFile), e.Message, StringComparison.Ordinal);
        Assert.Contains("does not verify under the CI", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DirectoryMissing_DirectoryNotFound()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => CiBundle.Load(_dir));
        Assert.Contains(_dir, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IssueServerCertificate_PrivateCi_VerifiesWithRoleAndOid()
    {
        var bundle = PrivateCiFactory.Create(new PrivateCiOptions { Curve = EcCurve.BrainpoolP256r1 });

        var dpAuth = bundle.IssueServerCertificate(RspRole.DpAuth, "2.999.10", "ACME", "TEST SM-DP+");
        var result = CertificateVerifier.Verify(dpAuth.Certificate, bundle.CiCertificate, RspRole.DpAuth);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal("2.999.10", result.RegisteredId);
        Assert.Equal(EcCurve.BrainpoolP256r1, result.PublicKey!.Curve);
        using var key = EcSigningKey.ImportPkcs8(dpAuth.PrivateKeyPkcs8);
        Assert.Equal(key.PublicKey, result.PublicKey);
    }

    private static string EcParametersOid(X509Certificate2 cert)
    {
        var reader = new System.Formats.Asn1.AsnReader(cert.PublicKey.EncodedParameters!.RawData!,
            System.Formats.Asn1.AsnEncodingRules.DER);
        return reader.ReadObjectIdentifier();
    }

    [Fact]
    public void Generate_PrivateCiEid_HasValidCheckDigits()
    {
        var bundle = PrivateCiFactory.Create(new PrivateCiOptions { EidPrefix = "89001012" });
        var identity = CardIdentityFactory.CreateRandom(new CardIdentityOptions { Chains = [bundle] }, new Random(3));
        Assert.True(Eid.TryParse(identity.Eid, out _, out var why), why);
        Assert.StartsWith("89001012", identity.Eid, StringComparison.Ordinal);
    }
}
