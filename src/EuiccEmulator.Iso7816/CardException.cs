namespace EuiccEmulator.Iso7816;

/// <summary>A protocol fault; the card OS turns it into its status word at one boundary.</summary>
public sealed class CardException(StatusWord statusWord, string? message = null)
    : Exception(message ?? $"SW {statusWord}")
{
    /// <summary>The status word the card answers with.</summary>
    public StatusWord StatusWord { get; } = statusWord;
}
