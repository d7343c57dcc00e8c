using EuiccEmulator.Iso7816;

namespace EuiccEmulator.Card.CardOs;

/// <summary>What an application returns: response data and whether a proactive command became pending.</summary>
internal readonly record struct AppResponse(byte[] Data)
{
    public static readonly AppResponse Empty = new([]);
}

/// <summary>An application selectable by AID. Its per-channel volatile state lives in the channel.</summary>
internal abstract class CardApplication
{
    public abstract ReadOnlySpan<byte> Aid { get; }

    /// <summary>The FCI template returned by SELECT.</summary>
    public abstract byte[] Fci();

    /// <summary>Handles an instruction the card OS does not handle itself; unknown ones give 6D00.</summary>
    public abstract AppResponse Process(LogicalChannel channel, ClassByte cla, CommandApdu command);

    /// <summary>Called when this application stops being selected on a channel, or the card resets.</summary>
    public virtual void Deselect(LogicalChannel channel)
    {
    }
}
