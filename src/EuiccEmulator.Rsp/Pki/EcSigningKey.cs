using System.Security.Cryptography;
using EuiccEmulator.Rsp.Pki.Internal;

namespace EuiccEmulator.Rsp.Pki;

/// <summary>
/// An ECDSA private key that signs in the plain r||s format used on the RSP wire.
/// Meant for test peers (SM-DP+, eIM) and for issuing test certificates; the card's own keys stay inside its ECASD.
/// </summary>
public sealed class EcSigningKey : IDisposable
{
    private readonly ECDsa _key;
    private readonly Lock _lock = new();

    private EcSigningKey(ECDsa key, EcCurve curve)
    {
        _key = key;
        Curve = curve;
        PublicKey = EcPublicKey.FromParameters(curve, key.ExportParameters(false));
    }

    /// <summary>The key's curve.</summary>
    public EcCurve Curve { get; }

    /// <summary>The matching public key.</summary>
    public EcPublicKey PublicKey { get; }

    /// <summary>A fresh key on the curve.</summary>
    public static EcSigningKey Generate(EcCurve curve) => new(ECDsa.Create(curve.ToNamedCurve()), curve);

    /// <summary>A key from PKCS#8 DER; throws for other curves.</summary>
    public static EcSigningKey ImportPkcs8(ReadOnlySpan<byte> pkcs8)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            return new EcSigningKey(key, CurveOf(key));
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Imports a PEM "PRIVATE KEY" or "EC PRIVATE KEY" (an "EC PARAMETERS" block before it is ignored).</summary>
    public static EcSigningKey ImportPem(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            return new EcSigningKey(key, CurveOf(key));
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Signs SHA-256(data) and returns r||s (64 bytes).</summary>
    // SGP.22 §2.6.5: plain r||s, as 5F37 carries it.
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        lock (_lock)
            return _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>The private key as PKCS#8 DER.</summary>
    public byte[] ExportPkcs8()
    {
        lock (_lock)
            return _key.ExportPkcs8PrivateKey();
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    internal ECDsa Ecdsa => _key;

    internal static EcCurve CurveOf(ECDsa key)
    {
        var info = X509Der.ReadSpki(key.ExportSubjectPublicKeyInfo());
        if (!EcCurves.TryFromOid(info.CurveOid, out var curve))
            throw new CryptographicException($"unsupported curve {info.CurveOid ?? "(explicit parameters)"}");
        return curve;
    }
}
