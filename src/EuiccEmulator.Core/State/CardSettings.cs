namespace EuiccEmulator.Core.State;

/// <summary>Card-wide persistent values other than profiles and notifications.</summary>
public sealed record CardSettings
{
    public string? DefaultDpAddress { get; init; }

    public string RootDsAddress { get; init; } = "testrootsmds.example.com";

    /// <summary>The last notification sequence number handed out; never goes back.</summary>
    public long LastSeqNumber { get; init; }

    /// <summary>The last ISD-P allocation number used; AIDs are never reused.</summary>
    public int LastIsdpNumber { get; init; } = 0x000F;
}
