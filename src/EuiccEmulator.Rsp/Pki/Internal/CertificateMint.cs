using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EuiccEmulator.Rsp.Pki.Internal;

/// <summary>Builds and signs certificates with the RSP profiles (ecdsa-with-SHA256, extensions in the given order).</summary>
internal static class CertificateMint
{
    public static byte[] Issue(
        ReadOnlySpan<byte> issuerName,
        ECDsa issuerKey,
        ReadOnlySpan<byte> subjectName,
        ReadOnlySpan<byte> subjectPublicKeyInfo,
        DateTimeOffset notBefore,
        DateTimeOffset notAfter,
        IEnumerable<X509Extension> extensions,
        int serialBytes)
    {
        var publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        var request = new CertificateRequest(new X500DistinguishedName(subjectName), publicKey, HashAlgorithmName.SHA256);
        foreach (var e in extensions)
            request.CertificateExtensions.Add(e);
        using var cert = request.Create(
            new X500DistinguishedName(issuerName),
            X509SignatureGenerator.CreateForECDsa(issuerKey),
            Truncate(notBefore),
            Truncate(notAfter),
            RandomSerial(serialBytes));
        return cert.RawData;
    }

    /// <summary>A random positive INTEGER without a leading zero octet.</summary>
    // RFC 5280 §4.1.2.2: positive, at most 20 octets.
    public static byte[] RandomSerial(int length)
    {
        var serial = RandomNumberGenerator.GetBytes(length);
        serial[0] &= 0x7F;
        if (serial[0] == 0)
            serial[0] = 0x01;
        return serial;
    }

    // RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING value.
    public static byte[] KeyIdentifier(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        SHA1.HashData(X509Der.ReadSpki(subjectPublicKeyInfo).Point);

    public static X509Extension SubjectKeyIdentifier(byte[] ski) => new X509SubjectKeyIdentifierExtension(ski, critical: false);

    public static X509Extension AuthorityKeyIdentifier(byte[] issuerSki) =>
        X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(issuerSki);

    public static X509Extension KeyUsage(X509KeyUsageFlags flags) => new X509KeyUsageExtension(flags, critical: true);

    // SGP.22 §4.5.2: one policy, the role OID, critical.
    public static X509Extension Policy(RspRole role)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        using (w.PushSequence())
            w.WriteObjectIdentifier(role.PolicyOid());
        return new X509Extension(RspOids.CertificatePolicies, w.Encode(), critical: true);
    }

    // SGP.22 §4.5.2: SAN registeredID carries the entity OID.
    public static X509Extension RegisteredId(string oid)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
            w.WriteObjectIdentifier(oid, new Asn1Tag(TagClass.ContextSpecific, 8));
        return new X509Extension(RspOids.SubjectAltName, w.Encode(), critical: false);
    }

    public static X509Extension CaConstraint(int? pathLength) =>
        new X509BasicConstraintsExtension(true, pathLength.HasValue, pathLength ?? 0, critical: true);

    // SGP.22 §4.5.2.1.0.2: permitted DirName {O=<EUM org>, serialNumber=<EID prefix>}.
    public static X509Extension EumNameConstraint(string organization, string eidPrefix)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
        using (w.PushSequence())
        using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
        using (w.PushSequence())
        {
            WriteRdn(w, RspOids.OrganizationName, organization, UniversalTagNumber.UTF8String);
            WriteRdn(w, RspOids.SerialNumber, eidPrefix, UniversalTagNumber.PrintableString);
        }
        return new X509Extension(RspOids.NameConstraints, w.Encode(), critical: true);
    }

    public static void WriteRdn(AsnWriter w, string oid, string value, UniversalTagNumber type)
    {
        using (w.PushSetOf())
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(oid);
            w.WriteCharacterString(type, value);
        }
    }

    private static DateTimeOffset Truncate(DateTimeOffset t) =>
        new(t.UtcDateTime.Ticks - (t.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
