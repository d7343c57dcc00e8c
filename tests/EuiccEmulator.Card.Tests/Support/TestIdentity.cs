using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EuiccEmulator.Core.State;

namespace EuiccEmulator.Card.Tests.Support;

/// <summary>A throwaway CI, EUM and eUICC chain for card-level tests (not SGP.26 material).</summary>
internal static class TestIdentity
{
    public const string Eid = "89049032123451234512345678901235";

    private static readonly Lazy<(CardIdentityRecord Identity, ECDsa EuiccPublic)> Cached = new(Build);

    public static CardIdentityRecord Identity => Cached.Value.Identity;

    /// <summary>The public half of SK.EUICC, to verify what the card signs.</summary>
    public static ECDsa EuiccPublicKey => Cached.Value.EuiccPublic;

    private static (CardIdentityRecord, ECDsa) Build()
    {
        using var ciKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ciRequest = new CertificateRequest("CN=Test CI, O=EuiccEmulator tests", ciKey, HashAlgorithmName.SHA256);
        ciRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        ciRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(ciRequest.PublicKey, false));
        using var ci = ciRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));

        using var eumKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var eumRequest = new CertificateRequest("CN=Test EUM, O=EuiccEmulator tests", eumKey, HashAlgorithmName.SHA256);
        eumRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        eumRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(eumRequest.PublicKey, false));
        using var eumPublic = eumRequest.Create(ci, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5), [1]);
        using var eum = eumPublic.CopyWithPrivateKey(eumKey);

        var euiccKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName("Test eUICC");
        name.Add("2.5.4.5", Eid, UniversalTagNumber.PrintableString);
        var euiccRequest = new CertificateRequest(name.Build(), euiccKey, HashAlgorithmName.SHA256);
        euiccRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(euiccRequest.PublicKey, false));
        using var euicc = euiccRequest.Create(eum, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5), [2]);

        var ciSki = ci.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray();
        var identity = new CardIdentityRecord(
            Eid,
            [new SigningChain(ciSki, euicc.RawData, eum.RawData, euiccKey.ExportPkcs8PrivateKey())],
            [ci.RawData]);
        return (identity, euiccKey);
    }
}
