namespace EuiccEmulator.Iso7816;

/// <summary>An ISO 7816-4 status word.</summary>
public readonly record struct StatusWord(ushort Value)
{
    /// <summary>The first byte.</summary>
    public byte Sw1 => (byte)(Value >> 8);
    /// <summary>The second byte.</summary>
    public byte Sw2 => (byte)Value;

    // ISO 7816-4 §5.1.3, normal processing
    /// <summary>9000: success.</summary>
    public static readonly StatusWord Ok = new(0x9000);

    // ISO 7816-4 §5.1.3, execution error / checking errors
    /// <summary>6700: wrong length.</summary>
    public static readonly StatusWord WrongLength = new(0x6700);
    /// <summary>6881: logical channel not supported.</summary>
    public static readonly StatusWord LogicalChannelNotSupported = new(0x6881);
    /// <summary>6882: secure messaging not supported.</summary>
    public static readonly StatusWord SecureMessagingNotSupported = new(0x6882);
    /// <summary>6883: last command of the chain expected.</summary>
    public static readonly StatusWord LastCommandOfChainExpected = new(0x6883);
    /// <summary>6884: command chaining not supported.</summary>
    public static readonly StatusWord CommandChainingNotSupported = new(0x6884);
    /// <summary>6985: conditions of use not satisfied.</summary>
    public static readonly StatusWord ConditionsOfUseNotSatisfied = new(0x6985);
    /// <summary>6986: command not allowed (no current EF).</summary>
    public static readonly StatusWord CommandNotAllowedNoEf = new(0x6986);
    /// <summary>6A80: incorrect data.</summary>
    public static readonly StatusWord IncorrectData = new(0x6A80);
    /// <summary>6A81: function not supported.</summary>
    public static readonly StatusWord FunctionNotSupported = new(0x6A81);
    /// <summary>6A82: file or application not found.</summary>
    public static readonly StatusWord FileOrApplicationNotFound = new(0x6A82);
    /// <summary>6A84: not enough memory.</summary>
    public static readonly StatusWord NotEnoughMemory = new(0x6A84);
    /// <summary>6A86: incorrect P1-P2.</summary>
    public static readonly StatusWord IncorrectP1P2 = new(0x6A86);
    /// <summary>6A88: referenced data not found.</summary>
    public static readonly StatusWord ReferencedDataNotFound = new(0x6A88);
    /// <summary>6D00: instruction not supported.</summary>
    public static readonly StatusWord InsNotSupported = new(0x6D00);
    /// <summary>6E00: class not supported.</summary>
    public static readonly StatusWord ClaNotSupported = new(0x6E00);
    /// <summary>6F00: no precise diagnosis.</summary>
    public static readonly StatusWord NoPreciseDiagnosis = new(0x6F00);

    /// <summary>The store could not be written (full, I/O error, read-only); nothing changed.</summary>
    // ISO/IEC 7816-4 §5.6: 6581 memory failure.
    public static readonly StatusWord MemoryFailure = new(0x6581);

    /// <summary>61xx: xx more response bytes are available (00 = 256 or more).</summary>
    public static StatusWord BytesAvailable(int count) => new((ushort)(0x6100 | Math.Min(count, 256) & 0xFF));

    /// <summary>91xx: success, and a proactive command of xx bytes is pending (ETSI TS 102 221 §10.2.1.1).</summary>
    public static StatusWord ProactiveCommandPending(int length) => new((ushort)(0x9100 | length & 0xFF));

    /// <summary>Four hex digits, e.g. 9000.</summary>
    public override string ToString() => Value.ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
}
