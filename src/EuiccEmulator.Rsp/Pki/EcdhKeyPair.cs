using System.Security.Cryptography;

namespace EuiccEmulator.Rsp.Pki;

/// <summary>An ephemeral ECKA key pair (otSK/otPK.EUICC.ECKA).</summary>
// SGP.22 §3.1.3 / §2.6.4: one-time key pair on the curve of the session.
public sealed class EcdhKeyPair : IDisposable
{
    private readonly ECDiffieHellman _key;

    private EcdhKeyPair(ECDiffieHellman key, EcCurve curve)
    {
        _key = key;
        Curve = curve;
        PublicKey = EcPublicKey.FromParameters(curve, key.ExportParameters(false));
    }

    /// <summary>The key's curve.</summary>
    public EcCurve Curve { get; }

    /// <summary>The public half.</summary>
    public EcPublicKey PublicKey { get; }

    /// <summary>04||X||Y, the value of euiccOtpk (5F49).</summary>
    public ReadOnlyMemory<byte> PublicPoint => PublicKey.Point;

    /// <summary>A fresh key pair on the curve.</summary>
    public static EcdhKeyPair Generate(EcCurve curve) => new(ECDiffieHellman.Create(curve.ToNamedCurve()), curve);

    /// <summary>A key pair from explicit parameters (a seeded card's one-time key).</summary>
    internal static EcdhKeyPair Import(EcCurve curve, ECParameters parameters) => new(ECDiffieHellman.Create(parameters), curve);

    /// <summary>ECKA-DH shared secret: the x-coordinate of d * Q (32 bytes).</summary>
    // BSI TR-03111 §4.3.1 / GP Amd F: ShS is the x-coordinate of the shared point.
    public byte[] DeriveSharedSecret(ReadOnlySpan<byte> peerPoint)
    {
        // One import of the peer's point (it checks the point is on the curve), not one to check and one to use.
        if (peerPoint.Length != EcPublicKey.PointLength || peerPoint[0] != 0x04)
            throw new CryptographicException("an EC public key point is 65 bytes starting 04 (uncompressed)");
        using var peerKey = ECDiffieHellman.Create(new ECParameters
        {
            Curve = Curve.ToNamedCurve(),
            Q = new ECPoint
            {
                X = peerPoint.Slice(1, EcCurves.FieldBytes).ToArray(),
                Y = peerPoint.Slice(1 + EcCurves.FieldBytes, EcCurves.FieldBytes).ToArray(),
            },
        });
        return _key.DeriveRawSecretAgreement(peerKey.PublicKey);
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
