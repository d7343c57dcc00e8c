namespace EuiccEmulator.Vpcd;

/// <summary>One-byte control payloads sent by vpcd (vsmartcard vpcd.h VPCD_CTRL_*).</summary>
internal enum VpcdControlCode : byte
{
    /// <summary>Power down; vpcd expects no answer.</summary>
    PowerOff = 0,

    /// <summary>Power up; vpcd expects no answer and asks for the ATR next.</summary>
    PowerOn = 1,

    /// <summary>Warm reset; vpcd expects no answer and asks for the ATR next.</summary>
    Reset = 2,

    /// <summary>Get ATR; answered with one frame holding the ATR. Also sent on every presence poll.</summary>
    GetAtr = 4,
}
