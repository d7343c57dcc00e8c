using System.Security.Cryptography;

namespace EuiccEmulator.Rsp.Bsp;

/// <summary>
/// Card side of BSP (SCP03t). One instance per download session; processes the protected TLVs in order.
/// </summary>
/// <remarks>
/// Unwrap is all-or-nothing: on any <see cref="BspException"/> the MAC chaining value and the block counter are
/// exactly as before the call, so the instance stays usable. The spec only requires that a bad MAC does not move
/// the chain; the card aborts the installation on any failure anyway (SGP.22 §2.5.6), so rolling back the rest
/// too costs nothing and keeps the state easy to reason about.
/// The 1020-byte TLV limit binds the sender (<see cref="BspWrapper"/> enforces it); Unwrap accepts any TLV with a one-
/// or two-byte length, because public test packages carry 1040-byte 86 TLVs (1008-byte plaintext chunks).
/// </remarks>
internal sealed class BspUnwrapper : IDisposable
{
    private readonly BspChannel _channel;

    // Largest encrypted body the sender may use: 1020 - tag - 3 length bytes - MAC; larger ones get their own buffer.
    private readonly byte[] _scratch = new byte[BspTlv.MaxTlvSize - 4 - BspTlv.MacLength];

    public BspUnwrapper(BspSessionKeys keys) => _channel = new BspChannel(keys);

    /// <summary>
    /// Verifies and opens one complete 86 / 87 / 88 TLV (tag, BER length over body + 8-byte MAC, body, MAC).
    /// 86/87 give the decrypted, unpadded plaintext; 88 gives the MAC-protected body.
    /// </summary>
    /// <exception cref="BspException">
    /// StructureError: other tag, malformed or inexact length, body too short or (86/87) not a
    /// whole number of blocks. SecurityError: C-MAC mismatch, or bad padding after decryption.
    /// </exception>
    public byte[] Unwrap(ReadOnlySpan<byte> tlv)
    {
        if (!BspTlv.TryReadHeader(tlv, out var headerLength, out var valueLength))
            throw Structure("Missing or malformed length field.");
        var tag = tlv[0];
        var encrypted = tag switch
        {
            BspTlv.ProfileElementsTag or BspTlv.EncryptedTag => true,
            BspTlv.MacOnlyTag => false,
            _ => throw Structure($"Tag {tag:X2} is not a BSP tag."),
        };
        if (headerLength + valueLength != tlv.Length)
            throw Structure($"Length field {valueLength} does not match the {tlv.Length - headerLength} bytes after it.");
        var bodyLength = valueLength - BspTlv.MacLength;
        if (bodyLength < 0)
            throw Structure("Body is shorter than the C-MAC.");
        // Ciphertext that is not whole AES blocks is a framing defect, detectable without keys.
        if (encrypted && (bodyLength == 0 || bodyLength % BspTlv.BlockSize != 0))
            throw Structure($"Encrypted body of {bodyLength} bytes is not a non-empty multiple of 16.");

        // SGP.22 §2.6.4.3: verify the C-MAC before anything is decrypted.
        Span<byte> fullMac = stackalloc byte[BspSessionKeys.Length];
        var macOffset = headerLength + bodyLength;
        _channel.ComputeMac(tlv[..macOffset], fullMac);
        if (!CryptographicOperations.FixedTimeEquals(fullMac[..BspTlv.MacLength], tlv[macOffset..]))
            throw new BspException(BspFailure.SecurityError, "C-MAC mismatch.");

        var body = tlv.Slice(headerLength, bodyLength);
        var plaintext = encrypted ? Decrypt(body) : body.ToArray();
        _channel.Advance(fullMac);
        return plaintext;
    }

    /// <summary>
    /// Opens one element of a BPP SEQUENCE OF [6] / [7] / [8]. Per the ASN.1 the element is the BSP TLV itself; some
    /// SM-DP+ implementations nest the whole TLV in an element of the same tag, a reading tried only when the element
    /// itself fails: about 1 ciphertext in 65,536 begins with bytes that look like such a nested header.
    /// </summary>
    /// <exception cref="BspException">Both readings fail: the failure of the element itself.</exception>
    // RSPDefinitions BoundProfilePackage: firstSequenceOf87 [0] SEQUENCE OF [7] OCTET STRING, and so on.
    public byte[] UnwrapElement(ReadOnlySpan<byte> element)
    {
        try
        {
            return Unwrap(element);
        }
        catch (BspException) when (NestedOffset(element) is var offset && offset > 0)
        {
            try
            {
                return Unwrap(element[offset..]);
            }
            catch (BspException)
            {
                // The element's own failure is the one to report; Unwrap left the state unchanged either way.
            }
            throw;
        }
    }

    /// <summary>ReplaceSessionKeys (BF26): switch to the PPKs, MCV = their initial value, counter back to 1.</summary>
    // SGP.22 §2.5.3
    public void ReplaceSessionKeys(BspSessionKeys profileProtectionKeys) => _channel.Replace(profileProtectionKeys);

    public void Dispose() => _channel.Dispose();

    private byte[] Decrypt(ReadOnlySpan<byte> ciphertext)
    {
        Span<byte> icv = stackalloc byte[BspTlv.BlockSize];
        _channel.ComputeIcv(icv);
        var padded = ciphertext.Length <= _scratch.Length
            ? _scratch.AsSpan(0, ciphertext.Length)
            : new byte[ciphertext.Length];
        try
        {
            _channel.Aes.DecryptCbc(ciphertext, icv, padded, PaddingMode.None);
            var length = UnpaddedLength(padded);
            // A valid MAC with bad padding means the wrong S-ENC or a broken sender: treated as a security failure.
            if (length < 0)
                throw new BspException(BspFailure.SecurityError, "Decrypted data is not padded with 80 00..00.");
            return padded[..length].ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(padded);
        }
    }

    // SGP.22 §2.6.4.4: 80 then 0..15 bytes 00, within the last block.
    private static int UnpaddedLength(ReadOnlySpan<byte> padded)
    {
        var stop = padded.Length - BspTlv.BlockSize;
        var i = padded.Length - 1;
        while (i >= stop && padded[i] == 0)
            i--;
        return i >= stop && padded[i] == 0x80 ? i : -1;
    }

    // Where a TLV of the element's own tag that fills the element exactly starts, or -1.
    private static int NestedOffset(ReadOnlySpan<byte> element)
    {
        if (!BspTlv.TryReadHeader(element, out var header, out var length) || header + length != element.Length) return -1;
        var inner = element[header..];
        return !inner.IsEmpty && inner[0] == element[0] && BspTlv.TryReadHeader(inner, out var innerHeader, out var innerLength)
            && innerHeader + innerLength == inner.Length
                ? header
                : -1;
    }

    private static BspException Structure(string message) => new(BspFailure.StructureError, message);
}
