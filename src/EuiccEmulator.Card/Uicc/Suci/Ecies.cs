using System.Buffers.Binary;
using System.Security.Cryptography;
using EuiccEmulator.Rsp.Pki.Internal.BouncyCastle;

namespace EuiccEmulator.Card.Uicc.Suci;

/// <summary>
/// The UE side of the SUCI protection schemes: the scheme output for a scheme input under a home network public key.
/// </summary>
// 3GPP TS 33.501 Annex C.3.2 (encryption at the UE), C.3.4.1 (profile A), C.3.4.2 (profile B); test data Annex C.4.
internal static class Ecies
{
    private const int EncKeyLength = 16;  // AES-128
    private const int IcbLength = 16;     // initial counter block of AES-CTR
    private const int MacKeyLength = 32;  // HMAC-SHA-256
    private const int MacTagLength = 8;

    /// <summary>Bytes of a home network public key for the scheme: 32 (X25519), 33 or 65 (P-256); 0 for null.</summary>
    public static bool IsValidPublicKey(ProtectionScheme scheme, ReadOnlySpan<byte> key) => scheme switch
    {
        ProtectionScheme.Null => true,
        ProtectionScheme.ProfileA => key.Length == BcCurve25519.KeyLength,
        ProtectionScheme.ProfileB => BcCurve25519.P256Uncompressed(key) is not null,
        _ => false,
    };

    /// <summary>
    /// The scheme output: for ECIES the ephemeral public key (profile B compressed), the AES-128-CTR ciphertext of the
    /// input and the first 8 bytes of its HMAC-SHA-256. <paramref name="random"/> gives the ephemeral private key.
    /// </summary>
    /// <exception cref="CryptographicException">The home network key is not a key of the scheme's curve.</exception>
    public static byte[] Conceal(ProtectionScheme scheme, ReadOnlySpan<byte> homeNetworkKey, ReadOnlySpan<byte> input,
        Func<int, byte[]> random)
    {
        switch (scheme)
        {
            case ProtectionScheme.Null:
                return input.ToArray();
            case ProtectionScheme.ProfileA:
            {
                var ephemeral = random(BcCurve25519.KeyLength);
                var shared = BcCurve25519.SharedSecret(ephemeral, homeNetworkKey)
                    ?? throw new CryptographicException("the home network key is not a usable X25519 key");
                return Seal(BcCurve25519.PublicKey(ephemeral), shared, input);
            }
            case ProtectionScheme.ProfileB:
            {
                var peer = BcCurve25519.P256Uncompressed(homeNetworkKey)
                    ?? throw new CryptographicException("the home network key is not a P-256 point");
                using var ephemeral = P256Ephemeral(random);
                using var hn = ECDiffieHellman.Create(new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP256,
                    Q = new ECPoint { X = peer[1..33], Y = peer[33..] },
                });
                var shared = ephemeral.DeriveRawSecretAgreement(hn.PublicKey);
                var q = ephemeral.ExportParameters(false).Q;
                // C.3.4.2: the ephemeral public key is sent compressed; it is also the KDF's SharedInfo1 as sent.
                byte[] compressed = [(byte)(0x02 | (q.Y![^1] & 1)), .. q.X!];
                return Seal(compressed, shared, input);
            }
            default:
                throw new CryptographicException($"protection scheme {(byte)scheme} is not offered");
        }
    }

    // C.3.2: ANSI X9.63 KDF (SHA-256, SharedInfo1 = ephemeral public key) gives the encryption key, the ICB and the
    // MAC key; output = ephemeral public key || AES-128-CTR(input) || HMAC-SHA-256(ciphertext)[0..8].
    private static byte[] Seal(byte[] ephemeralPublic, byte[] shared, ReadOnlySpan<byte> input)
    {
        var keys = X963Kdf(shared, ephemeralPublic, EncKeyLength + IcbLength + MacKeyLength);
        var ciphertext = AesCtr(keys.AsSpan(0, EncKeyLength), keys.AsSpan(EncKeyLength, IcbLength), input);
        var mac = HMACSHA256.HashData(keys.AsSpan(EncKeyLength + IcbLength, MacKeyLength), ciphertext);
        CryptographicOperations.ZeroMemory(keys);
        CryptographicOperations.ZeroMemory(shared);
        return [.. ephemeralPublic, .. ciphertext, .. mac.AsSpan(0, MacTagLength)];
    }

    /// <summary>ANSI X9.63 KDF with SHA-256: SHA-256(Z || counter (32-bit, from 1) || SharedInfo) blocks.</summary>
    internal static byte[] X963Kdf(ReadOnlySpan<byte> z, ReadOnlySpan<byte> sharedInfo, int length)
    {
        var output = new byte[length];
        var block = new byte[z.Length + 4 + sharedInfo.Length];
        z.CopyTo(block);
        sharedInfo.CopyTo(block.AsSpan(z.Length + 4));
        for (uint counter = 1, done = 0; done < length; counter++, done += SHA256.HashSizeInBytes)
        {
            BinaryPrimitives.WriteUInt32BigEndian(block.AsSpan(z.Length, 4), counter);
            var digest = SHA256.HashData(block);
            digest.AsSpan(0, Math.Min(digest.Length, length - (int)done)).CopyTo(output.AsSpan((int)done));
        }
        CryptographicOperations.ZeroMemory(block);
        return output;
    }

    /// <summary>AES-128 in counter mode; the whole 128-bit block is the counter (C.3.4: ICB from the KDF).</summary>
    internal static byte[] AesCtr(ReadOnlySpan<byte> key, ReadOnlySpan<byte> icb, ReadOnlySpan<byte> input)
    {
        using var aes = Aes.Create();
        aes.Key = key.ToArray();
        var counter = icb.ToArray();
        var stream = new byte[16];
        var output = new byte[input.Length];
        for (var offset = 0; offset < input.Length; offset += 16)
        {
            aes.EncryptEcb(counter, stream, PaddingMode.None);
            var n = Math.Min(16, input.Length - offset);
            for (var i = 0; i < n; i++) output[offset + i] = (byte)(input[offset + i] ^ stream[i]);
            for (var i = 15; i >= 0 && ++counter[i] == 0; i--) { }
        }
        return output;
    }

    // A P-256 private scalar from the random source, drawn again until it is in [1, n-1].
    private static ECDiffieHellman P256Ephemeral(Func<int, byte[]> random)
    {
        for (var attempt = 0; ; attempt++)
        {
            var d = random(32);
            try
            {
                return ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
            }
            catch (CryptographicException) when (attempt < 16)
            {
                // zero or not below the group order: draw again
            }
        }
    }
}
