namespace EuiccEmulator.Core.State;

// SGP.22 §5.7.16 EnableProfileResponse.
public enum EnableResult
{
    Ok = 0,
    IccidOrAidNotFound = 1,
    ProfileNotInDisabledState = 2,
    DisallowedByPolicy = 3,
    WrongProfileReenabling = 4,
    CatBusy = 5,
    UndefinedError = 127,
}

// SGP.22 §5.7.17 DisableProfileResponse.
public enum DisableResult
{
    Ok = 0,
    IccidOrAidNotFound = 1,
    ProfileNotInEnabledState = 2,
    DisallowedByPolicy = 3,
    CatBusy = 5,
    UndefinedError = 127,
}

// SGP.22 §5.7.18 DeleteProfileResponse.
public enum DeleteResult
{
    Ok = 0,
    IccidOrAidNotFound = 1,
    ProfileNotInDisabledState = 2,
    DisallowedByPolicy = 3,
    UndefinedError = 127,
}

// SGP.22 §5.7.19 EuiccMemoryResetResponse.
public enum MemoryResetResult
{
    Ok = 0,
    NothingToDelete = 1,
    CatBusy = 5,
    UndefinedError = 127,
}

// SGP.22 §5.7.19 resetOptions bits.
[Flags]
public enum MemoryResetOptions
{
    None = 0,
    DeleteOperationalProfiles = 1 << 0,
    DeleteFieldLoadedTestProfiles = 1 << 1,
    ResetDefaultSmdpAddress = 1 << 2,
}

// SGP.22 §5.7.21 SetNicknameResponse.
public enum SetNicknameResult
{
    Ok = 0,
    IccidNotFound = 1,
    UndefinedError = 127,
}

// SGP.22 §5.7.10 NotificationSentResponse.
public enum NotificationSentResult
{
    Ok = 0,
    NothingToDelete = 1,
    UndefinedError = 127,
}

// SGP.22 §5.7.4 SetDefaultDpAddressResponse.
public enum SetDefaultDpAddressResult
{
    Ok = 0,
    UndefinedError = 127,
}

// SGP.32 §5.9.5 resetOptions of eUICCMemoryReset (BF64).
[Flags]
public enum IotMemoryResetOptions
{
    None = 0,
    DeleteOperationalProfiles = 1 << 0,
    DeleteFieldLoadedTestProfiles = 1 << 1,
    ResetDefaultSmdpAddress = 1 << 2,
    DeletePreLoadedTestProfiles = 1 << 3,
    DeleteProvisioningProfiles = 1 << 4,
    ResetEimConfigData = 1 << 5,
    ResetImmediateEnableConfig = 1 << 6,
}
