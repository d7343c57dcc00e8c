namespace EuiccEmulator.Rsp.Es10;

/// <summary>The interface an ES10 function belongs to (SGP.22 §3.0.1; SGP.32 §3.0).</summary>
internal enum Es10Interface
{
    /// <summary>LPA Services / IPA to ISD-R: addresses (SGP.22 §5.6).</summary>
    Es10a,

    /// <summary>Download, notifications and, in SGP.32, the IoT functions (SGP.22 §5.7, SGP.32 §5.9).</summary>
    Es10b,

    /// <summary>Local profile management (SGP.22 §5.7.15-21).</summary>
    Es10c,
}

/// <summary>The SGP.32 card versions a function exists in (the card serves SGP.22 functions in both).</summary>
[Flags]
internal enum Sgp32Releases
{
    None = 0,
    V1_0 = 1 << 0,
    V1_2 = 1 << 1,
    Both = V1_0 | V1_2,
}
