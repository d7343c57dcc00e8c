using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EuiccEmulator.Rsp.Pki;

namespace EuiccEmulator.Peers;

/// <summary>
/// Server certificates signed by the SGP.26 test CI that a card must still refuse: on a curve it does not support,
/// or without the SM-DP+ OID. Used to reach unsupportedCurve and invalidOid.
/// </summary>
// SGP.22 §4.5.2.1 (server certificate profiles), §5.7.13 and §5.7.5 (error codes).
public static class OddServerCertificates
{
    /// <summary>A CERT.DPauth / CERT.DPpb under the SGP.26 NIST CI, on P-384 and/or without SAN registeredID.</summary>
    public static byte[] IssueUnderSgp26Ci(RspRole role, bool p384, bool withoutSmdpOid)
    {
        using var ciKey = ECDsa.Create();
        ciKey.ImportFromPem(System.Text.Encoding.ASCII.GetString(TestPki.ReadFile("CertificateIssuer/SK_CI_ECDSA_NIST.pem")));
        using var ci = X509CertificateLoader.LoadCertificate(TestPki.CiCertificate(EcCurve.NistP256));
        using var subjectKey = ECDsa.Create(p384 ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Odd SM-DP+, O=ACME", subjectKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var policy = new AsnWriter(AsnEncodingRules.DER);
        using (policy.PushSequence())
        using (policy.PushSequence())
            policy.WriteObjectIdentifier(role.PolicyOid());
        request.CertificateExtensions.Add(new X509Extension("2.5.29.32", policy.Encode(), true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ci, true, false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (!withoutSmdpOid)
        {
            var san = new AsnWriter(AsnEncodingRules.DER);
            using (san.PushSequence()) san.WriteObjectIdentifier("2.999.10", new Asn1Tag(TagClass.ContextSpecific, 8));
            request.CertificateExtensions.Add(new X509Extension("2.5.29.17", san.Encode(), false));
        }
        var generator = X509SignatureGenerator.CreateForECDsa(ciKey);
        using var cert = request.Create(ci.SubjectName, generator, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1),
            [0x42]);
        return cert.RawData;
    }
}
