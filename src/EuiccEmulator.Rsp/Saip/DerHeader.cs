namespace EuiccEmulator.Rsp.Saip;

/// <summary>Outcome of reading a DER tag and length from a possibly incomplete buffer.</summary>
internal enum DerHeaderStatus
{
    Ok,
    NeedMore,
    TagTooLong,
    TagNotMinimal,
    Indefinite,
    LengthNotMinimal,
    LengthTooLong,
}

/// <summary>Reads one DER identifier and length; never throws, reports an incomplete buffer as NeedMore.</summary>
// X.690 §8.1.2 (identifier), §8.1.3 (length), §10.1 (DER: definite, minimal lengths).
internal static class DerHeader
{
    /// <summary>Tags longer than this many bytes do not occur in SAIP or SGP.22.</summary>
    public const int MaxTagBytes = 3;

    public static DerHeaderStatus TryRead(ReadOnlySpan<byte> data, out int tag, out int headerLength, out long length)
    {
        tag = 0;
        headerLength = 0;
        length = 0;
        var status = TryReadTag(data, out tag, out var tagLength);
        if (status != DerHeaderStatus.Ok) return status;
        if (data.Length <= tagLength) return DerHeaderStatus.NeedMore;
        var first = data[tagLength];
        if (first < 0x80)
        {
            length = first;
            headerLength = tagLength + 1;
            return DerHeaderStatus.Ok;
        }
        if (first == 0x80) return DerHeaderStatus.Indefinite;
        var count = first & 0x7F;
        if (count > 4) return DerHeaderStatus.LengthTooLong;
        if (data.Length < tagLength + 1 + count) return DerHeaderStatus.NeedMore;
        long value = 0;
        for (var i = 0; i < count; i++) value = value << 8 | data[tagLength + 1 + i];
        // X.690 §10.1: the long form only when needed, with no leading zero octet.
        if (value < 0x80 || data[tagLength + 1] == 0) return DerHeaderStatus.LengthNotMinimal;
        length = value;
        headerLength = tagLength + 1 + count;
        return DerHeaderStatus.Ok;
    }

    public static DerHeaderStatus TryReadTag(ReadOnlySpan<byte> data, out int tag, out int tagLength)
    {
        tag = 0;
        tagLength = 0;
        if (data.IsEmpty) return DerHeaderStatus.NeedMore;
        tag = data[0];
        tagLength = 1;
        if ((data[0] & 0x1F) != 0x1F) return DerHeaderStatus.Ok;
        var number = 0;
        while (true)
        {
            if (tagLength >= MaxTagBytes + 1) return DerHeaderStatus.TagTooLong;
            if (data.Length <= tagLength) return DerHeaderStatus.NeedMore;
            var b = data[tagLength];
            // X.690 §8.1.2.4.2: no leading 0x80 octet in the tag number.
            if (tagLength == 1 && b == 0x80) return DerHeaderStatus.TagNotMinimal;
            tag = tag << 8 | b;
            number = number << 7 | (b & 0x7F);
            tagLength++;
            if ((b & 0x80) == 0) break;
        }
        if (tagLength > MaxTagBytes) return DerHeaderStatus.TagTooLong;
        return number < 31 ? DerHeaderStatus.TagNotMinimal : DerHeaderStatus.Ok;
    }

    public static string Describe(DerHeaderStatus status) => status switch
    {
        DerHeaderStatus.NeedMore => "truncated",
        DerHeaderStatus.TagTooLong => "tag longer than 3 bytes",
        DerHeaderStatus.TagNotMinimal => "tag not in minimal form",
        DerHeaderStatus.Indefinite => "indefinite length (not DER)",
        DerHeaderStatus.LengthNotMinimal => "length not in minimal form (not DER)",
        DerHeaderStatus.LengthTooLong => "length field longer than 4 bytes",
        _ => status.ToString(),
    };
}
