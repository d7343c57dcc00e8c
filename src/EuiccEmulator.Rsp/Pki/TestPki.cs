using System.Security.Cryptography;
using System.Text;

namespace EuiccEmulator.Rsp.Pki;

/// <summary>Which SGP.26 test SM-DP+: SM-DP+ (SAN 2.999.10) or SM-DP+2 (SAN 2.999.12).</summary>
public enum Sgp26Server : byte
{
    /// <summary>The SGP.26 SM-DP+.</summary>
    SmDpPlus = 1,
    /// <summary>The SGP.26 SM-DP+2.</summary>
    SmDpPlus2 = 2,
}

/// <summary>A key pair without certificate (SGP.26 eIM signing keys).</summary>
public sealed record TestKeyPair(byte[] SubjectPublicKeyInfo, byte[] PrivateKeyPkcs8, EcCurve Curve);

/// <summary>
/// The GSMA SGP.26 TEST PKI embedded in this assembly (see keys/README.md). TEST ONLY: the private keys are public.
/// </summary>
public static class TestPki
{
    private const string ResourcePrefix = "keys/sgp26/";

    private static readonly Lazy<CiBundle> s_sgp26Nist = new(() => CiBundle.FromParts(
        ReadFile("CertificateIssuer/CERT_CI_ECDSA_NIST.der"),
        PemToPkcs8("CertificateIssuer/SK_CI_ECDSA_NIST.pem"),
        ReadFile("EUM/CERT_EUM_ECDSA_NIST.der"),
        PemToPkcs8("EUM/SK_EUM_ECDSA_NIST.pem")));

    /// <summary>SGP.26 test CI (NIST) + EUM "RSP Test EUM" (EIDs 89049032...), with both private keys.</summary>
    public static CiBundle Sgp26Nist => s_sgp26Nist.Value;

    /// <summary>SGP.26 test CI certificate; SKI F54172BD... (NIST) or C0BC70BA... (BRP).</summary>
    public static byte[] CiCertificate(EcCurve curve) => ReadFile($"CertificateIssuer/CERT_CI_ECDSA_{Suffix(curve)}.der");

    /// <summary>CERT.DPauth.ECDSA and its key for the given test SM-DP+ and curve.</summary>
    public static TestServerKey DpAuth(EcCurve curve, Sgp26Server server = Sgp26Server.SmDpPlus) =>
        ServerKey("DPauth", "auth", curve, server);

    /// <summary>CERT.DPpb.ECDSA and its key for the given test SM-DP+ and curve.</summary>
    public static TestServerKey DpPb(EcCurve curve, Sgp26Server server = Sgp26Server.SmDpPlus) => ServerKey("DPpb", "pb", curve, server);

    /// <summary>SGP.26 eIM signing key pair (SK/PK_S_EIMsign_ECDSA_*).</summary>
    public static TestKeyPair Eim(EcCurve curve)
    {
        var pk = Encoding.ASCII.GetString(ReadFile($"eIM/PK_S_EIMsign_ECDSA_{Suffix(curve)}.pem"));
        var fields = PemEncoding.Find(pk);
        var spki = Convert.FromBase64String(pk[fields.Base64Data]);
        return new TestKeyPair(spki, PemToPkcs8($"eIM/SK_S_EIMsign_ECDSA_{Suffix(curve)}.pem"), curve);
    }

    /// <summary>An embedded file by its path under keys/sgp26/, e.g. "DPauth/CERT_S_SM_DPauth_ECDSA_NIST.der".</summary>
    public static byte[] ReadFile(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var wanted = ResourcePrefix + relativePath.Replace('\\', '/');
        var assembly = typeof(TestPki).Assembly;
        // Resource names carry the build machine's separator in the recursive part.
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.Replace('\\', '/') == wanted)
            ?? throw new FileNotFoundException($"no embedded test key file {relativePath}");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Paths (under keys/sgp26/) of all embedded files.</summary>
    public static IReadOnlyList<string> Files =>
        [.. typeof(TestPki).Assembly.GetManifestResourceNames()
            .Select(n => n.Replace('\\', '/'))
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..])
            .Order(StringComparer.Ordinal)];

    private static TestServerKey ServerKey(string folder, string kind, EcCurve curve, Sgp26Server server)
    {
        var dp = server switch
        {
            Sgp26Server.SmDpPlus => "DP",
            Sgp26Server.SmDpPlus2 => "DP2",
            _ => throw new ArgumentOutOfRangeException(nameof(server)),
        };
        var stem = $"S_SM_{dp}{kind}_ECDSA_{Suffix(curve)}";
        return new TestServerKey(ReadFile($"{folder}/CERT_{stem}.der"), PemToPkcs8($"{folder}/SK_{stem}.pem"), curve);
    }

    private static byte[] PemToPkcs8(string relativePath)
    {
        using var key = EcSigningKey.ImportPem(Encoding.ASCII.GetString(ReadFile(relativePath)));
        return key.ExportPkcs8();
    }

    private static string Suffix(EcCurve curve) => curve switch
    {
        EcCurve.NistP256 => "NIST",
        EcCurve.BrainpoolP256r1 => "BRP",
        _ => throw new ArgumentOutOfRangeException(nameof(curve)),
    };
}
