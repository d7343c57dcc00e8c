using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace EuiccEmulator.Rsp.Pki.Internal.BouncyCastle;

/// <summary>
/// What .NET lacks for SUCI concealment (3GPP TS 33.501 Annex C.3.4): X25519 (RFC 7748) for ECIES profile A, and
/// decoding a compressed P-256 point for profile B. Only byte arrays cross this boundary.
/// </summary>
internal static class BcCurve25519
{
    /// <summary>Key and shared-secret length of X25519.</summary>
    public const int KeyLength = X25519.PointSize;

    /// <summary>The X25519 public key of a 32-byte private key (clamped as RFC 7748 §5 says).</summary>
    public static byte[] PublicKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != KeyLength) throw new ArgumentException("an X25519 private key has 32 bytes", nameof(privateKey));
        var result = new byte[KeyLength];
        X25519.ScalarMultBase(privateKey.ToArray(), 0, result, 0);
        return result;
    }

    /// <summary>
    /// The X25519 shared secret, or null when the peer key has the wrong length or gives the all-zero value
    /// (RFC 7748 §6.1: a small-order point).
    /// </summary>
    public static byte[]? SharedSecret(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicKey)
    {
        if (privateKey.Length != KeyLength || peerPublicKey.Length != KeyLength) return null;
        var result = new byte[KeyLength];
        return X25519.CalculateAgreement(privateKey.ToArray(), 0, peerPublicKey.ToArray(), 0, result, 0) ? result : null;
    }

    /// <summary>
    /// A P-256 point given compressed (02/03 || X) or uncompressed (04 || X || Y) as 04 || X || Y, or null when it
    /// is not a point of the curve.
    /// </summary>
    public static byte[]? P256Uncompressed(ReadOnlySpan<byte> point)
    {
        if (point.Length is not (33 or 65)) return null;
        try
        {
            var domain = ECNamedCurveTable.GetByName("secp256r1");
            var decoded = domain.Curve.DecodePoint(point.ToArray());
            return decoded.IsInfinity || !decoded.IsValid() ? null : decoded.Normalize().GetEncoded(compressed: false);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return null;
        }
    }
}
