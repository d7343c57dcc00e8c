using EuiccEmulator.Card.Applets;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Rsp.Pki;

namespace EuiccEmulator.Card.IsdR.Download;

/// <summary>
/// Server certificates (CERT.DPauth, CERT.DPpb) verified against the trusted CIs, kept per card by their exact bytes:
/// each certificate is parsed, its CI found and its signature checked once, not in every download.
/// </summary>
// SGP.22 §5.7.13 / §5.7.14: the outcome depends only on the certificate bytes, the accepted roles and the card's
// trusted CIs, which do not change while the card runs. Validity dates depend on the clock: with CheckValidity on,
// nothing is kept.
internal sealed class ServerCertificates(IEcasdServices ecasd, CertificateVerificationOptions options)
{
    private readonly BytesCache<CertificateVerificationResult> _verified = new(32);

    /// <summary>The accepted roles as a cache key: their numbers, not their names (Enum.ToString reflects on each call).</summary>
    private static string Kind(IReadOnlyCollection<RspRole> roles)
    {
        var kind = 0L;
        foreach (var role in roles) kind = (kind * 64) + (int)role + 1;
        return kind.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public CertificateVerificationResult Verify(byte[] certificate, IReadOnlyCollection<RspRole> roles)
    {
        if (options.CheckValidity) return Compute(certificate);
        return _verified.GetOrAdd(Kind(roles), certificate, Compute);

        CertificateVerificationResult Compute(byte[] der)
        {
            var ci = IssuerLookup.TrustedIssuer(ecasd, der);
            return ci.IsEmpty
                ? CertificateVerificationResult.Invalid("no trusted CI issued it")
                : CertificateVerifier.Verify(der, ci, roles, options);
        }
    }
}
