using System.Globalization;

namespace EuiccEmulator.Rsp.Saip;

/// <summary>Why a profile package was refused: the PEStatus code and the PE that triggered it.</summary>
/// <param name="Code">PEStatus.status.</param>
/// <param name="Identification">PEHeader.identification of the failing PE; null for the header PE or when unknown.</param>
/// <param name="Tag">Outer wire tag of the failing PE (e.g. 0xB0); null when no PE could be framed.</param>
/// <param name="Offset">Byte offset of the failing PE in the package; null when unknown.</param>
/// <param name="Message">One line saying what was wrong.</param>
// SAIP v3.3.1 PEStatus: status, identification, offset.
public sealed record SaipError(PeStatusCode Code, int? Identification, int? Tag, long? Offset, string Message)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = Tag is { } tag ? ProfileElementTypes.Name(tag) : "package";
        if (Identification is { } id) where += " id " + id.ToString(CultureInfo.InvariantCulture);
        if (Offset is { } offset) where += " at " + offset.ToString(CultureInfo.InvariantCulture);
        return $"{where}: {Code.AsnName()} ({(int)Code}): {Message}";
    }
}

/// <summary>The one exception the SAIP code throws for bad package content.</summary>
internal sealed class SaipException(SaipError error) : Exception(error.ToString())
{
    public SaipError Error { get; } = error;
}
