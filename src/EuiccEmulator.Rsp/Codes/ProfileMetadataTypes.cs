namespace EuiccEmulator.Rsp.Codes;

// Profile metadata vocabulary with wire values (SGP.22 §5.7.15 ProfileInfo, §4.4 StoreMetadataRequest).

// SGP.22 §2.4 / RSPDefinitions ProfileState.
public enum ProfileState
{
    Disabled = 0,
    Enabled = 1,
}

// RSPDefinitions ProfileClass.
public enum ProfileClass
{
    Test = 0,
    Provisioning = 1,
    Operational = 2,
}

// RSPDefinitions IconType.
public enum IconType
{
    Jpg = 0,
    Png = 1,
}

/// <summary>NotificationEvent bits (BIT STRING, bit 0 = MSB of the first byte).</summary>
[Flags]
public enum NotificationEvents
{
    None = 0,
    Install = 1 << 0,
    Enable = 1 << 1,
    Disable = 1 << 2,
    Delete = 1 << 3,
}

/// <summary>PprIds bits (BIT STRING): pprUpdateControl 0, ppr1 1, ppr2 2.</summary>
[Flags]
public enum PprIds
{
    None = 0,
    UpdateControl = 1 << 0,
    Ppr1DisableNotAllowed = 1 << 1,
    Ppr2DeleteNotAllowed = 1 << 2,
}

/// <summary>One NotificationConfigurationInformation entry of the profile metadata.</summary>
public sealed record NotificationConfig(NotificationEvents Events, string Address);

/// <summary>RSPDefinitions OperatorId.</summary>
public sealed record OperatorId(byte[] MccMnc, byte[]? Gid1, byte[]? Gid2);
