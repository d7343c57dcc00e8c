using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace EuiccEmulator.Conformance;

/// <summary>
/// The home network side of SUCI de-concealment for ECIES profile B (3GPP TS 33.501 Annex C.3.3, C.3.4.2), for the
/// GET IDENTITY cases: written here on .NET alone, apart from the card's, so a card's SUCI is checked against an
/// independent computation. Known answers: TS 33.501 Annex C.4.4 (tests/EuiccEmulator.Conformance.Tests).
/// </summary>
internal static class NetworkSuci
{
    // secp256r1 (SEC 2 §2.4.2): y^2 = x^3 - 3x + b over p, p = 3 mod 4.
    private static readonly BigInteger P = Parse("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF");
    private static readonly BigInteger B = Parse("5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B");

    /// <summary>The scheme input of a profile B scheme output, or null when its MAC tag does not verify.</summary>
    /// <exception cref="CryptographicException">The ephemeral key is not a compressed P-256 point.</exception>
    public static byte[]? DeconcealProfileB(byte[] hnPrivateKey, byte[] schemeOutput)
    {
        if (schemeOutput.Length < 33 + 8) throw new CryptographicException("scheme output shorter than key and tag");
        var ephemeral = schemeOutput[..33];
        var ciphertext = schemeOutput[33..^8];
        var tag = schemeOutput[^8..];
        var (x, y) = Decompress(ephemeral);
        using var hn = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = hnPrivateKey });
        using var peer = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = x, Y = y },
        });
        var shared = hn.DeriveRawSecretAgreement(peer.PublicKey);
        // ANSI X9.63 KDF, SHA-256, SharedInfo1 = the ephemeral key as received: encryption key, ICB, MAC key.
        var keys = new byte[64];
        for (var block = 0; block < 2; block++)
        {
            var counter = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(counter, block + 1);
            SHA256.HashData([.. shared, .. counter, .. ephemeral]).CopyTo(keys, block * 32);
        }
        var mac = HMACSHA256.HashData(keys[32..], ciphertext);
        if (!CryptographicOperations.FixedTimeEquals(mac.AsSpan(0, 8), tag)) return null;
        using var aes = Aes.Create();
        aes.Key = keys[..16];
        var counterBlock = new BigInteger(keys.AsSpan(16, 16), isUnsigned: true, isBigEndian: true);
        var plain = new byte[ciphertext.Length];
        for (var offset = 0; offset < ciphertext.Length; offset += 16, counterBlock = (counterBlock + 1) % (BigInteger.One << 128))
        {
            var stream = aes.EncryptEcb(Fixed(counterBlock, 16), PaddingMode.None);
            for (var i = 0; i < 16 && offset + i < ciphertext.Length; i++) plain[offset + i] = (byte)(ciphertext[offset + i] ^ stream[i]);
        }
        return plain;
    }

    // SEC 1 §2.3.4: x, then y = sqrt(x^3 - 3x + b) = rhs^((p+1)/4) mod p, the root whose parity the prefix gives.
    private static (byte[] X, byte[] Y) Decompress(byte[] point)
    {
        if (point[0] is not (0x02 or 0x03)) throw new CryptographicException("the ephemeral key is not a compressed point");
        var x = new BigInteger(point.AsSpan(1), isUnsigned: true, isBigEndian: true);
        if (x >= P) throw new CryptographicException("the ephemeral key's x is not below p");
        var rhs = ((BigInteger.ModPow(x, 3, P) - 3 * x + B) % P + P) % P;
        var y = BigInteger.ModPow(rhs, (P + 1) / 4, P);
        if (BigInteger.ModPow(y, 2, P) != rhs) throw new CryptographicException("the ephemeral key is not on the curve");
        if ((y.IsEven ? 0x02 : 0x03) != point[0]) y = P - y;
        return (point[1..], Fixed(y, 32));
    }

    private static BigInteger Parse(string hex) => new(Convert.FromHexString(hex), isUnsigned: true, isBigEndian: true);

    private static byte[] Fixed(BigInteger value, int length)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        return bytes.Length == length ? bytes : [.. new byte[length - bytes.Length], .. bytes];
    }
}
