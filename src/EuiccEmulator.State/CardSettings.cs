namespace EuiccEmulator.State;

/// <summary>Card-wide persistent values other than profiles and notifications.</summary>
public sealed record CardSettings
{
    public string? DefaultDpAddress { get; init; }

    public string RootDsAddress { get; init; } = "testrootsmds.example.com";

    /// <summary>The last notification sequence number handed out; never goes back.</summary>
    public long LastSeqNumber { get; init; }

    /// <summary>The last ISD-P allocation number used; AIDs are never reused.</summary>
    public int LastIsdpNumber { get; init; } = 0x000F;

    // SGP.32 state.

    public IReadOnlyList<EimRecord> Eims { get; init; } = [];

    /// <summary>The last association token the card assigned.</summary>
    public long LastAssociationToken { get; init; }

    public ImmediateEnableConfig? ImmediateEnable { get; init; }

    /// <summary>The profile installed last, with the SM-DP+ that installed it, until ImmediateEnable uses it.</summary>
    public string? LastInstalledIccid { get; init; }

    public string? LastInstalledSmdpOid { get; init; }

    public string? LastInstalledSmdpAddress { get; init; }

    /// <summary>The profile enabled before the fallback mechanism ran.</summary>
    public string? FallbackPreviousIccid { get; init; }

    public bool EmergencyActive { get; init; }

    /// <summary>The profile enabled before the emergency profile.</summary>
    public string? EmergencyPreviousIccid { get; init; }

    /// <summary>Rollback grant: the profile to return to and the eUICC Package Result of the enable.</summary>
    public string? RollbackIccid { get; init; }

    public byte[]? RollbackResult { get; init; }
}
