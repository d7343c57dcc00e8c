using System.Numerics;

namespace EuiccEmulator.Rsp.Values;

/// <summary>A 32-digit eUICC identifier; on the wire 16 bytes of plain (not nibble-swapped) BCD.</summary>
// SGP.29 §2.2: digits 31-32 are check digits, valid when the number mod 97 == 1.
public readonly record struct Eid
{
    private readonly string? _digits;

    private Eid(string digits) => _digits = digits;

    /// <summary>The 32 digits.</summary>
    public string Digits => _digits ?? new string('0', 32);

    /// <summary>Reads 32 digits; throws <see cref="FormatException"/> when they or the check digits are wrong.</summary>
    public static Eid Parse(string digits)
    {
        if (!TryParse(digits, out var eid, out var why))
            throw new FormatException(why);
        return eid;
    }

    /// <summary>Reads 32 digits, or says why not.</summary>
    public static bool TryParse(string digits, out Eid eid, out string error)
    {
        eid = default;
        if (digits.Length != 32 || !digits.All(char.IsAsciiDigit))
        {
            error = "an EID is 32 decimal digits";
            return false;
        }
        if (!HasValidCheckDigits(digits))
        {
            error = "EID check digits are wrong (SGP.29: the number mod 97 must be 1)";
            return false;
        }
        eid = new Eid(digits);
        error = "";
        return true;
    }

    /// <summary>Reads the 16-byte wire form.</summary>
    public static Eid FromBytes(ReadOnlySpan<byte> bcd)
    {
        if (bcd.Length != 16) throw new FormatException("an EID is 16 bytes");
        return Parse(Convert.ToHexString(bcd));
    }

    /// <summary>The 16-byte wire form.</summary>
    public byte[] ToBytes() => Convert.FromHexString(Digits);

    /// <summary>Completes a 30-digit prefix with its two SGP.29 check digits.</summary>
    public static Eid WithCheckDigits(string first30)
    {
        if (first30.Length != 30 || !first30.All(char.IsAsciiDigit))
            throw new FormatException("need 30 decimal digits before the check digits");
        var n = BigInteger.Parse(first30 + "00", System.Globalization.CultureInfo.InvariantCulture);
        var check = 98 - (int)(n % 97);
        return new Eid(first30 + check.ToString("00", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Whether the digits pass the SGP.29 mod-97 check.</summary>
    public static bool HasValidCheckDigits(string digits) =>
        BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 97 == 1;

    /// <inheritdoc />
    public override string ToString() => Digits;
}
