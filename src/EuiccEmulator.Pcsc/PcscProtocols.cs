namespace EuiccEmulator.Pcsc;

/// <summary>The SCardConnect protocol flags (pcsclite.h): the ISO 7816-3 transmission protocols a connection may use.</summary>
[Flags]
public enum PcscProtocols
{
    None = 0,

    /// <summary>ISO 7816-3 §10: character protocol T=0.</summary>
    T0 = 1,

    /// <summary>ISO 7816-3 §11: block protocol T=1.</summary>
    T1 = 2,

    /// <summary>What a connection offers by default: the reader and the ATR pick one.</summary>
    Any = T0 | T1,
}

/// <summary>SCARD_STATE_* (pcsclite.h): reader state as reported by SCardGetStatusChange.</summary>
[Flags]
public enum PcscReaderStates
{
    Unaware = 0,
    Ignore = 0x0001,
    Changed = 0x0002,
    Unknown = 0x0004,
    Unavailable = 0x0008,
    Empty = 0x0010,
    Present = 0x0020,
    AtrMatch = 0x0040,
    Exclusive = 0x0080,
    InUse = 0x0100,
    Mute = 0x0200,
    Unpowered = 0x0400,
}
