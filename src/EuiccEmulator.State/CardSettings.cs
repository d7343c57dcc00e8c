namespace EuiccEmulator.State;

/// <summary>Card-wide persistent values other than profiles and notifications.</summary>
public sealed record CardSettings
{
    /// <summary>The default SM-DP+ address (SetDefaultDpAddress); null when unset.</summary>
    public string? DefaultDpAddress { get; init; }

    /// <summary>The root SM-DS address EUICCInfo reports.</summary>
    public string RootDsAddress { get; init; } = "testrootsmds.example.com";

    /// <summary>The last notification sequence number handed out; never goes back.</summary>
    public long LastSeqNumber { get; init; }

    /// <summary>The last ISD-P allocation number used; AIDs are never reused.</summary>
    public int LastIsdpNumber { get; init; } = 0x000F;

    // SGP.32 state.

    /// <summary>The associated eIMs (SGP.32).</summary>
    public IReadOnlyList<EimRecord> Eims { get; init; } = [];

    /// <summary>The last association token the card assigned.</summary>
    public long LastAssociationToken { get; init; }

    /// <summary>The ConfigureImmediateProfileEnabling settings, if configured.</summary>
    public ImmediateEnableConfig? ImmediateEnable { get; init; }

    /// <summary>The profile installed last, with the SM-DP+ that installed it, until ImmediateEnable uses it.</summary>
    public string? LastInstalledIccid { get; init; }

    /// <summary>The OID of the SM-DP+ that installed <see cref="LastInstalledIccid"/>.</summary>
    public string? LastInstalledSmdpOid { get; init; }

    /// <summary>The address of that SM-DP+.</summary>
    public string? LastInstalledSmdpAddress { get; init; }

    /// <summary>The profile enabled before the fallback mechanism ran.</summary>
    public string? FallbackPreviousIccid { get; init; }

    /// <summary>Whether the emergency profile was enabled by EnableEmergencyProfile.</summary>
    public bool EmergencyActive { get; init; }

    /// <summary>The profile enabled before the emergency profile.</summary>
    public string? EmergencyPreviousIccid { get; init; }

    /// <summary>Rollback grant: the profile to return to and the eUICC Package Result of the enable.</summary>
    public string? RollbackIccid { get; init; }

    /// <summary>The eUICC Package Result kept for <see cref="RollbackIccid"/>.</summary>
    public byte[]? RollbackResult { get; init; }
}
