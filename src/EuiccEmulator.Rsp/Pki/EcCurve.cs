using System.Security.Cryptography;

namespace EuiccEmulator.Rsp.Pki;

/// <summary>Elliptic curves the ECASD supports; the value is the GlobalPlatform key parameter reference.</summary>
// GP Card Spec v2.3 Amd E §4.5 key parameter reference: 00 = NIST P-256, 03 = brainpoolP256r1.
public enum EcCurve : byte
{
    /// <summary>NIST P-256 (secp256r1).</summary>
    NistP256 = 0x00,
    /// <summary>brainpoolP256r1.</summary>
    BrainpoolP256r1 = 0x03,
}

/// <summary>OIDs and .NET curve objects for <see cref="EcCurve"/>.</summary>
public static class EcCurves
{
    // RFC 5480 §2.1.1.1 / RFC 5639 §4.1
    /// <summary>OID of NIST P-256.</summary>
    public const string NistP256Oid = "1.2.840.10045.3.1.7";
    /// <summary>OID of brainpoolP256r1.</summary>
    public const string BrainpoolP256r1Oid = "1.3.36.3.3.2.8.1.1.7";

    /// <summary>Coordinate length of every supported curve.</summary>
    public const int FieldBytes = 32;

    /// <summary>The curve's OID.</summary>
    public static string Oid(this EcCurve curve) => curve switch
    {
        EcCurve.NistP256 => NistP256Oid,
        EcCurve.BrainpoolP256r1 => BrainpoolP256r1Oid,
        _ => throw new ArgumentOutOfRangeException(nameof(curve), curve, "unsupported curve"),
    };

    /// <summary>The .NET curve.</summary>
    public static ECCurve ToNamedCurve(this EcCurve curve) => curve switch
    {
        EcCurve.NistP256 => ECCurve.NamedCurves.nistP256,
        EcCurve.BrainpoolP256r1 => ECCurve.NamedCurves.brainpoolP256r1,
        _ => throw new ArgumentOutOfRangeException(nameof(curve), curve, "unsupported curve"),
    };

    /// <summary>The curve with this OID, if supported.</summary>
    public static bool TryFromOid(string? oid, out EcCurve curve)
    {
        switch (oid)
        {
            case NistP256Oid:
                curve = EcCurve.NistP256;
                return true;
            case BrainpoolP256r1Oid:
                curve = EcCurve.BrainpoolP256r1;
                return true;
            default:
                curve = default;
                return false;
        }
    }

    /// <summary>Parses "nist" / "p256" / "brainpool" / "brp" (the CLI spelling).</summary>
    public static bool TryParse(string? text, out EcCurve curve)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "NIST" or "P256" or "P-256" or "NISTP256" or "PRIME256V1":
                curve = EcCurve.NistP256;
                return true;
            case "BRAINPOOL" or "BRP" or "BRAINPOOLP256R1":
                curve = EcCurve.BrainpoolP256r1;
                return true;
            default:
                curve = default;
                return false;
        }
    }
}
