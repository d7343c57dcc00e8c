namespace EuiccEmulator.Peers;

/// <summary>One BER-TLV as received: its wire tag, the complete encoding and the value.</summary>
public readonly record struct Tlv(int Tag, ReadOnlyMemory<byte> Raw, ReadOnlyMemory<byte> Value)
{
    public bool IsConstructed => (FirstTagByte & 0x20) != 0;

    private byte FirstTagByte => Raw.Span[0];

    /// <summary>The children of a constructed TLV, in order.</summary>
    public IReadOnlyList<Tlv> Children() => TlvCodec.ReadAll(Value);

    public override string ToString() => $"{Tag:X2} ({Value.Length})";
}

/// <summary>DER length/tag helpers for objects assembled from raw pieces (signed parts, BPP segments).</summary>
// X.690 §8.1.2-8.1.3 and §10.1: single or multi-byte tags, definite lengths in the minimal form.
public static class TlvCodec
{
    public static byte[] EncodeTag(int tag)
    {
        if (tag <= 0xFF) return [(byte)tag];
        if (tag <= 0xFFFF) return [(byte)(tag >> 8), (byte)tag];
        return [(byte)(tag >> 16), (byte)(tag >> 8), (byte)tag];
    }

    public static byte[] EncodeLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return length switch
        {
            < 0x80 => [(byte)length],
            <= 0xFF => [0x81, (byte)length],
            <= 0xFFFF => [0x82, (byte)(length >> 8), (byte)length],
            <= 0xFFFFFF => [0x83, (byte)(length >> 16), (byte)(length >> 8), (byte)length],
            _ => [0x84, (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length],
        };
    }

    /// <summary>Tag and length only, for a TLV whose value follows separately.</summary>
    public static byte[] Header(int tag, int valueLength) => [.. EncodeTag(tag), .. EncodeLength(valueLength)];

    public static byte[] Encode(int tag, ReadOnlySpan<byte> value) => [.. Header(tag, value.Length), .. value];

    /// <summary>A constructed TLV whose value is the concatenation of <paramref name="parts"/>.</summary>
    public static byte[] Constructed(int tag, params IEnumerable<byte[]> parts)
    {
        var value = parts.SelectMany(p => p).ToArray();
        return Encode(tag, value);
    }

    /// <summary>Reads one TLV at the start of <paramref name="data"/>.</summary>
    /// <exception cref="FormatException">The bytes are not a complete definite-length TLV.</exception>
    public static Tlv Read(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        if (span.Length < 2) throw new FormatException("TLV shorter than 2 bytes");
        var pos = 0;
        var tag = (int)span[pos++];
        if ((tag & 0x1F) == 0x1F)
        {
            do
            {
                if (pos >= span.Length || pos > 3) throw new FormatException("bad multi-byte tag");
                tag = tag << 8 | span[pos];
            }
            while ((span[pos++] & 0x80) != 0);
        }
        if (pos >= span.Length) throw new FormatException("TLV without length");
        int length = span[pos++];
        if (length > 0x80)
        {
            var n = length & 0x7F;
            if (n > 3 || pos + n > span.Length) throw new FormatException("bad TLV length");
            length = 0;
            for (var i = 0; i < n; i++) length = length << 8 | span[pos++];
        }
        else if (length == 0x80)
        {
            throw new FormatException("indefinite length is not DER");
        }
        if (pos + length > span.Length) throw new FormatException($"TLV {tag:X2} needs {length} bytes, {span.Length - pos} present");
        return new Tlv(tag, data[..(pos + length)], data.Slice(pos, length));
    }

    /// <summary>Reads a sequence of TLVs that must fill <paramref name="data"/> exactly.</summary>
    public static IReadOnlyList<Tlv> ReadAll(ReadOnlyMemory<byte> data)
    {
        var list = new List<Tlv>();
        while (!data.IsEmpty)
        {
            var tlv = Read(data);
            list.Add(tlv);
            data = data[tlv.Raw.Length..];
        }
        return list;
    }

    /// <summary>Reads one TLV that must fill <paramref name="data"/> exactly.</summary>
    public static Tlv ReadSingle(ReadOnlyMemory<byte> data)
    {
        var tlv = Read(data);
        if (tlv.Raw.Length != data.Length) throw new FormatException($"{data.Length - tlv.Raw.Length} bytes after TLV {tlv.Tag:X2}");
        return tlv;
    }
}
