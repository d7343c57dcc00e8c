using System.Security.Cryptography;

namespace EuiccEmulator.Rsp.Bsp;

/// <summary>
/// AES-CMAC (NIST SP 800-38B) over <c>prefix block || data</c>, done as one in-place AES-CBC call.
/// Not thread-safe; one instance per key.
/// </summary>
// The BouncyCastle CMAC in Ecasd/Internal/BouncyCastle is the independent cross-check; this path is several
// times faster because the whole message goes through one CBC call instead of block-by-block engine calls.
internal sealed class AesCmac : IDisposable
{
    public const int BlockSize = 16;

    private readonly Aes _aes;
    private readonly byte[] _k1 = new byte[BlockSize];
    private readonly byte[] _k2 = new byte[BlockSize];
    private byte[] _buffer = new byte[1088];

    public AesCmac(ReadOnlySpan<byte> key)
    {
        _aes = Aes.Create();
        _aes.Key = key.ToArray();
        // SP 800-38B §6.1: L = CIPH_K(0^128), K1 = dbl(L), K2 = dbl(K1).
        Span<byte> l = stackalloc byte[BlockSize];
        l.Clear();
        _aes.EncryptEcb(l, l, PaddingMode.None);
        Double(l, _k1);
        Double(_k1, _k2);
        CryptographicOperations.ZeroMemory(l);
    }

    /// <summary>Full 16-byte tag of <paramref name="prefix"/> (exactly one block) followed by <paramref name="data"/>.</summary>
    public void Compute(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> data, Span<byte> tag)
    {
        if (prefix.Length != BlockSize)
            throw new ArgumentException("Prefix must be one block.", nameof(prefix));
        var length = BlockSize + data.Length;
        // SP 800-38B §6.2: the last block is complete (xor K1) or padded with 80 00.. (xor K2).
        var complete = length % BlockSize == 0;
        var padded = complete ? length : (length / BlockSize + 1) * BlockSize;
        if (_buffer.Length < padded)
            _buffer = new byte[padded];

        var message = _buffer.AsSpan(0, padded);
        prefix.CopyTo(message);
        data.CopyTo(message[BlockSize..]);
        if (!complete)
        {
            message[length] = 0x80;
            message[(length + 1)..].Clear();
        }
        var last = message[^BlockSize..];
        var subkey = complete ? _k1 : _k2;
        for (var i = 0; i < BlockSize; i++)
            last[i] ^= subkey[i];

        // CBC-MAC with a zero IV: the tag is the last ciphertext block.
        Span<byte> iv = stackalloc byte[BlockSize];
        iv.Clear();
        _aes.EncryptCbc(message, iv, message, PaddingMode.None);
        last.CopyTo(tag);
    }

    public void Dispose()
    {
        _aes.Dispose();
        CryptographicOperations.ZeroMemory(_k1);
        CryptographicOperations.ZeroMemory(_k2);
    }

    // SP 800-38B §5.3 / §6.1: left shift by one bit, xor R128 = 0x87 when the top bit falls off.
    private static void Double(ReadOnlySpan<byte> value, Span<byte> result)
    {
        var carry = 0;
        for (var i = BlockSize - 1; i >= 0; i--)
        {
            int b = value[i];
            result[i] = (byte)((b << 1) | carry);
            carry = b >> 7;
        }
        if (carry != 0)
            result[BlockSize - 1] ^= 0x87;
    }
}
