using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EuiccEmulator.Rsp.Pki.Internal;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Rsp.Pki;

/// <summary>A certificate issuer with its EUM: CI certificate and key, EUM certificate and key.</summary>
/// <remarks>
/// Either the embedded SGP.26 test PKI (<see cref="TestPki.Sgp26Nist"/>) or a private CI
/// from <see cref="PrivateCiFactory"/>.
/// </remarks>
public sealed class CiBundle
{
    /// <summary>File name of the CI certificate in a bundle directory.</summary>
    public const string CiCertificateFile = "ci.der";
    /// <summary>File name of the CI private key (PEM).</summary>
    public const string CiKeyFile = "ci.key.pem";
    /// <summary>File name of the EUM certificate.</summary>
    public const string EumCertificateFile = "eum.der";
    /// <summary>File name of the EUM private key (PEM).</summary>
    public const string EumKeyFile = "eum.key.pem";

    private readonly byte[] _ciCertificate;
    private readonly byte[] _ciKeyPkcs8;
    private readonly byte[] _eumCertificate;
    private readonly byte[] _eumKeyPkcs8;

    private CiBundle(
        byte[] ciCertificate,
        byte[] ciKeyPkcs8,
        byte[] eumCertificate,
        byte[] eumKeyPkcs8,
        CertificateVerificationResult ci,
        CertificateVerificationResult eum,
        string organization,
        string eidPrefix)
    {
        _ciCertificate = ciCertificate;
        _ciKeyPkcs8 = ciKeyPkcs8;
        _eumCertificate = eumCertificate;
        _eumKeyPkcs8 = eumKeyPkcs8;
        Curve = ci.PublicKey!.Curve;
        EumCurve = eum.PublicKey!.Curve;
        CiSubjectKeyId = ci.SubjectKeyId;
        EumSubjectKeyId = eum.SubjectKeyId;
        EumOrganization = organization;
        EidPrefix = eidPrefix;
    }

    /// <summary>The CI certificate (DER).</summary>
    public ReadOnlyMemory<byte> CiCertificate => _ciCertificate;

    /// <summary>The EUM certificate (DER), issued by the CI.</summary>
    public ReadOnlyMemory<byte> EumCertificate => _eumCertificate;

    /// <summary>Curve of the CI key.</summary>
    public EcCurve Curve { get; }

    /// <summary>Curve of the EUM key; minted eUICC keys use it.</summary>
    public EcCurve EumCurve { get; }

    /// <summary>The CI SKI = euiccCiPKId on the wire.</summary>
    public ReadOnlyMemory<byte> CiSubjectKeyId { get; }

    /// <summary>The EUM SKI.</summary>
    public ReadOnlyMemory<byte> EumSubjectKeyId { get; }

    /// <summary>Subject O of the EUM; minted eUICC certificates carry it.</summary>
    public string EumOrganization { get; }

    /// <summary>EID prefix permitted by the EUM name constraint ("" when the EUM has none).</summary>
    public string EidPrefix { get; }

    /// <summary>Builds a bundle from DER certificates and PKCS#8 keys; checks that keys match and the EUM verifies under the CI.</summary>
    public static CiBundle FromParts(
        ReadOnlySpan<byte> ciCertificate, ReadOnlySpan<byte> ciKeyPkcs8, ReadOnlySpan<byte> eumCertificate, ReadOnlySpan<byte> eumKeyPkcs8)
    {
        if (!TryFromParts(ciCertificate.ToArray(), ciKeyPkcs8.ToArray(), eumCertificate.ToArray(), eumKeyPkcs8.ToArray(), out var bundle,
            out var file, out var why))
        {
            throw new InvalidDataException($"{file}: {why}");
        }
        return bundle!;
    }

    /// <summary>Loads ci.der, ci.key.pem, eum.der and eum.key.pem from a directory.</summary>
    /// <exception cref="FileNotFoundException">a file is missing; the message names it.</exception>
    /// <exception cref="InvalidDataException">a file is unreadable or inconsistent; the message names it.</exception>
    public static CiBundle Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"CI directory {directory} does not exist");
        var ci = ReadFile(directory, CiCertificateFile);
        var ciKey = ReadKey(directory, CiKeyFile);
        var eum = ReadFile(directory, EumCertificateFile);
        var eumKey = ReadKey(directory, EumKeyFile);
        if (!TryFromParts(ci, ciKey, eum, eumKey, out var bundle, out var file, out var why))
            throw new InvalidDataException($"{Path.Combine(directory, file)}: {why}");
        return bundle!;
    }

    /// <summary>Writes the four files; keys as PKCS#8 PEM with owner-only mode. Refuses to overwrite.</summary>
    public void Save(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        foreach (var name in new[] { CiCertificateFile, CiKeyFile, EumCertificateFile, EumKeyFile })
        {
            if (File.Exists(Path.Combine(directory, name)))
                throw new IOException($"{Path.Combine(directory, name)} already exists; not overwriting a CI");
        }
        WriteFile(Path.Combine(directory, CiCertificateFile), _ciCertificate, secret: false);
        WriteFile(Path.Combine(directory, EumCertificateFile), _eumCertificate, secret: false);
        WriteFile(Path.Combine(directory, CiKeyFile), PemEncoding.WriteUtf8("PRIVATE KEY"u8, _ciKeyPkcs8), secret: true);
        WriteFile(Path.Combine(directory, EumKeyFile), PemEncoding.WriteUtf8("PRIVATE KEY"u8, _eumKeyPkcs8), secret: true);
    }

    /// <summary>Issues a server certificate (DPauth, DPpb, DSauth...) under this CI with a fresh key on <paramref name="curve"/>.</summary>
    // SGP.22 §4.5.2.x: keyUsage digitalSignature critical, role policy critical, SAN registeredID = entity OID.
    public TestServerKey IssueServerCertificate(
        RspRole role, string registeredId, string organization, string commonName, EcCurve? curve = null)
    {
        if (role is RspRole.Ci or RspRole.Eum or RspRole.Euicc)
            throw new ArgumentOutOfRangeException(nameof(role), role, "server roles only");
        using var key = EcSigningKey.Generate(curve ?? Curve);
        var cert = IssueUnderCi(key.Ecdsa.ExportSubjectPublicKeyInfo(), role, registeredId, organization, commonName);
        return new TestServerKey(cert, key.ExportPkcs8(), key.Curve);
    }

    /// <summary>Issues a TLS server certificate (TEST ONLY) for the given DNS names and IP addresses, with a fresh P-256 key.</summary>
    // SGP.22 §4.5.2.0.2 (CERT.DP.TLS): keyUsage digitalSignature, EKU serverAuth, policy id-rspRole-dp-tls, SAN dNSName + registeredID.
    public TestServerKey IssueTlsServerCertificate(
        string commonName, IEnumerable<string> dnsNames, IEnumerable<System.Net.IPAddress> ipAddresses, string registeredId)
    {
        ArgumentNullException.ThrowIfNull(dnsNames);
        ArgumentNullException.ThrowIfNull(ipAddresses);
        using var key = EcSigningKey.Generate(EcCurve.NistP256);
        var spki = key.Ecdsa.ExportSubjectPublicKeyInfo();
        var san = new AsnWriter(AsnEncodingRules.DER);
        using (san.PushSequence())
        {
            foreach (var name in dnsNames)
                san.WriteCharacterString(UniversalTagNumber.IA5String, name, new Asn1Tag(TagClass.ContextSpecific, 2));
            foreach (var ip in ipAddresses) san.WriteOctetString(ip.GetAddressBytes(), new Asn1Tag(TagClass.ContextSpecific, 7));
            san.WriteObjectIdentifier(registeredId, new Asn1Tag(TagClass.ContextSpecific, 8));
        }
        var policy = new AsnWriter(AsnEncodingRules.DER);
        using (policy.PushSequence())
        using (policy.PushSequence())
            policy.WriteObjectIdentifier(RspRole.DpTls.PolicyOid());
        var ci = X509Der.Split(_ciCertificate);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName("EuiccEmulator TEST");
        subject.AddCommonName(commonName);
        using var ciKey = EcSigningKey.ImportPkcs8(_ciKeyPkcs8);
        var now = DateTimeOffset.UtcNow;
        var cert = CertificateMint.Issue(
            ci.Subject.Span,
            ciKey.Ecdsa,
            subject.Build().RawData,
            spki,
            now.AddDays(-1),
            Min(now.AddYears(1), ci.NotAfter),
            [
                CertificateMint.AuthorityKeyIdentifier(CiSubjectKeyId.ToArray()),
                CertificateMint.SubjectKeyIdentifier(CertificateMint.KeyIdentifier(spki)),
                CertificateMint.KeyUsage(X509KeyUsageFlags.DigitalSignature),
                new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false),
                new X509Extension("2.5.29.32", policy.Encode(), critical: false),
                new X509Extension("2.5.29.17", san.Encode(), critical: false),
            ],
            serialBytes: 8);
        return new TestServerKey(cert, key.ExportPkcs8(), key.Curve);
    }

    /// <summary>Issues a server-role certificate for any subject key (tests use it for keys on unsupported curves).</summary>
    internal byte[] IssueUnderCi(
        ReadOnlySpan<byte> subjectPublicKeyInfo, RspRole role, string registeredId, string organization, string commonName)
    {
        var ci = X509Der.Split(_ciCertificate);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName(organization);
        subject.AddCommonName(commonName);
        using var ciKey = EcSigningKey.ImportPkcs8(_ciKeyPkcs8);
        var now = DateTimeOffset.UtcNow;
        var notAfter = Min(now.AddYears(10), ci.NotAfter);
        return CertificateMint.Issue(
            ci.Subject.Span,
            ciKey.Ecdsa,
            subject.Build().RawData,
            subjectPublicKeyInfo,
            now.AddDays(-1),
            notAfter,
            [
                CertificateMint.AuthorityKeyIdentifier(CiSubjectKeyId.ToArray()),
                CertificateMint.SubjectKeyIdentifier(CertificateMint.KeyIdentifier(subjectPublicKeyInfo)),
                CertificateMint.RegisteredId(registeredId),
                CertificateMint.KeyUsage(X509KeyUsageFlags.DigitalSignature),
                CertificateMint.Policy(role),
            ],
            serialBytes: 8);
    }

    /// <summary>Issues CERT.EUICC for an EID with the EUM key.</summary>
    // SGP.22 §4.5.2.1.0.3; layout mirrors SGP.26 v1.0 eUICC-cert: subject {C, O, serialNumber=EID, CN}; SKI, AKI, keyUsage, policy.
    internal byte[] IssueEuiccCertificate(
        Eid eid, ReadOnlySpan<byte> subjectPublicKeyInfo, string commonName, DateTimeOffset notBefore, bool enforceNameConstraint = true)
    {
        var eum = X509Der.Split(_eumCertificate);
        var refusal = EumConstraint.Check(eum, EumOrganization, eid.Digits);
        if (refusal is not null && enforceNameConstraint)
            throw new ArgumentException(refusal, nameof(eid));

        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            // C and O copied byte for byte from the EUM subject, so their string types match the issuer's.
            foreach (var rdn in X509Der.ReadName(eum.Subject))
            {
                if (rdn.Oid is RspOids.CountryName or RspOids.OrganizationName)
                    w.WriteEncodedValue(rdn.EncodedSet.Span);
            }
            CertificateMint.WriteRdn(w, RspOids.SerialNumber, eid.Digits, UniversalTagNumber.PrintableString);
            CertificateMint.WriteRdn(w, RspOids.CommonName, commonName, UniversalTagNumber.UTF8String);
        }

        using var eumKey = EcSigningKey.ImportPkcs8(_eumKeyPkcs8);
        return CertificateMint.Issue(
            eum.Subject.Span,
            eumKey.Ecdsa,
            w.Encode(),
            subjectPublicKeyInfo,
            notBefore,
            eum.NotAfter,
            [
                CertificateMint.SubjectKeyIdentifier(CertificateMint.KeyIdentifier(subjectPublicKeyInfo)),
                CertificateMint.AuthorityKeyIdentifier(EumSubjectKeyId.ToArray()),
                CertificateMint.KeyUsage(X509KeyUsageFlags.DigitalSignature),
                CertificateMint.Policy(RspRole.Euicc),
            ],
            serialBytes: 8); // 8 bytes: certificate decoders with a native-long serial (asn1c) reject longer ones
    }

    internal static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static bool TryFromParts(
        byte[] ci, byte[] ciKey, byte[] eum, byte[] eumKey, out CiBundle? bundle, out string file, out string why)
    {
        bundle = null;
        file = CiCertificateFile;
        var ciResult = SelfCheckCi(ci, out why);
        if (ciResult is null)
            return false;

        file = EumCertificateFile;
        var eumResult = CertificateVerifier.Verify(eum, ci, RspRole.Eum);
        if (!eumResult.IsValid)
        {
            why = "does not verify under the CI: " + eumResult.Reason;
            return false;
        }

        file = CiKeyFile;
        if (!KeyMatches(ciKey, ciResult.PublicKey!, out why))
            return false;
        file = EumKeyFile;
        if (!KeyMatches(eumKey, eumResult.PublicKey!, out why))
            return false;

        var parsedEum = X509Der.Split(eum);
        var (constraintOrg, prefix) = EumConstraint.FirstPermitted(parsedEum);
        var organization = EumConstraint.SubjectValue(parsedEum, RspOids.OrganizationName) ?? constraintOrg;
        file = EumCertificateFile;
        if (organization is null)
        {
            why = "EUM subject has no organizationName";
            return false;
        }
        bundle = new CiBundle(ci, ciKey, eum, eumKey, ciResult, eumResult, organization, prefix ?? "");
        why = "";
        return true;
    }

    private static CertificateVerificationResult? SelfCheckCi(byte[] ci, out string why)
    {
        try
        {
            var parsed = X509Der.Split(ci);
            var key = EcPublicKey.FromSubjectPublicKeyInfo(parsed.SubjectPublicKeyInfo.Span);
            if (parsed.Find(RspOids.SubjectKeyIdentifier) is not { } ski)
            {
                why = "CI certificate has no subjectKeyIdentifier";
                return null;
            }
            if (!key.VerifyDer(parsed.Tbs.Span, parsed.Signature))
            {
                why = "CI certificate is not self-signed by its own key";
                return null;
            }
            why = "";
            return new CertificateVerificationResult
            {
                Status = CertificateVerificationStatus.Ok,
                PublicKey = key,
                SubjectKeyId = X509Der.ReadSubjectKeyId(ski.Value),
            };
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            why = "not a usable DER EC certificate: " + e.Message;
            return null;
        }
    }

    private static bool KeyMatches(byte[] pkcs8, EcPublicKey expected, out string why)
    {
        try
        {
            using var key = EcSigningKey.ImportPkcs8(pkcs8);
            if (!key.PublicKey.Equals(expected))
            {
                why = "private key does not match the certificate";
                return false;
            }
            why = "";
            return true;
        }
        catch (CryptographicException e)
        {
            why = "not a usable EC private key: " + e.Message;
            return false;
        }
    }

    private static byte[] ReadFile(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing (a CI directory holds {CiCertificateFile}, {CiKeyFile}, "
                + $"{EumCertificateFile}, {EumKeyFile})", path);
        }
        return File.ReadAllBytes(path);
    }

    private static byte[] ReadKey(string directory, string name)
    {
        var pem = System.Text.Encoding.ASCII.GetString(ReadFile(directory, name));
        try
        {
            using var key = EcSigningKey.ImportPem(pem);
            return key.ExportPkcs8();
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new InvalidDataException($"{Path.Combine(directory, name)}: not a PEM EC private key ({FirstLine(e.Message)})", e);
        }
    }

    private static string FirstLine(string text)
    {
        var i = text.IndexOfAny(['\r', '\n']);
        return i < 0 ? text : text[..i];
    }

    private static void WriteFile(string path, byte[] content, bool secret)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        stream.Write(content);
    }
}

/// <summary>A server certificate (DER) with its PKCS#8 private key.</summary>
public sealed record TestServerKey(byte[] Certificate, byte[] PrivateKeyPkcs8, EcCurve Curve);
