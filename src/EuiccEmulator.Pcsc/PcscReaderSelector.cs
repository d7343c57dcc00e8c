using System.Globalization;

namespace EuiccEmulator.Pcsc;

/// <summary>Picks one reader from the list SCardListReaders gives, by name, name prefix or index.</summary>
public static class PcscReaderSelector
{
    private const string Operation = "reader selection";

    /// <summary>
    /// Resolves <paramref name="selector"/>: an exact name wins; otherwise a string of digits is a zero-based index;
    /// otherwise a case-insensitive prefix that matches exactly one reader.
    /// </summary>
    /// <exception cref="PcscException">
    /// SCARD_E_NO_READERS_AVAILABLE when the list is empty; SCARD_E_UNKNOWN_READER when nothing or more than one reader matches.
    /// </exception>
    public static string Resolve(IReadOnlyList<string> readers, string selector)
    {
        ArgumentNullException.ThrowIfNull(readers);
        ArgumentNullException.ThrowIfNull(selector);
        ThrowIfEmpty(readers, selector);
        foreach (var reader in readers)
        {
            if (string.Equals(reader, selector, StringComparison.Ordinal))
            {
                return reader;
            }
        }

        if (selector.Length > 0 && selector.All(char.IsAsciiDigit))
        {
            return int.TryParse(selector, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? ResolveIndex(readers, index, selector)
                : throw new PcscException((uint)PcscError.UnknownReader, Operation, selector,
                    "index out of range; readers: " + List(readers));
        }

        string[] matches = [.. readers.Where(r => selector.Length > 0 && r.StartsWith(selector, StringComparison.OrdinalIgnoreCase))];
        return matches.Length switch
        {
            1 => matches[0],
            0 => throw new PcscException((uint)PcscError.UnknownReader, Operation, selector,
                "no reader matches; readers: " + List(readers)),
            _ => throw new PcscException((uint)PcscError.UnknownReader, Operation, selector,
                string.Create(CultureInfo.InvariantCulture, $"{matches.Length} readers match: {List(matches)}")),
        };
    }

    /// <summary>Resolves a zero-based index into <paramref name="readers"/>.</summary>
    /// <exception cref="PcscException">SCARD_E_NO_READERS_AVAILABLE or SCARD_E_UNKNOWN_READER.</exception>
    public static string Resolve(IReadOnlyList<string> readers, int index)
    {
        ArgumentNullException.ThrowIfNull(readers);
        return ResolveIndex(readers, index, "#" + index.ToString(CultureInfo.InvariantCulture));
    }

    private static string ResolveIndex(IReadOnlyList<string> readers, int index, string shown)
    {
        ThrowIfEmpty(readers, shown);
        return index >= 0 && index < readers.Count
            ? readers[index]
            : throw new PcscException((uint)PcscError.UnknownReader, Operation, shown,
                string.Create(CultureInfo.InvariantCulture, $"index out of range, {readers.Count} reader(s): {List(readers)}"));
    }

    private static void ThrowIfEmpty(IReadOnlyList<string> readers, string selector)
    {
        if (readers.Count == 0)
        {
            throw new PcscException((uint)PcscError.NoReadersAvailable, Operation, selector);
        }
    }

    private static string List(IEnumerable<string> readers) => string.Join(", ", readers.Select(r => "'" + r + "'"));
}
