namespace EuiccEmulator.Rsp.Values;

/// <summary>An ICCID kept as its digit string; compared as digits, never as raw bytes.</summary>
// SGP.22 §2.5 Iccid: 10 bytes coded as in EF.ICCID (nibble-swapped BCD, F-padded).
public readonly record struct Iccid
{
    private readonly string? _digits;

    private Iccid(string digits) => _digits = digits;

    /// <summary>The digits, without F padding.</summary>
    public string Digits => _digits ?? "";

    /// <summary>Reads 18 to 20 digits; throws <see cref="FormatException"/> otherwise.</summary>
    public static Iccid Parse(string digits)
    {
        if (!TryParse(digits, out var iccid))
            throw new FormatException("an ICCID is 19 or 20 decimal digits");
        return iccid;
    }

    /// <summary>Reads 18 to 20 digits.</summary>
    public static bool TryParse(string? digits, out Iccid iccid)
    {
        iccid = default;
        if (digits is null || digits.Length is < 18 or > 20 || !digits.All(char.IsAsciiDigit))
            return false;
        iccid = new Iccid(digits);
        return true;
    }

    /// <summary>Decodes the EF.ICCID coding used by SGP.22 tag 5A (low nibble first).</summary>
    public static bool TryFromSwappedBcd(ReadOnlySpan<byte> value, out Iccid iccid)
    {
        iccid = default;
        if (value.Length != 10) return false;
        Span<char> chars = stackalloc char[20];
        var n = 0;
        var ended = false;
        foreach (var b in value)
        {
            foreach (var nibble in new[] { b & 0x0F, b >> 4 })
            {
                if (nibble == 0xF) { ended = true; continue; }
                if (ended || nibble > 9) return false;
                chars[n++] = (char)('0' + nibble);
            }
        }
        return TryParse(new string(chars[..n]), out iccid);
    }

    /// <summary>Decodes plain BCD (high nibble first), as TS.48 ProfileHeader.iccid carries it.</summary>
    public static bool TryFromPlainBcd(ReadOnlySpan<byte> value, out Iccid iccid)
    {
        iccid = default;
        if (value.Length != 10) return false;
        Span<byte> swapped = stackalloc byte[10];
        for (var i = 0; i < 10; i++) swapped[i] = (byte)((value[i] << 4) | (value[i] >> 4));
        return TryFromSwappedBcd(swapped, out iccid);
    }

    /// <summary>The EF.ICCID coding (tag 5A in SGP.22): low nibble first, F-padded.</summary>
    public byte[] ToSwappedBcd()
    {
        var padded = Digits.PadRight(20, 'F');
        var bytes = new byte[10];
        for (var i = 0; i < 10; i++)
            bytes[i] = (byte)((Nibble(padded[2 * i + 1]) << 4) | Nibble(padded[2 * i]));
        return bytes;
    }

    /// <summary>Plain BCD (high nibble first), as in a SAIP ProfileHeader.</summary>
    public byte[] ToPlainBcd()
    {
        var s = ToSwappedBcd();
        for (var i = 0; i < 10; i++) s[i] = (byte)((s[i] << 4) | (s[i] >> 4));
        return s;
    }

    private static int Nibble(char c) => c == 'F' ? 0xF : c - '0';

    /// <inheritdoc />
    public override string ToString() => Digits;
}
