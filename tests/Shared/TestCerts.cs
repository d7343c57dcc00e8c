using System.Security.Cryptography.X509Certificates;

namespace EuiccEmulator.Testing;

internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);

    public static string Of(ReadOnlyMemory<byte> bytes) => Convert.ToHexString(bytes.Span);
}

internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>The SGP.26 test PKI as the PKI and ECASD tests see it.</summary>
internal static class Certs
{
    public const string CiNistSki = "F54172BDF98A95D65CBEB88A38A1C11D800A85C3";
    public const string CiBrpSki = "C0BC70BA36929D43B467FF57570530E57AB8FCD8";
    public const string EumNistSki = "DD3DA24D350C1CC5D0AF0965F40EC34C5EE409F1";

    public static X509Certificate2 Load(ReadOnlyMemory<byte> der) => X509CertificateLoader.LoadCertificate(der.Span);

    public static byte[] DiskFile(string relative) => File.ReadAllBytes(Path.Combine(RepoPaths.Root, "keys", "sgp26", relative));

    public static List<(string Oid, string Value)> Rdns(X500DistinguishedName name) =>
        [.. name.EnumerateRelativeDistinguishedNames(reversed: false)
            .Select(r => (r.GetSingleElementType().Value!, r.GetSingleElementValue()!))];
}
