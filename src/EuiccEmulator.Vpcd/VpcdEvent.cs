namespace EuiccEmulator.Vpcd;

/// <summary>What happened on the vpcd link.</summary>
public enum VpcdEventKind
{
    /// <summary>A TCP connection to vpcd is established.</summary>
    Connected,

    /// <summary>The connection ended (peer closed, I/O error, malformed frame or shutdown).</summary>
    Disconnected,

    /// <summary>
    /// Connecting failed or the last connection was lost; the next attempt follows after
    /// <see cref="VpcdEvent.RetryDelay"/>.
    /// </summary>
    Retrying,

    /// <summary>vpcd powered the card up.</summary>
    PowerOn,

    /// <summary>vpcd powered the card down.</summary>
    PowerOff,

    /// <summary>vpcd reset the card.</summary>
    Reset,

    /// <summary>vpcd asked for the ATR. pcscd polls card presence this way several times a second.</summary>
    AtrRequested,

    /// <summary>A one-byte payload that is no known control code; ignored, the connection stays up.</summary>
    UnknownControlCode,

    /// <summary>A frame that cannot be valid (zero length); the connection is dropped and re-established.</summary>
    MalformedFrame,

    /// <summary>The card gave an empty or over-long response that cannot be framed; 6F00 was sent instead.</summary>
    ResponseNotFramable,
}

/// <summary>A connection or control event, for logging.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Detail">Human-readable detail, such as the endpoint or the reason of a disconnect.</param>
/// <param name="RetryDelay">For <see cref="VpcdEventKind.Retrying"/>: the wait before the next attempt; otherwise zero.</param>
/// <param name="Error">The exception behind a failed connect or a dropped connection, if any.</param>
public readonly record struct VpcdEvent(VpcdEventKind Kind, string Detail, TimeSpan RetryDelay = default, Exception? Error = null)
{
    public override string ToString() => Kind == VpcdEventKind.Retrying
        ? $"{Kind}: {Detail} (next attempt in {RetryDelay.TotalMilliseconds:0} ms)"
        : $"{Kind}: {Detail}";
}

/// <summary>
/// Receives each command APDU and the response sent for it. Both spans are only valid during the call.
/// Called after the response is on the wire, so logging does not add latency; never for two exchanges at once.
/// </summary>
public delegate void VpcdApduObserver(ReadOnlySpan<byte> command, ReadOnlySpan<byte> response);
