namespace EuiccEmulator.Rsp.Codes;

// Profile metadata vocabulary with wire values (SGP.22 §5.7.15 ProfileInfo, §4.4 StoreMetadataRequest).

/// <summary>Whether a profile is enabled (SGP.22 §2.4, RSPDefinitions ProfileState).</summary>
public enum ProfileState
{
    /// <summary>Installed, not selected.</summary>
    Disabled = 0,
    /// <summary>The one profile the device uses.</summary>
    Enabled = 1,
}

/// <summary>The class of a profile (RSPDefinitions ProfileClass).</summary>
public enum ProfileClass
{
    /// <summary>A test profile.</summary>
    Test = 0,
    /// <summary>A profile for connectivity to download others.</summary>
    Provisioning = 1,
    /// <summary>A subscriber's profile.</summary>
    Operational = 2,
}

/// <summary>The format of a profile icon (RSPDefinitions IconType).</summary>
public enum IconType
{
    /// <summary>JPEG.</summary>
    Jpg = 0,
    /// <summary>PNG.</summary>
    Png = 1,
}

/// <summary>NotificationEvent bits (BIT STRING, bit 0 = MSB of the first byte).</summary>
[Flags]
public enum NotificationEvents
{
    /// <summary>No event.</summary>
    None = 0,
    /// <summary>Installation.</summary>
    Install = 1 << 0,
    /// <summary>Enabling.</summary>
    Enable = 1 << 1,
    /// <summary>Disabling.</summary>
    Disable = 1 << 2,
    /// <summary>Deletion.</summary>
    Delete = 1 << 3,
}

/// <summary>PprIds bits (BIT STRING): pprUpdateControl 0, ppr1 1, ppr2 2.</summary>
[Flags]
public enum PprIds
{
    /// <summary>No rule.</summary>
    None = 0,
    /// <summary>pprUpdateControl: the rules may be updated only by the profile owner.</summary>
    UpdateControl = 1 << 0,
    /// <summary>PPR1: the profile may not be disabled.</summary>
    Ppr1DisableNotAllowed = 1 << 1,
    /// <summary>PPR2: the profile may not be deleted.</summary>
    Ppr2DeleteNotAllowed = 1 << 2,
}

/// <summary>One NotificationConfigurationInformation entry of the profile metadata.</summary>
public sealed record NotificationConfig(NotificationEvents Events, string Address);

/// <summary>RSPDefinitions OperatorId.</summary>
public sealed record OperatorId(byte[] MccMnc, byte[]? Gid1, byte[]? Gid2);
