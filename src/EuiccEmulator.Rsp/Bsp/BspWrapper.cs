using System.Security.Cryptography;

namespace EuiccEmulator.Rsp.Bsp;

/// <summary>SM-DP+ side of BSP (SCP03t), used as the test peer. Produces the TLVs in the order they are sent.</summary>
public sealed class BspWrapper : IDisposable
{
    private readonly BspChannel _channel;

    /// <summary>A wrapper starting with the given session keys.</summary>
    public BspWrapper(BspSessionKeys keys) => _channel = new BspChannel(keys);

    /// <summary>One protected TLV: 86/87 padded, encrypted and MACed; 88 MACed only.</summary>
    /// <exception cref="ArgumentException">Not 86/87/88, or the TLV would exceed 1020 bytes.</exception>
    public byte[] Wrap(byte tag, ReadOnlySpan<byte> plaintext)
    {
        var encrypted = BspTlv.IsEncryptedTag(tag, nameof(tag));
        if (plaintext.Length > BspTlv.MaxTlvSize)
            throw TooLong(plaintext.Length);
        // SGP.22 §2.6.4.4: always at least one padding byte.
        var bodyLength = encrypted ? ((plaintext.Length / BspTlv.BlockSize) + 1) * BspTlv.BlockSize : plaintext.Length;
        var valueLength = bodyLength + BspTlv.MacLength;
        var headerLength = BspTlv.HeaderLength(valueLength);
        if (headerLength + valueLength > BspTlv.MaxTlvSize)
            throw TooLong(plaintext.Length);

        var tlv = new byte[headerLength + valueLength];
        BspTlv.WriteHeader(tlv, tag, valueLength);
        var body = tlv.AsSpan(headerLength, bodyLength);
        plaintext.CopyTo(body);
        if (encrypted)
        {
            body[plaintext.Length] = 0x80;
            Span<byte> icv = stackalloc byte[BspTlv.BlockSize];
            _channel.ComputeIcv(icv);
            _channel.Aes.EncryptCbc(body, icv, body, PaddingMode.None);
        }

        Span<byte> fullMac = stackalloc byte[BspSessionKeys.Length];
        _channel.ComputeMac(tlv.AsSpan(0, headerLength + bodyLength), fullMac);
        fullMac[..BspTlv.MacLength].CopyTo(tlv.AsSpan(headerLength + bodyLength));
        _channel.Advance(fullMac);
        return tlv;
    }

    /// <summary>
    /// Splits <paramref name="plaintext"/> into as many TLVs of at most <paramref name="maxTlvSize"/> bytes as needed,
    /// each filled as far as it goes. Empty plaintext gives one TLV.
    /// </summary>
    /// <exception cref="ArgumentException">Not 86/87/88, or maxTlvSize over 1020 or too small for one byte.</exception>
    public IReadOnlyList<byte[]> WrapSegments(byte tag, ReadOnlySpan<byte> plaintext, int maxTlvSize = BspTlv.MaxTlvSize)
    {
        var chunk = BspTlv.MaxPlaintextLength(BspTlv.IsEncryptedTag(tag, nameof(tag)), maxTlvSize);
        var segments = new List<byte[]>((plaintext.Length / chunk) + 1);
        do
        {
            var n = Math.Min(chunk, plaintext.Length);
            segments.Add(Wrap(tag, plaintext[..n]));
            plaintext = plaintext[n..];
        }
        while (!plaintext.IsEmpty);
        return segments;
    }

    /// <summary>After sending ReplaceSessionKeys: switch to the PPKs, MCV = their initial value, counter back to 1.</summary>
    // SGP.22 §2.5.3
    public void ReplaceSessionKeys(BspSessionKeys profileProtectionKeys) => _channel.Replace(profileProtectionKeys);

    /// <inheritdoc />
    public void Dispose() => _channel.Dispose();

    private static ArgumentException TooLong(int length) =>
        new($"A {length}-byte plaintext does not fit one {BspTlv.MaxTlvSize}-byte TLV.", "plaintext");
}
