namespace EuiccEmulator.Pcsc;

/// <summary>PC/SC return codes as defined by pcsc-lite (pcsclite.h), which follows the PC/SC Workgroup Part 5 / WinSCard values.</summary>
#pragma warning disable CA1028 // the codes are 32-bit unsigned by definition (0x801000xx)
public enum PcscError : uint
#pragma warning restore CA1028
{
    Success = 0x00000000,
    InternalError = 0x80100001,
    Cancelled = 0x80100002,
    InvalidHandle = 0x80100003,
    InvalidParameter = 0x80100004,
    InvalidTarget = 0x80100005,
    NoMemory = 0x80100006,
    WaitedTooLong = 0x80100007,
    InsufficientBuffer = 0x80100008,
    UnknownReader = 0x80100009,
    Timeout = 0x8010000A,
    SharingViolation = 0x8010000B,
    NoSmartcard = 0x8010000C,
    UnknownCard = 0x8010000D,
    CantDispose = 0x8010000E,
    ProtoMismatch = 0x8010000F,
    NotReady = 0x80100010,
    InvalidValue = 0x80100011,
    SystemCancelled = 0x80100012,
    CommError = 0x80100013,
    UnknownError = 0x80100014,
    InvalidAtr = 0x80100015,
    NotTransacted = 0x80100016,
    ReaderUnavailable = 0x80100017,
    Shutdown = 0x80100018,
    PciTooSmall = 0x80100019,
    ReaderUnsupported = 0x8010001A,
    DuplicateReader = 0x8010001B,
    CardUnsupported = 0x8010001C,
    NoService = 0x8010001D,
    ServiceStopped = 0x8010001E,
    Unexpected = 0x8010001F,
    UnsupportedFeature = 0x80100022,
    NoReadersAvailable = 0x8010002E,
    CommDataLost = 0x8010002F,
    ServerTooBusy = 0x80100031,
    UnsupportedCard = 0x80100065,
    UnresponsiveCard = 0x80100066,
    UnpoweredCard = 0x80100067,
    ResetCard = 0x80100068,
    RemovedCard = 0x80100069,
}

/// <summary>Names and short explanations of <see cref="PcscError"/> codes for one-line messages.</summary>
public static class PcscErrors
{
    /// <summary>The pcsclite.h constant name, e.g. <c>SCARD_E_NO_SERVICE</c>; unknown codes give <c>0x........</c>.</summary>
    public static string Name(uint code) => Lookup(code).Name;

    /// <summary>A short explanation in lower case, e.g. "the PC/SC daemon (pcscd) is not running".</summary>
    public static string Describe(uint code) => Lookup(code).Text;

    public static string Name(PcscError error) => Name((uint)error);

    public static string Describe(PcscError error) => Describe((uint)error);

    private static (string Name, string Text) Lookup(uint code) => (PcscError)code switch
    {
        PcscError.Success => ("SCARD_S_SUCCESS", "no error"),
        PcscError.InternalError => ("SCARD_F_INTERNAL_ERROR", "internal consistency check failed"),
        PcscError.Cancelled => ("SCARD_E_CANCELLED", "the action was cancelled"),
        PcscError.InvalidHandle => ("SCARD_E_INVALID_HANDLE", "invalid context or card handle"),
        PcscError.InvalidParameter => ("SCARD_E_INVALID_PARAMETER", "invalid parameter"),
        PcscError.InvalidTarget => ("SCARD_E_INVALID_TARGET", "invalid target"),
        PcscError.NoMemory => ("SCARD_E_NO_MEMORY", "not enough memory"),
        PcscError.WaitedTooLong => ("SCARD_F_WAITED_TOO_LONG", "internal timeout"),
        PcscError.InsufficientBuffer => ("SCARD_E_INSUFFICIENT_BUFFER", "buffer too small"),
        PcscError.UnknownReader => ("SCARD_E_UNKNOWN_READER", "no such reader"),
        PcscError.Timeout => ("SCARD_E_TIMEOUT", "timed out"),
        PcscError.SharingViolation => ("SCARD_E_SHARING_VIOLATION", "the card is in exclusive use by another application"),
        PcscError.NoSmartcard => ("SCARD_E_NO_SMARTCARD", "no card in the reader"),
        PcscError.UnknownCard => ("SCARD_E_UNKNOWN_CARD", "unknown card"),
        PcscError.CantDispose => ("SCARD_E_CANT_DISPOSE", "the card cannot be disposed of as requested"),
        PcscError.ProtoMismatch => ("SCARD_E_PROTO_MISMATCH", "the card does not support the requested protocol"),
        PcscError.NotReady => ("SCARD_E_NOT_READY", "reader or card not ready"),
        PcscError.InvalidValue => ("SCARD_E_INVALID_VALUE", "invalid value"),
        PcscError.SystemCancelled => ("SCARD_E_SYSTEM_CANCELLED", "cancelled by the system"),
        PcscError.CommError => ("SCARD_F_COMM_ERROR", "communication error with the daemon"),
        PcscError.UnknownError => ("SCARD_F_UNKNOWN_ERROR", "unknown internal error"),
        PcscError.InvalidAtr => ("SCARD_E_INVALID_ATR", "invalid ATR"),
        PcscError.NotTransacted => ("SCARD_E_NOT_TRANSACTED", "the exchange with the card failed"),
        PcscError.ReaderUnavailable => ("SCARD_E_READER_UNAVAILABLE", "the reader is not available"),
        PcscError.Shutdown => ("SCARD_P_SHUTDOWN", "the operation was aborted for shutdown"),
        PcscError.PciTooSmall => ("SCARD_E_PCI_TOO_SMALL", "protocol control information too small"),
        PcscError.ReaderUnsupported => ("SCARD_E_READER_UNSUPPORTED", "reader driver does not meet requirements"),
        PcscError.DuplicateReader => ("SCARD_E_DUPLICATE_READER", "duplicate reader name"),
        PcscError.CardUnsupported => ("SCARD_E_CARD_UNSUPPORTED", "card not supported"),
        PcscError.NoService => ("SCARD_E_NO_SERVICE", "the PC/SC daemon (pcscd) is not running"),
        PcscError.ServiceStopped => ("SCARD_E_SERVICE_STOPPED", "the PC/SC daemon has stopped"),
        PcscError.Unexpected => ("SCARD_E_UNEXPECTED", "unexpected card error"),
        PcscError.UnsupportedFeature => ("SCARD_E_UNSUPPORTED_FEATURE", "feature not supported"),
        PcscError.NoReadersAvailable => ("SCARD_E_NO_READERS_AVAILABLE", "no reader is connected"),
        PcscError.CommDataLost => ("SCARD_E_COMM_DATA_LOST", "communication data lost"),
        PcscError.ServerTooBusy => ("SCARD_E_SERVER_TOO_BUSY", "the PC/SC daemon is too busy"),
        PcscError.UnsupportedCard => ("SCARD_W_UNSUPPORTED_CARD", "the card's ATR does not allow communication"),
        PcscError.UnresponsiveCard => ("SCARD_W_UNRESPONSIVE_CARD", "the card does not respond to reset"),
        PcscError.UnpoweredCard => ("SCARD_W_UNPOWERED_CARD", "the card is not powered"),
        PcscError.ResetCard => ("SCARD_W_RESET_CARD", "the card was reset by another application"),
        PcscError.RemovedCard => ("SCARD_W_REMOVED_CARD", "the card was removed"),
        _ => ("0x" + code.ToString("X8", System.Globalization.CultureInfo.InvariantCulture), "unknown PC/SC error"),
    };
}
