using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Rsp.Pki;

namespace EuiccEmulator.Servers.Hosting;

/// <summary>
/// TLS for the test servers, TEST ONLY: a server certificate minted at start-up under the SGP.26 test CI (whose
/// private key is public), so a client trusts it through that one CI certificate.
/// </summary>
/// <remarks>
/// The SGP.26 CERT_S_SM_DP_TLS certificates expire after a year and their key cannot cover 127.0.0.1; a fresh one
/// names the SM-DP+ address, localhost, 127.0.0.1 and ::1.
/// </remarks>
public static class TestTls
{
    /// <summary>A server certificate with its key for <paramref name="names"/> (DNS names or IP literals).</summary>
    // SGP.22 §2.6.6 / §4.5.2.0.2: CERT.DP.TLS issued by the CI, SAN with the server's name and the SM-DP+ OID.
    public static X509Certificate2 ServerCertificate(IEnumerable<string> names, string registeredId = "2.999.10", CiBundle? ci = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        var dns = new List<string> { "localhost" };
        var ips = new List<IPAddress> { IPAddress.Loopback, IPAddress.IPv6Loopback };
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var ip)) { if (!ips.Contains(ip)) ips.Add(ip); }
            else if (!dns.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                dns.Insert(0, name);
            }
        }
        var issued = (ci ?? TestPki.Sgp26Nist).IssueTlsServerCertificate(dns[0], dns, ips, registeredId);
        using var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(issued.PrivateKeyPkcs8, out _);
        using var certificate = X509CertificateLoader.LoadCertificate(issued.Certificate);
        using var withKey = certificate.CopyWithPrivateKey(key);
        // Through PKCS#12 so the key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The CI certificate a client must trust, in PEM.</summary>
    public static string CiPem(CiBundle? ci = null) =>
        PemEncoding.WriteString("CERTIFICATE", (ci ?? TestPki.Sgp26Nist).CiCertificate.Span);

    /// <summary>
    /// Certificate validation that accepts exactly the chains ending at <paramref name="ciCertificate"/>
    /// (SGP.26 NIST CI by default).
    /// </summary>
    public static Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool> TrustCi(byte[]? ciCertificate = null)
    {
        var ci = X509CertificateLoader.LoadCertificate(ciCertificate ?? TestPki.Sgp26Nist.CiCertificate.ToArray());
        return (_, certificate, _, errors) =>
        {
            if (certificate is null) return false;
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ci);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate);
        };
    }
}
