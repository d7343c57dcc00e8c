using System.Security.Cryptography;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Card.Ecasd;

/// <summary>Draws random EIDs inside a prefix, with SGP.29 check digits.</summary>
public static class EidGenerator
{
    /// <summary>The SGP.26 test EUM's permitted prefix.</summary>
    public const string DefaultPrefix = "89049032";

    /// <param name="prefix">1 to 30 leading digits.</param>
    /// <param name="random">a seeded generator for reproducible EIDs; null = cryptographic randomness.</param>
    public static Eid Generate(string prefix = DefaultPrefix, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length is < 1 or > 30 || !prefix.All(char.IsAsciiDigit))
            throw new ArgumentException("the EID prefix is 1 to 30 decimal digits", nameof(prefix));
        var digits = new char[30];
        prefix.CopyTo(0, digits, 0, prefix.Length);
        for (var i = prefix.Length; i < 30; i++)
            digits[i] = (char)('0' + (random?.Next(10) ?? RandomNumberGenerator.GetInt32(10)));
        // SGP.29 §2.2: digits 31-32 are computed from the first 30.
        return Eid.WithCheckDigits(new string(digits));
    }
}
