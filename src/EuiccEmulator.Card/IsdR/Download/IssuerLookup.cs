using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EuiccEmulator.Card.Applets;

namespace EuiccEmulator.Card.IsdR.Download;

/// <summary>Finds the trusted CI that issued a server certificate, by its authority key identifier.</summary>
// SGP.22 §4.5.2: server certificates carry the AKI of the CI that signed them.
internal static class IssuerLookup
{
    /// <summary>The trusted CI certificate named by the certificate's AKI, or empty.</summary>
    public static ReadOnlyMemory<byte> TrustedIssuer(IEcasdServices ecasd, byte[] certificate)
    {
        try
        {
            using var cert = X509CertificateLoader.LoadCertificate(certificate);
            var aki = cert.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault()?.KeyIdentifier;
            return aki is { } id ? ecasd.FindTrustedCi(id.Span) : ReadOnlyMemory<byte>.Empty;
        }
        catch (CryptographicException)
        {
            return ReadOnlyMemory<byte>.Empty;
        }
    }
}
