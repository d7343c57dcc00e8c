using System.Formats.Asn1;
using System.Text;

namespace EuiccEmulator.Peers.Eim;

/// <summary>Small DER pieces for the eIM objects, built from raw tags so that faults can bend them.</summary>
// X.690 §8.3 (INTEGER), §8.6 (BIT STRING), §10.2 (DER minimal forms).
internal static class EimDer
{
    public static readonly byte[] Null = [];

    /// <summary>Minimal two's complement content of <paramref name="value"/>.</summary>
    public static byte[] IntegerContent(long value)
    {
        Span<byte> full = stackalloc byte[8];
        for (var i = 0; i < 8; i++) full[i] = (byte)(value >> (56 - (8 * i)));
        var start = 0;
        // X.690 §8.3.2: drop leading octets that only repeat the sign.
        while (start < 7
            && ((full[start] == 0x00 && (full[start + 1] & 0x80) == 0) || (full[start] == 0xFF && (full[start + 1] & 0x80) != 0)))
        {
            start++;
        }
        return full[start..].ToArray();
    }

    public static byte[] Integer(int tag, long value) => TlvCodec.Encode(tag, IntegerContent(value));

    public static long ReadInteger(Tlv tlv)
    {
        var v = tlv.Value.Span;
        if (v.Length is 0 or > 8) throw new FormatException($"INTEGER {tlv.Tag:X2} of {v.Length} bytes");
        if (v.Length > 1 && ((v[0] == 0 && (v[1] & 0x80) == 0) || (v[0] == 0xFF && (v[1] & 0x80) != 0)))
            throw new FormatException($"INTEGER {tlv.Tag:X2} is not minimal");
        long result = (sbyte)v[0];
        for (var i = 1; i < v.Length; i++) result = (result << 8) | v[i];
        return result;
    }

    public static byte[] Utf8(int tag, string text) => TlvCodec.Encode(tag, Encoding.UTF8.GetBytes(text));

    public static string ReadUtf8(Tlv tlv) => Encoding.UTF8.GetString(tlv.Value.Span);

    public static byte[] Boolean(int tag, bool value) => TlvCodec.Encode(tag, [value ? (byte)0xFF : (byte)0x00]);

    /// <summary>A named-bit BIT STRING: bit n of <paramref name="bits"/> is ASN.1 bit n (bit 0 = MSB of the first byte).</summary>
    // X.690 §11.2.2: DER drops trailing zero bits of a named bit list.
    public static byte[] NamedBits(int tag, uint bits)
    {
        if (bits == 0) return TlvCodec.Encode(tag, [0x00]);
        var highest = 0;
        for (var i = 0; i < 32; i++) if ((bits & (1u << i)) != 0) highest = i;
        var length = (highest / 8) + 1;
        var content = new byte[length + 1];
        content[0] = (byte)(7 - (highest % 8));
        for (var i = 0; i <= highest; i++)
            if ((bits & (1u << i)) != 0) content[1 + (i / 8)] |= (byte)(0x80 >> (i % 8));
        return TlvCodec.Encode(tag, content);
    }

    public static uint ReadNamedBits(Tlv tlv)
    {
        var v = tlv.Value.Span;
        if (v.Length == 0 || v[0] > 7) throw new FormatException($"BIT STRING {tlv.Tag:X2} malformed");
        uint bits = 0;
        for (var i = 0; i < (v.Length - 1) * 8 && i < 32; i++)
            if ((v[1 + (i / 8)] & (0x80 >> (i % 8))) != 0) bits |= 1u << i;
        return bits;
    }

    public static byte[] Oid(int contextNumber, string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(oid, new Asn1Tag(TagClass.ContextSpecific, contextNumber));
        return writer.Encode();
    }

    public static string ReadOid(Tlv tlv) =>
        AsnDecoder.ReadObjectIdentifier(tlv.Raw.Span, AsnEncodingRules.DER, out _, new Asn1Tag(TagClass.ContextSpecific, tlv.Tag & 0x1F));

    /// <summary>
    /// Replaces the outer tag of a DER TLV (e.g. 30 -> A0 for an implicitly tagged Certificate),
    /// keeping length and value.
    /// </summary>
    public static byte[] Retag(ReadOnlySpan<byte> der, int newTag)
    {
        var tlv = TlvCodec.ReadSingle(der.ToArray());
        return TlvCodec.Encode(newTag, tlv.Value.Span);
    }
}
