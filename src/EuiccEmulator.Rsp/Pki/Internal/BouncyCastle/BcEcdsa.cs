using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;

namespace EuiccEmulator.Rsp.Pki.Internal.BouncyCastle;

/// <summary>
/// A second, independent ECDSA/ECDH implementation (BouncyCastle) for cross-checking the .NET path.
/// Only byte arrays and <see cref="EcCurve"/> cross this boundary.
/// </summary>
internal static class BcEcdsa
{
    /// <summary>Verifies r||s over SHA-256(data).</summary>
    public static bool VerifyRs(EcCurve curve, ReadOnlySpan<byte> point, ReadOnlySpan<byte> data, ReadOnlySpan<byte> rs)
    {
        if (rs.Length != EcPublicKey.SignatureLength)
            return false;
        var domain = Domain(curve);
        var q = domain.Curve.DecodePoint(point.ToArray());
        var signer = new ECDsaSigner();
        signer.Init(false, new ECPublicKeyParameters(q, domain));
        return signer.VerifySignature(
            Sha256(data),
            new BigInteger(1, rs[..EcCurves.FieldBytes].ToArray()),
            new BigInteger(1, rs[EcCurves.FieldBytes..].ToArray()));
    }

    /// <summary>Signs SHA-256(data) and returns r||s; deterministic = RFC 6979 nonce.</summary>
    public static byte[] SignRs(ReadOnlySpan<byte> privateKeyPkcs8, ReadOnlySpan<byte> data, bool deterministic)
    {
        var key = (ECPrivateKeyParameters)PrivateKeyFactory.CreateKey(privateKeyPkcs8.ToArray());
        var signer = deterministic ? new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest())) : new ECDsaSigner();
        signer.Init(true, deterministic ? key : new ParametersWithRandom(key, new SecureRandom()));
        var rs = signer.GenerateSignature(Sha256(data));
        var result = new byte[EcPublicKey.SignatureLength];
        BigIntegers.AsUnsignedByteArray(rs[0], result, 0, EcCurves.FieldBytes);
        BigIntegers.AsUnsignedByteArray(rs[1], result, EcCurves.FieldBytes, EcCurves.FieldBytes);
        return result;
    }

    /// <summary>ECDH x-coordinate of d * Q, with d from a PKCS#8 key.</summary>
    public static byte[] SharedSecret(ReadOnlySpan<byte> privateKeyPkcs8, ReadOnlySpan<byte> peerPoint)
    {
        var key = (ECPrivateKeyParameters)PrivateKeyFactory.CreateKey(privateKeyPkcs8.ToArray());
        var peer = new ECPublicKeyParameters(key.Parameters.Curve.DecodePoint(peerPoint.ToArray()), key.Parameters);
        var agreement = new ECDHBasicAgreement();
        agreement.Init(key);
        return BigIntegers.AsUnsignedByteArray(EcCurves.FieldBytes, agreement.CalculateAgreement(peer));
    }

    /// <summary>The public point 04||X||Y of a PKCS#8 key.</summary>
    public static byte[] PublicPoint(ReadOnlySpan<byte> privateKeyPkcs8)
    {
        var key = (ECPrivateKeyParameters)PrivateKeyFactory.CreateKey(privateKeyPkcs8.ToArray());
        return key.Parameters.G.Multiply(key.D).Normalize().GetEncoded(compressed: false);
    }

    /// <summary>
    /// True when <paramref name="certificate"/>'s signature verifies with the key of
    /// <paramref name="issuerCertificate"/>.
    /// </summary>
    public static bool VerifyCertificateSignature(ReadOnlySpan<byte> certificate, ReadOnlySpan<byte> issuerCertificate)
    {
        var parser = new Org.BouncyCastle.X509.X509CertificateParser();
        var cert = parser.ReadCertificate(certificate.ToArray());
        var issuer = parser.ReadCertificate(issuerCertificate.ToArray());
        try
        {
            cert.Verify(issuer.GetPublicKey());
            return true;
        }
        catch (GeneralSecurityException)
        {
            return false;
        }
    }

    private static ECDomainParameters Domain(EcCurve curve)
    {
        var x9 = ECNamedCurveTable.GetByOid(new DerObjectIdentifier(curve.Oid()))
            ?? throw new InvalidOperationException($"BouncyCastle lacks {curve}");
        return new ECDomainParameters(x9);
    }

    private static byte[] Sha256(ReadOnlySpan<byte> data)
    {
        var digest = new Sha256Digest();
        digest.BlockUpdate(data);
        var hash = new byte[digest.GetDigestSize()];
        digest.DoFinal(hash, 0);
        return hash;
    }
}
