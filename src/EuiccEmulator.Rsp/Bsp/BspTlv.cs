namespace EuiccEmulator.Rsp.Bsp;

/// <summary>Framing of the protected TLVs: tag || BER length || body || C-MAC.</summary>
internal static class BspTlv
{
    /// <summary>loadProfileElements: encrypted + MAC.</summary>
    public const byte ProfileElementsTag = 0x86;

    /// <summary>configureISDP / replaceSessionKeys: encrypted + MAC.</summary>
    public const byte EncryptedTag = 0x87;

    /// <summary>storeMetadata: MAC only.</summary>
    public const byte MacOnlyTag = 0x88;

    // SGP.22 §2.5.3: each protected TLV, tag to MAC, is at most 1020 bytes.
    public const int MaxTlvSize = 1020;

    public const int MacLength = 8;

    public const int BlockSize = 16;

    /// <summary>True for 86/87, false for 88.</summary>
    /// <exception cref="ArgumentException">Any other tag.</exception>
    public static bool IsEncryptedTag(byte tag, string paramName) => tag switch
    {
        ProfileElementsTag or EncryptedTag => true,
        MacOnlyTag => false,
        _ => throw new ArgumentException($"Tag {tag:X2} is not a BSP tag (86, 87, 88).", paramName),
    };

    public static int HeaderLength(int valueLength) => valueLength switch
    {
        < 0x80 => 2,
        < 0x100 => 3,
        _ => 4,
    };

    public static void WriteHeader(Span<byte> destination, byte tag, int valueLength)
    {
        destination[0] = tag;
        switch (valueLength)
        {
            case < 0x80:
                destination[1] = (byte)valueLength;
                break;
            case < 0x100:
                destination[1] = 0x81;
                destination[2] = (byte)valueLength;
                break;
            default:
                destination[1] = 0x82;
                destination[2] = (byte)(valueLength >> 8);
                destination[3] = (byte)valueLength;
                break;
        }
    }

    /// <summary>Reads the length field after the one-byte tag; false when missing, indefinite or longer than two bytes.</summary>
    // X.690 §8.1.3: BER allows non-minimal long forms, so they are read as given (the MAC covers them).
    public static bool TryReadHeader(ReadOnlySpan<byte> tlv, out int headerLength, out int valueLength)
    {
        headerLength = 0;
        valueLength = 0;
        if (tlv.Length < 2)
            return false;
        var first = tlv[1];
        if (first < 0x80)
        {
            headerLength = 2;
            valueLength = first;
            return true;
        }
        var count = first & 0x7F;
        if (count is 0 or > 2 || tlv.Length < 2 + count)
            return false;
        valueLength = count == 1 ? tlv[2] : (tlv[2] << 8) | tlv[3];
        headerLength = 2 + count;
        return true;
    }

    /// <summary>The largest plaintext one TLV of at most <paramref name="maxTlvSize"/> bytes can carry.</summary>
    public static int MaxPlaintextLength(bool encrypted, int maxTlvSize)
    {
        if (maxTlvSize > MaxTlvSize)
            throw new ArgumentOutOfRangeException(nameof(maxTlvSize), maxTlvSize, $"At most {MaxTlvSize}.");
        // Largest value length whose header still fits.
        var valueLength = maxTlvSize - 4 >= 0x100 ? maxTlvSize - 4
            : maxTlvSize - 3 >= 0x80 ? Math.Min(maxTlvSize - 3, 0xFF)
            : Math.Min(maxTlvSize - 2, 0x7F);
        var body = valueLength - MacLength;
        // SGP.22 §2.6.4.4: padding always adds at least one byte (80).
        var plaintext = encrypted ? (body / BlockSize * BlockSize) - 1 : body;
        if (plaintext < 1)
            throw new ArgumentOutOfRangeException(nameof(maxTlvSize), maxTlvSize, "Too small to carry any plaintext.");
        return plaintext;
    }
}
