using System.Formats.Asn1;
using System.Security.Cryptography;
using EuiccEmulator.Rsp.Pki.Internal;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Rsp.Pki;

/// <summary>Outcome of a certificate check; the values are the AuthenticateServer / PrepareDownload error codes.</summary>
// SGP.22 §5.7.13 AuthenticateErrorCode / §5.7.5 DownloadErrorCode: invalidCertificate(1), unsupportedCurve(3). Ok is not sent.
public enum CertificateVerificationStatus : byte
{
    /// <summary>The certificate verifies.</summary>
    Ok = 0,
    /// <summary>Malformed, wrongly signed or wrongly profiled.</summary>
    InvalidCertificate = 1,
    /// <summary>Its key is on a curve the card does not support.</summary>
    UnsupportedCurve = 3,
}

/// <summary>How <see cref="CertificateVerifier"/> checks a certificate.</summary>
public sealed record CertificateVerificationOptions
{
    /// <summary>No validity-period check.</summary>
    public static CertificateVerificationOptions Default { get; } = new();

    /// <summary>Check notBefore/notAfter. Off by default: an eUICC has no reliable clock.</summary>
    public bool CheckValidity { get; init; }

    /// <summary>The clock for <see cref="CheckValidity"/>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>What <see cref="CertificateVerifier"/> found.</summary>
public sealed record CertificateVerificationResult
{
    /// <summary>The outcome.</summary>
    public required CertificateVerificationStatus Status { get; init; }

    /// <summary>One line saying what failed; empty when valid.</summary>
    public string Reason { get; init; } = "";

    /// <summary>The subject public key (present when valid).</summary>
    public EcPublicKey? PublicKey { get; init; }

    /// <summary>SAN registeredID: the SM-DP+ / EUM / CI OID (null if the certificate has none).</summary>
    public string? RegisteredId { get; init; }

    /// <summary>The role whose policy OID the certificate carries.</summary>
    public RspRole? Role { get; init; }

    /// <summary>The certificate's SubjectKeyIdentifier.</summary>
    public ReadOnlyMemory<byte> SubjectKeyId { get; init; }

    /// <summary>Subject serialNumber; for CERT.EUICC this is the EID.</summary>
    public string? SubjectSerialNumber { get; init; }

    /// <summary>Whether <see cref="Status"/> is <see cref="CertificateVerificationStatus.Ok"/>.</summary>
    public bool IsValid => Status == CertificateVerificationStatus.Ok;

    internal static CertificateVerificationResult Invalid(string reason) =>
        new() { Status = CertificateVerificationStatus.InvalidCertificate, Reason = reason };
}

/// <summary>Checks RSP certificates against a trusted CI the way the card does.</summary>
// SGP.22 §5.7.13 step "verify serverCertificate": AKI = CI SKI, ECDSA-SHA256 signature, key usage, role policy, curve.
public static class CertificateVerifier
{
    /// <summary>Checks a certificate against the CI (or EUM) certificate that should have issued it, for the given role.</summary>
    public static CertificateVerificationResult Verify(
        ReadOnlyMemory<byte> certificate,
        ReadOnlyMemory<byte> trustedCi,
        RspRole role,
        CertificateVerificationOptions? options = null) =>
        Verify(certificate, trustedCi, [role], options);

    /// <summary>Verifies a certificate issued directly by the CI and carrying one of the accepted roles.</summary>
    public static CertificateVerificationResult Verify(
        ReadOnlyMemory<byte> certificate,
        ReadOnlyMemory<byte> trustedCi,
        IReadOnlyCollection<RspRole> acceptedRoles,
        CertificateVerificationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(acceptedRoles);
        if (acceptedRoles.Count == 0 || acceptedRoles.Any(r => r is RspRole.Ci or RspRole.Euicc))
        {
            throw new ArgumentException("accepted roles must be non-empty and issued by a CI (use VerifyEuicc for CERT.EUICC)",
                nameof(acceptedRoles));
        }
        if (!TryLoadIssuer(trustedCi, out _, out var ciKey, out var ciSki, out var why))
            return CertificateVerificationResult.Invalid("trusted CI: " + why);
        return VerifyIssued(certificate, ciKey!, ciSki!, acceptedRoles, options ?? CertificateVerificationOptions.Default, out _);
    }

    /// <summary>Verifies CERT.EUICC through CERT.EUM to the CI, including the EUM name constraint.</summary>
    // SGP.22 §5.6.2 (ES9+ AuthenticateClient): the SM-DP+ verifies CERT.EUM with the CI and CERT.EUICC with CERT.EUM.
    public static CertificateVerificationResult VerifyEuicc(
        ReadOnlyMemory<byte> euiccCertificate,
        ReadOnlyMemory<byte> eumCertificate,
        ReadOnlyMemory<byte> trustedCi,
        CertificateVerificationOptions? options = null)
    {
        options ??= CertificateVerificationOptions.Default;
        var eumResult = Verify(eumCertificate, trustedCi, [RspRole.Eum], options);
        if (!eumResult.IsValid)
            return eumResult with { Reason = "CERT.EUM: " + eumResult.Reason };

        var result = VerifyIssued(euiccCertificate, eumResult.PublicKey!, eumResult.SubjectKeyId.ToArray(), [RspRole.Euicc], options,
            out var parsed);
        if (!result.IsValid)
            return result with { Reason = "CERT.EUICC: " + result.Reason };

        var eid = result.SubjectSerialNumber;
        if (eid is null || !Eid.TryParse(eid, out _, out _))
            return CertificateVerificationResult.Invalid("CERT.EUICC: subject serialNumber is not a valid EID");
        var eum = X509Der.Split(eumCertificate);
        var refusal = EumConstraint.Check(eum, EumConstraint.SubjectValue(parsed!, RspOids.OrganizationName), eid);
        return refusal is null ? result : CertificateVerificationResult.Invalid("CERT.EUICC: " + refusal);
    }

    private static bool TryLoadIssuer(
        ReadOnlyMemory<byte> der, out ParsedCertificate? parsed, out EcPublicKey? key, out byte[]? ski, out string why)
    {
        parsed = null;
        key = null;
        ski = null;
        try
        {
            parsed = X509Der.Split(der);
            key = EcPublicKey.FromSubjectPublicKeyInfo(parsed.SubjectPublicKeyInfo.Span);
            var skiExt = parsed.Find(RspOids.SubjectKeyIdentifier);
            if (skiExt is null)
            {
                why = "no subjectKeyIdentifier";
                return false;
            }
            ski = X509Der.ReadSubjectKeyId(skiExt.Value.Value);
            why = "";
            return true;
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            why = e.Message;
            return false;
        }
    }

    private static CertificateVerificationResult VerifyIssued(
        ReadOnlyMemory<byte> der,
        EcPublicKey issuerKey,
        byte[] issuerSki,
        IReadOnlyCollection<RspRole> acceptedRoles,
        CertificateVerificationOptions options,
        out ParsedCertificate? parsed)
    {
        parsed = null;
        try
        {
            parsed = X509Der.Split(der);
            return Check(parsed, issuerKey, issuerSki, acceptedRoles, options);
        }
        catch (AsnContentException e)
        {
            return CertificateVerificationResult.Invalid("malformed certificate: " + e.Message);
        }
    }

    private static CertificateVerificationResult Check(
        ParsedCertificate cert,
        EcPublicKey issuerKey,
        byte[] issuerSki,
        IReadOnlyCollection<RspRole> acceptedRoles,
        CertificateVerificationOptions options)
    {
        if (cert.SignatureAlgorithmOid != RspOids.EcdsaWithSha256 || cert.TbsSignatureAlgorithmOid != RspOids.EcdsaWithSha256)
            return CertificateVerificationResult.Invalid($"signature algorithm {cert.SignatureAlgorithmOid} is not ecdsa-with-SHA256");

        // SGP.22 §2.6.5: only NIST P-256 and brainpoolP256r1 are defined for the RSP.
        var spki = X509Der.ReadSpki(cert.SubjectPublicKeyInfo.Span);
        if (spki.AlgorithmOid != RspOids.EcPublicKey)
            return CertificateVerificationResult.Invalid($"public key algorithm {spki.AlgorithmOid} is not id-ecPublicKey");
        if (!EcCurves.TryFromOid(spki.CurveOid, out var curve))
        {
            return new CertificateVerificationResult
            {
                Status = CertificateVerificationStatus.UnsupportedCurve,
                Reason = $"curve {spki.CurveOid ?? "(explicit parameters)"} is not supported",
            };
        }

        EcPublicKey publicKey;
        try
        {
            publicKey = EcPublicKey.FromPoint(curve, spki.Point);
        }
        catch (CryptographicException e)
        {
            return CertificateVerificationResult.Invalid("public key: " + e.Message);
        }

        var aki = cert.Find(RspOids.AuthorityKeyIdentifier) is { } akiExt ? X509Der.ReadAuthorityKeyId(akiExt.Value) : null;
        if (aki is null || !aki.AsSpan().SequenceEqual(issuerSki))
        {
            return CertificateVerificationResult.Invalid(
                $"authorityKeyIdentifier {(aki is null ? "missing" : Convert.ToHexString(aki))} does not match issuer SKI "
                    + $"{Convert.ToHexString(issuerSki)}");
        }

        if (!issuerKey.VerifyDer(cert.Tbs.Span, cert.Signature))
            return CertificateVerificationResult.Invalid("signature does not verify with the issuer key");

        var isCaRole = acceptedRoles.Contains(RspRole.Eum);
        var requiredUsage = isCaRole ? X509Der.KeyCertSignBit : X509Der.DigitalSignatureBit;
        var usage = cert.Find(RspOids.KeyUsage) is { } kuExt ? X509Der.ReadKeyUsageBits(kuExt.Value) : 0;
        if ((usage & requiredUsage) == 0)
            return CertificateVerificationResult.Invalid(isCaRole ? "keyUsage lacks keyCertSign" : "keyUsage lacks digitalSignature");

        var policies = cert.Find(RspOids.CertificatePolicies) is { } cpExt ? X509Der.ReadPolicyOids(cpExt.Value) : [];
        RspRole? role = null;
        foreach (var candidate in acceptedRoles)
        {
            if (policies.Contains(candidate.PolicyOid()))
            {
                role = candidate;
                break;
            }
        }
        if (role is null)
        {
            return CertificateVerificationResult.Invalid(
                $"certificatePolicies [{string.Join(", ", policies)}] lack "
                    + $"{string.Join(" or ", acceptedRoles.Select(r => r.PolicyOid()))}");
        }

        if (isCaRole && (cert.Find(RspOids.BasicConstraints) is not { } bc || !X509Der.ReadIsCa(bc.Value)))
            return CertificateVerificationResult.Invalid("basicConstraints cA is not set");

        if (options.CheckValidity)
        {
            var now = options.Time.GetUtcNow();
            if (now < cert.NotBefore)
                return CertificateVerificationResult.Invalid($"not valid before {cert.NotBefore:u}");
            if (now > cert.NotAfter)
                return CertificateVerificationResult.Invalid($"expired at {cert.NotAfter:u}");
        }

        return new CertificateVerificationResult
        {
            Status = CertificateVerificationStatus.Ok,
            PublicKey = publicKey,
            Role = role,
            RegisteredId = cert.Find(RspOids.SubjectAltName) is { } san ? X509Der.ReadRegisteredId(san.Value) : null,
            SubjectKeyId = cert.Find(RspOids.SubjectKeyIdentifier) is { } ski
                ? X509Der.ReadSubjectKeyId(ski.Value)
                : ReadOnlyMemory<byte>.Empty,
            SubjectSerialNumber = EumConstraint.SubjectValue(cert, RspOids.SerialNumber),
        };
    }
}
