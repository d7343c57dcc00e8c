using System.Formats.Asn1;
using System.Security.Cryptography;
using EuiccEmulator.Rsp.Pki.Internal;

namespace EuiccEmulator.Rsp.Pki;

/// <summary>An ECDSA/ECKA public key on a supported curve, as the uncompressed point 04||X||Y.</summary>
public sealed class EcPublicKey : IEquatable<EcPublicKey>
{
    // SGP.22 §2.6.5 (docs/crypto.md#signature-encoding): r||s, each 32 bytes.
    /// <summary>Length of a plain r||s signature.</summary>
    public const int SignatureLength = 2 * EcCurves.FieldBytes;
    /// <summary>Length of an uncompressed point.</summary>
    public const int PointLength = 1 + (2 * EcCurves.FieldBytes);

    private readonly byte[] _point;
    private readonly Lock _lock = new();
    private ECDsa? _ecdsa; // imported once, on first use (or by FromPoint's check)

    private EcPublicKey(EcCurve curve, byte[] point)
    {
        Curve = curve;
        _point = point;
    }

    /// <summary>The key's curve.</summary>
    public EcCurve Curve { get; }

    /// <summary>Uncompressed point 04||X||Y (65 bytes), as carried in 5F49 on the wire.</summary>
    public ReadOnlyMemory<byte> Point => _point;

    /// <summary>A key from its uncompressed point; throws if the point is not on the curve.</summary>
    public static EcPublicKey FromPoint(EcCurve curve, ReadOnlySpan<byte> uncompressedPoint)
    {
        if (uncompressedPoint.Length != PointLength || uncompressedPoint[0] != 0x04)
            throw new CryptographicException("an EC public key point is 65 bytes starting 04 (uncompressed)");
        var key = new EcPublicKey(curve, uncompressedPoint.ToArray());
        // Import now so that a point off the curve is refused here, not at first use; the import is kept for use.
        key._ecdsa = key.CreateEcdsa();
        return key;
    }

    /// <summary>Reads a SubjectPublicKeyInfo; throws <see cref="CryptographicException"/> for non-EC keys or other curves.</summary>
    public static EcPublicKey FromSubjectPublicKeyInfo(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        SpkiInfo info;
        try
        {
            info = X509Der.ReadSpki(subjectPublicKeyInfo);
        }
        catch (AsnContentException e)
        {
            throw new CryptographicException("malformed SubjectPublicKeyInfo", e);
        }
        if (info.AlgorithmOid != RspOids.EcPublicKey)
            throw new CryptographicException($"not an EC public key (algorithm {info.AlgorithmOid})");
        if (!EcCurves.TryFromOid(info.CurveOid, out var curve))
            throw new CryptographicException($"unsupported curve {info.CurveOid ?? "(explicit parameters)"}");
        return FromPoint(curve, info.Point);
    }

    /// <summary>The subject public key of a certificate (DER).</summary>
    public static EcPublicKey FromCertificate(ReadOnlySpan<byte> certificateDer)
    {
        try
        {
            return FromSubjectPublicKeyInfo(X509Der.Split(certificateDer.ToArray()).SubjectPublicKeyInfo.Span);
        }
        catch (AsnContentException e)
        {
            throw new CryptographicException("malformed certificate", e);
        }
    }

    /// <summary>The key as a SubjectPublicKeyInfo (DER).</summary>
    public byte[] ToSubjectPublicKeyInfo()
    {
        lock (_lock)
            return Ecdsa.ExportSubjectPublicKeyInfo();
    }

    /// <summary>Verifies a plain r||s ECDSA-SHA256 signature.</summary>
    // SGP.22 §2.6.5 / BSI TR-03111 §5.2.1: plain signature format.
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signatureRs)
    {
        if (signatureRs.Length != SignatureLength)
            return false;
        lock (_lock)
            return Ecdsa.VerifyData(data, signatureRs, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Verifies a DER ECDSA-Sig-Value (as inside X.509 certificates).</summary>
    internal bool VerifyDer(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signatureDer)
    {
        try
        {
            lock (_lock)
                return Ecdsa.VerifyData(data, signatureDer, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    internal ECParameters ToParameters() => new()
    {
        Curve = Curve.ToNamedCurve(),
        Q = new ECPoint
        {
            X = _point.AsSpan(1, EcCurves.FieldBytes).ToArray(),
            Y = _point.AsSpan(1 + EcCurves.FieldBytes, EcCurves.FieldBytes).ToArray(),
        },
    };

    internal ECDsa CreateEcdsa() => ECDsa.Create(ToParameters());

    /// <summary>The key imported once per instance (an import costs about three verifications); use under _lock.</summary>
    private ECDsa Ecdsa => _ecdsa ??= CreateEcdsa();

    internal static EcPublicKey FromParameters(EcCurve curve, ECParameters parameters)
    {
        var point = new byte[PointLength];
        point[0] = 0x04;
        parameters.Q.X.AsSpan().CopyTo(point.AsSpan(1 + EcCurves.FieldBytes - parameters.Q.X!.Length));
        parameters.Q.Y.AsSpan().CopyTo(point.AsSpan(PointLength - parameters.Q.Y!.Length));
        return new EcPublicKey(curve, point);
    }

    /// <inheritdoc />
    public bool Equals(EcPublicKey? other) =>
        other is not null && other.Curve == Curve && other._point.AsSpan().SequenceEqual(_point);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as EcPublicKey);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Curve, _point[1], _point[2], _point[3], _point[4]);

    /// <inheritdoc />
    public override string ToString() => $"{Curve} {Convert.ToHexString(_point)}";
}
