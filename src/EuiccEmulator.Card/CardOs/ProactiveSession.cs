namespace EuiccEmulator.Card.CardOs;

/// <summary>The CAT proactive session: one pending command, fetched, then answered by TERMINAL RESPONSE.</summary>
// ETSI TS 102 221 §7.4.2 / TS 102 223 §6.
internal sealed class ProactiveSession
{
    private byte[]? _command;
    private bool _fetched;

    /// <summary>
    /// The terminal announced REFRESH in its TERMINAL PROFILE of this card session (ETSI TS 102 223 §5.2: byte 3 b8).
    /// Only then does the card issue REFRESH; a terminal that sent none gets no proactive command.
    /// </summary>
    public bool RefreshSupported { get; private set; }

    /// <summary>TERMINAL PROFILE (ETSI TS 102 221 §11.2.1): the terminal's capabilities, replaced by each new one.</summary>
    public void TerminalProfile(ReadOnlySpan<byte> profile) => RefreshSupported = profile.Length >= 3 && (profile[2] & 0x80) != 0;

    /// <summary>A proactive command is queued or awaits its TERMINAL RESPONSE (CAT busy).</summary>
    public bool Busy => _command is not null;

    /// <summary>Length to announce in 91xx, or 0 when nothing waits to be fetched.</summary>
    public int PendingLength => _command is not null && !_fetched ? _command.Length : 0;

    public void Queue(byte[] command)
    {
        _command = command;
        _fetched = false;
    }

    public byte[]? Fetch()
    {
        if (_command is null || _fetched) return null;
        _fetched = true;
        return _command;
    }

    /// <summary>Ends the session; false when no fetched command awaited a response.</summary>
    public bool TerminalResponse()
    {
        if (_command is null || !_fetched) return false;
        _command = null;
        _fetched = false;
        return true;
    }

    /// <summary>Card reset: the pending command and the terminal's announced capabilities go.</summary>
    public void Clear()
    {
        _command = null;
        _fetched = false;
        RefreshSupported = false;
    }

    /// <summary>REFRESH with the given qualifier, from UICC to terminal.</summary>
    // ETSI TS 102 223 §6.6.13: D0 { 81 command details, 82 device identities }.
    public static byte[] Refresh(byte qualifier) =>
        [0xD0, 0x09, 0x81, 0x03, 0x01, 0x01, qualifier, 0x82, 0x02, 0x81, 0x82];
}
