using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace EuiccEmulator.Peers;

/// <summary>Reads the two certificate fields the SM-DP+ needs without checking the certificate.</summary>
internal static class CertificateInfo
{
    /// <summary>subjectKeyIdentifier (the CI's is euiccCiPKId).</summary>
    public static byte[] SubjectKeyId(byte[] certificate)
    {
        using var cert = X509CertificateLoader.LoadCertificate(certificate);
        var ski = cert.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()
            ?? throw new ArgumentException("certificate has no subjectKeyIdentifier", nameof(certificate));
        return ski.SubjectKeyIdentifierBytes.ToArray();
    }

    /// <summary>The SAN registeredID (GeneralName [8]), the entity OID of RSP certificates.</summary>
    // SGP.22 §4.5.2.1: subjectAltName registeredID carries the SM-DP+ OID.
    public static string? RegisteredId(byte[] certificate)
    {
        using var cert = X509CertificateLoader.LoadCertificate(certificate);
        var san = cert.Extensions["2.5.29.17"];
        if (san is null) return null;
        var names = new AsnReader(san.RawData, AsnEncodingRules.DER).ReadSequence();
        var registeredId = new Asn1Tag(TagClass.ContextSpecific, 8);
        while (names.HasData)
        {
            if (names.PeekTag() == registeredId) return names.ReadObjectIdentifier(registeredId);
            names.ReadEncodedValue();
        }
        return null;
    }
}
