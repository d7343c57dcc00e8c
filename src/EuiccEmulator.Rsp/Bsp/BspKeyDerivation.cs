using System.Buffers.Binary;
using System.Security.Cryptography;

namespace EuiccEmulator.Rsp.Bsp;

/// <summary>Derives the BSP session keys from the ECKA shared secret.</summary>
public static class BspKeyDerivation
{
    private const int EidLength = 16;
    private const int OutputLength = 3 * BspSessionKeys.Length;

    /// <summary>
    /// X9.63 KDF (SHA-256) over ShS with SharedInfo = keyType || keyLength || len(hostId) || hostId || 0x10 || EID.
    /// Output split: initial MCV, S-ENC, S-MAC.
    /// </summary>
    /// <exception cref="ArgumentException">keyLength is not 16, the EID is not 16 bytes or hostId is over 255 bytes.</exception>
    // SGP.22 §2.6.4.2
    public static BspSessionKeys Derive(
        ReadOnlySpan<byte> sharedSecret, byte keyType, byte keyLength, ReadOnlySpan<byte> hostId, ReadOnlySpan<byte> eid)
    {
        if (keyLength != BspSessionKeys.Length)
            throw new ArgumentOutOfRangeException(nameof(keyLength), keyLength, "Only AES-128 (key length 0x10) is supported.");
        if (eid.Length != EidLength)
            throw new ArgumentException($"EID must be {EidLength} bytes.", nameof(eid));
        if (hostId.Length > 255)
            throw new ArgumentException("hostId must be at most 255 bytes.", nameof(hostId));

        // Z || counter(4) || SharedInfo; lengths are BER-encoded.
        var hostIdLengthLength = hostId.Length < 0x80 ? 1 : 2;
        var sharedInfoLength = 2 + hostIdLengthLength + hostId.Length + 1 + EidLength;
        var inputLength = sharedSecret.Length + 4 + sharedInfoLength;
        var large = inputLength > 512 ? new byte[inputLength] : null;
        var input = large ?? stackalloc byte[inputLength];
        Span<byte> output = stackalloc byte[2 * SHA256.HashSizeInBytes];
        try
        {
            sharedSecret.CopyTo(input);
            var info = input[(sharedSecret.Length + 4)..];
            info[0] = keyType;
            info[1] = keyLength;
            var i = 2;
            if (hostIdLengthLength == 2)
                info[i++] = 0x81;
            info[i++] = (byte)hostId.Length;
            hostId.CopyTo(info[i..]);
            i += hostId.Length;
            info[i++] = EidLength;
            eid.CopyTo(info[i..]);

            var counter = input.Slice(sharedSecret.Length, 4);
            for (uint block = 1; block <= 2; block++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(counter, block);
                SHA256.HashData(input, output[((int)(block - 1) * SHA256.HashSizeInBytes)..]);
            }

            var keys = output[..OutputLength];
            return new BspSessionKeys(
                keys[..16].ToArray(),
                keys[16..32].ToArray(),
                keys[32..48].ToArray());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
            CryptographicOperations.ZeroMemory(output);
        }
    }
}
