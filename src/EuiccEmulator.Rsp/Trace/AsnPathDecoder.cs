using System.Formats.Asn1;
using System.Globalization;
using System.Text;

namespace EuiccEmulator.Rsp.Trace;

/// <summary>One decoded TLV: where it sits (the ASN.1 path of component names), its tag, name and shown value.</summary>
/// <param name="Path">Component names from the message down, joined by '.', e.g.
/// "response.euiccPackageResultSigned.euiccPackageResultDataSigned.seqNumber".</param>
/// <param name="Depth">Nesting level, 0 for the message.</param>
/// <param name="Tag">The wire tag.</param>
/// <param name="Name">The component name.</param>
/// <param name="Value">The shown value of a primitive, null for a constructed value.</param>
/// <param name="Note">Why the TLV was not matched or not complete, or null.</param>
public sealed record TraceField(string Path, int Depth, int Tag, string Name, string? Value, string? Note = null);

/// <summary>
/// Decodes BER by following an <see cref="AsnType"/>: a tag is named by the component it is in its enclosing type,
/// never by a global tag table (so A6 is getRATResult inside an eUICC Package Result and euiccCertificate inside GetCerts).
/// </summary>
internal static class AsnPathDecoder
{
    private const int MaxShownBytes = 48;
    private const int MaxDepth = 24;

    /// <summary>Decodes a sequence of TLVs as the field <paramref name="root"/> (the first TLV must carry its tag).</summary>
    public static IReadOnlyList<TraceField> Decode(ReadOnlySpan<byte> bytes, string path, AsnField root)
    {
        var fields = new List<TraceField>();
        try
        {
            DecodeList(bytes, path, new SeqType([root]), 0, fields, allowRepeat: true);
        }
        catch (AsnContentException e)
        {
            fields.Add(new TraceField(path, 0, -1, "(not BER)", Hex(bytes), e.Message));
        }
        return fields;
    }

    // The TLVs of a constructed value whose type is `container` (a SEQUENCE's components, a CHOICE, a SEQUENCE OF).
    private static void DecodeList(
        ReadOnlySpan<byte> bytes, string path, AsnType container, int depth, List<TraceField> output, bool allowRepeat = false)
    {
        var position = 0; // next SEQUENCE component that may match
        while (!bytes.IsEmpty)
        {
            if (bytes.Length >= 2 && bytes[0] == 0 && bytes[1] == 0) return; // end-of-contents
            var tag = ReadTag(bytes, out var tagLength);
            var field = Match(container, tag, ref position, allowRepeat);
            var (contentOffset, contentLength, truncated) = Header(bytes, tagLength);
            var content = bytes.Slice(contentOffset, Math.Min(contentLength, bytes.Length - contentOffset));
            var constructed = (bytes[0] & 0x20) != 0;
            var note = truncated ? $"{contentLength} bytes declared, {content.Length} here; the rest follows in later segments" : null;
            if (field is null)
            {
                output.Add(new TraceField(Join(path, $"?{tag:X2}"), depth, tag, $"[{tag:X2}]", constructed ? null : Hex(content),
                    "not a component of this type in this SGP.32 version"));
                if (constructed && depth < MaxDepth) Generic(content, Join(path, $"?{tag:X2}"), depth + 1, output);
            }
            else
            {
                Emit(field, tag, content, constructed, Join(path, field.Name), depth, note, output);
            }
            if (truncated) return;
            bytes = bytes[(contentOffset + contentLength)..];
        }
    }

    private static void Emit(
        AsnField field,
        int tag,
        ReadOnlySpan<byte> content,
        bool constructed,
        string path,
        int depth,
        string? note,
        List<TraceField> output)
    {
        switch (field.Type)
        {
            case SeqType or SeqOfType when depth < MaxDepth:
                output.Add(new TraceField(path, depth, tag, field.Name, null, note));
                DecodeList(content, path, field.Type, depth + 1, output);
                break;
            case ChoiceType when field.Tag == -1:
                // An untagged CHOICE has no TLV of its own: the TLV is the alternative.
                break;
            case ChoiceType when depth < MaxDepth:
                // A tagged CHOICE is explicit: its TLV holds the alternative.
                output.Add(new TraceField(path, depth, tag, field.Name, null, note));
                DecodeList(content, path, field.Type, depth + 1, output);
                break;
            case PrimType prim:
                output.Add(new TraceField(path, depth, tag, field.Name, Show(prim, tag, content, constructed), note));
                break;
            default:
                output.Add(new TraceField(path, depth, tag, field.Name, Hex(content), note));
                break;
        }
    }

    // The component a tag stands for in `container`; for SEQUENCE OF its element (or the element CHOICE's alternative).
    private static AsnField? Match(AsnType container, int tag, ref int position, bool allowRepeat)
    {
        switch (container)
        {
            case SeqType seq:
                for (var i = allowRepeat ? 0 : position; i < seq.Fields.Count; i++)
                {
                    var found = Resolve(seq.Fields[i], tag);
                    if (found is null) continue;
                    position = i + 1;
                    return found;
                }
                // Out of order or repeated: still name it if the tag is a component at all.
                return seq.Fields.Select(f => Resolve(f, tag)).FirstOrDefault(f => f is not null);
            case ChoiceType choice:
                return choice.Alternatives.Select(f => Resolve(f, tag)).FirstOrDefault(f => f is not null);
            case SeqOfType list:
                return Resolve(list.Element, tag);
            default:
                return null;
        }
    }

    // A field matches its own tag; an untagged CHOICE matches through its alternatives.
    private static AsnField? Resolve(AsnField field, int tag)
    {
        if (field.Tag == -1 && field.Type is ChoiceType choice)
        {
            var alternative = choice.Alternatives.Select(a => Resolve(a, tag)).FirstOrDefault(a => a is not null);
            return alternative;
        }
        return field.Tag == tag ? field : null;
    }

    private static void Generic(ReadOnlySpan<byte> bytes, string path, int depth, List<TraceField> output)
    {
        try
        {
            while (!bytes.IsEmpty && depth < MaxDepth)
            {
                var tag = ReadTag(bytes, out var tagLength);
                var (offset, length, truncated) = Header(bytes, tagLength);
                var content = bytes.Slice(offset, Math.Min(length, bytes.Length - offset));
                var constructed = (bytes[0] & 0x20) != 0;
                output.Add(new TraceField(Join(path, $"?{tag:X2}"), depth, tag, $"[{tag:X2}]", constructed ? null : Hex(content)));
                if (constructed) Generic(content, Join(path, $"?{tag:X2}"), depth + 1, output);
                if (truncated) return;
                bytes = bytes[(offset + length)..];
            }
        }
        catch (AsnContentException)
        {
            output.Add(new TraceField(path, depth, -1, "(not BER)", Hex(bytes)));
        }
    }

    private static int ReadTag(ReadOnlySpan<byte> bytes, out int tagLength)
    {
        Asn1Tag.Decode(bytes, out tagLength);
        var value = 0;
        foreach (var b in bytes[..Math.Min(tagLength, 4)]) value = value << 8 | b;
        return value;
    }

    // Content offset and length; `truncated` when a definite length runs past the buffer (a BPP segment header).
    private static (int Offset, int Length, bool Truncated) Header(ReadOnlySpan<byte> bytes, int tagLength)
    {
        if (tagLength >= bytes.Length) throw new AsnContentException("a tag without a length");
        var first = bytes[tagLength];
        int length, offset;
        if (first < 0x80)
        {
            (length, offset) = (first, tagLength + 1);
        }
        else
        {
            var n = first & 0x7F;
            if (n is 0 or > 3 || tagLength + 1 + n > bytes.Length) throw new AsnContentException("unsupported length");
            length = 0;
            for (var i = 0; i < n; i++) length = length << 8 | bytes[tagLength + 1 + i];
            offset = tagLength + 1 + n;
        }
        return offset + length > bytes.Length ? (offset, length, true) : (offset, length, false);
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string Show(PrimType type, int tag, ReadOnlySpan<byte> content, bool constructed)
    {
        if (type.Kind == ValueKind.Certificate) return Certificate(tag, content);
        if (constructed && type.Kind != ValueKind.Hex) return Hex(content);
        switch (type.Kind)
        {
            case ValueKind.Integer:
                if (content.IsEmpty || content.Length > 8) return Hex(content);
                long number = (sbyte)content[0];
                foreach (var b in content[1..]) number = number << 8 | b;
                var text = number.ToString(CultureInfo.InvariantCulture);
                return type.Names is { } names && names.TryGetValue(number, out var name) ? $"{text} ({name})" : text;
            case ValueKind.Utf8:
                try
                {
                    return $"\"{new UTF8Encoding(false, true).GetString(content)}\"";
                }
                catch (DecoderFallbackException)
                {
                    return Hex(content) + " (not UTF-8)";
                }
            case ValueKind.Boolean:
                return content.Length == 1 ? (content[0] == 0 ? "FALSE" : "TRUE") : Hex(content);
            case ValueKind.Null:
                return content.IsEmpty ? "NULL" : Hex(content);
            case ValueKind.Oid:
                try
                {
                    return AsnDecoder.ReadObjectIdentifier([0x06, (byte)content.Length, .. content], AsnEncodingRules.BER, out _);
                }
                catch (Exception e) when (e is AsnContentException or ArgumentException)
                {
                    return Hex(content);
                }
            case ValueKind.Bits:
                return BitNames(type, content);
            case ValueKind.Version:
                return content.Length == 3 ? $"{content[0]}.{content[1]}.{content[2]}" : Hex(content);
            case ValueKind.Eid:
                return content.Length == 16 ? Convert.ToHexString(content) : Hex(content);
            case ValueKind.Iccid:
                return content.Length == 10 ? SwappedDigits(content) : Hex(content);
            default:
                return Hex(content);
        }
    }

    private static string BitNames(PrimType type, ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty) return "(empty)";
        var unused = content[0];
        var bits = new List<string>();
        var total = (content.Length - 1) * 8 - unused;
        for (var i = 0; i < total; i++)
        {
            if ((content[1 + i / 8] & (0x80 >> (i % 8))) == 0) continue;
            bits.Add(type.Names is { } names && names.TryGetValue(i, out var name) ? name : $"bit{i}");
        }
        return $"{Convert.ToHexString(content)} {{{string.Join(", ", bits)}}}";
    }

    private static string Certificate(int tag, ReadOnlySpan<byte> content)
    {
        // Re-tag an implicitly tagged certificate (A5/A6) as the SEQUENCE it is.
        var writer = new AsnWriter(AsnEncodingRules.BER);
        writer.WriteEncodedValue([0x30, .. LengthBytes(content.Length), .. content]);
        try
        {
            using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(writer.Encode());
            return $"certificate: subject \"{certificate.Subject}\", issuer \"{certificate.Issuer}\" ({content.Length} bytes)";
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return Hex(content) + (tag == 0x30 ? "" : " (not a certificate)");
        }
    }

    private static byte[] LengthBytes(int length) => length switch
    {
        < 0x80 => [(byte)length],
        < 0x100 => [0x81, (byte)length],
        < 0x10000 => [0x82, (byte)(length >> 8), (byte)length],
        _ => [0x83, (byte)(length >> 16), (byte)(length >> 8), (byte)length],
    };

    private static string SwappedDigits(ReadOnlySpan<byte> bcd)
    {
        var text = new StringBuilder();
        foreach (var b in bcd)
        {
            foreach (var nibble in new[] { b & 0x0F, b >> 4 })
                if (nibble < 10) text.Append((char)('0' + nibble));
        }
        return text.ToString();
    }

    public static string Hex(ReadOnlySpan<byte> bytes) => bytes.Length <= MaxShownBytes
        ? Convert.ToHexString(bytes)
        : $"{Convert.ToHexString(bytes[..MaxShownBytes])}… ({bytes.Length} bytes)";
}
