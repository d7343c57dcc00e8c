namespace EuiccEmulator.Iso7816;

/// <summary>The port a reader transport talks to: a contact card with power, reset and APDU exchange.</summary>
public interface ICard
{
    /// <summary>Answer To Reset, as sent after power-on or reset.</summary>
    ReadOnlyMemory<byte> Atr { get; }

    /// <summary>Powers the card on (a cold reset).</summary>
    void PowerOn();

    /// <summary>Powers the card off; volatile state is lost.</summary>
    void PowerOff();

    /// <summary>Warm reset: volatile state is lost, the card stays powered.</summary>
    void Reset();

    /// <summary>Processes one command APDU and returns the response APDU (data + SW1 SW2). Never throws.</summary>
    byte[] Transmit(ReadOnlySpan<byte> commandApdu);
}
