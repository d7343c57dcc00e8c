using System.Formats.Asn1;

namespace EuiccEmulator.Iso7816.Ber;

/// <summary>Short builders for the context, application and private tags of the RSP modules.</summary>
// X.690 §8.1.2: tag class and number; AUTOMATIC TAGS give context-specific [n].
public static class Tags
{
    /// <summary>A context-specific tag [n].</summary>
    public static Asn1Tag Ctx(int number, bool constructed = false) => new(TagClass.ContextSpecific, number, constructed);

    /// <summary>An application tag.</summary>
    public static Asn1Tag App(int number, bool constructed = false) => new(TagClass.Application, number, constructed);

    /// <summary>A private tag.</summary>
    public static Asn1Tag Priv(int number, bool constructed = false) => new(TagClass.Private, number, constructed);

    /// <summary>The tag as its wire bytes packed into an int (e.g. 0xBF3E).</summary>
    public static int WireTag(Asn1Tag tag)
    {
        Span<byte> buffer = stackalloc byte[8];
        var n = tag.Encode(buffer);
        var value = 0;
        for (var i = 0; i < n; i++) value = value << 8 | buffer[i];
        return value;
    }

    /// <summary>Asn1Tag for a wire tag written as an int (0x5A, 0x9F70, 0xBF3E ...).</summary>
    public static Asn1Tag FromWire(int wire)
    {
        Span<byte> buffer = stackalloc byte[4];
        var n = 0;
        for (var shift = 24; shift >= 0; shift -= 8)
        {
            var b = (byte)(wire >> shift);
            if (n == 0 && b == 0 && shift > 0) continue;
            buffer[n++] = b;
        }
        return Asn1Tag.Decode(buffer[..n], out _);
    }
}
