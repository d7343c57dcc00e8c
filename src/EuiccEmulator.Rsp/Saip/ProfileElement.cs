namespace EuiccEmulator.Rsp.Saip;

/// <summary>One complete ProfileElement TLV as received, with its PEHeader fields when it has one.</summary>
// SAIP v3.3.1 PEDefinitions ProfileElement / PEHeader.
internal sealed class ProfileElement
{
    internal ProfileElement(byte[] encoded, int tag, int headerLength, long offset)
    {
        Encoded = encoded;
        Tag = tag;
        HeaderLength = headerLength;
        Offset = offset;
        if (tag != (int)ProfileElementType.Header && PeHeader.TryRead(encoded.AsSpan(headerLength), out var mandated, out var id))
        {
            Mandated = mandated;
            Identification = id;
        }
    }

    /// <summary>Outer wire tag, e.g. 0xA0 header, 0xB0 mf, 0xBF20 iot.</summary>
    public int Tag { get; }

    /// <summary>The complete TLV exactly as received.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>Number of tag and length bytes in front of the content.</summary>
    public int HeaderLength { get; }

    /// <summary>Position of the first tag byte in the package.</summary>
    public long Offset { get; }

    /// <summary>PEHeader.identification; null for the header PE, rfu PEs and unreadable headers.</summary>
    public int? Identification { get; }

    /// <summary>PEHeader.mandated present.</summary>
    public bool Mandated { get; }

    public ReadOnlyMemory<byte> Content => Encoded[HeaderLength..];

    public int Size => Encoded.Length;

    public string Name => ProfileElementTypes.Name(Tag);

    public bool IsKnownType => ProfileElementTypes.IsKnown(Tag);

    public override string ToString() => Identification is { } id ? $"{Name} id {id}" : Name;
}

/// <summary>Lenient reader of the PEHeader that starts every PE but the header: A0 { [80 00] 81 id }.</summary>
// SAIP v3.3.1 PEHeader: mandated NULL OPTIONAL, identification UInt15.
internal static class PeHeader
{
    /// <summary>True when <paramref name="content"/> (the PE content) starts with a well-formed PEHeader.</summary>
    public static bool TryRead(ReadOnlySpan<byte> content, out bool mandated, out int identification)
    {
        mandated = false;
        identification = 0;
        if (DerHeader.TryRead(content, out var tag, out var hl, out var length) != DerHeaderStatus.Ok || tag != 0xA0)
            return false;
        if (content.Length - hl < length) return false;
        var body = content.Slice(hl, (int)length);
        if (DerHeader.TryRead(body, out tag, out hl, out length) != DerHeaderStatus.Ok) return false;
        if (tag == 0x80)
        {
            if (length != 0) return false;
            mandated = true;
            body = body[hl..];
            if (DerHeader.TryRead(body, out tag, out hl, out length) != DerHeaderStatus.Ok) return false;
        }
        if (tag != 0x81 || length is < 1 or > 3 || body.Length != hl + length) return false;
        var value = body.Slice(hl, (int)length);
        // X.690 §8.3.2: minimal two's complement; UInt15 is never negative.
        if ((value[0] & 0x80) != 0 || (value.Length > 1 && value[0] == 0 && (value[1] & 0x80) == 0)) return false;
        var id = 0;
        foreach (var b in value) id = id << 8 | b;
        identification = id;
        return true;
    }
}
