namespace EuiccEmulator.Rsp.Codes;

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

// SGP.32 v1.2 §5.9.20 ExecuteFallbackMechanismResponse.executeFallbackMechanismResult.
public enum ExecuteFallbackMechanismResult
{
    Ok = 0,
    ProfileNotInDisabledState = 2,
    CatBusy = 5,
    FallbackNotAvailable = 6,
    CommandError = 7,
    EcallActive = 104,
    UndefinedError = 127,
}

// SGP.32 v1.2 §5.9.21 ReturnFromFallbackResponse.returnFromFallbackResult.
public enum ReturnFromFallbackResult
{
    Ok = 0,
    CatBusy = 5,
    FallbackNotAvailable = 6,
    CommandError = 7,
    UndefinedError = 127,
}

// SGP.32 v1.2 §5.9.22 EnableEmergencyProfileResponse.enableEmergencyProfileResult.
public enum EnableEmergencyProfileResult
{
    Ok = 0,
    ProfileNotInDisabledState = 2,
    CatBusy = 5,
    EcallNotAvailable = 8,
    UndefinedError = 127,
}

// SGP.32 v1.2 §5.9.23 DisableEmergencyProfileResponse.disableEmergencyProfileResult.
public enum DisableEmergencyProfileResult
{
    Ok = 0,
    ProfileNotInEnabledState = 2,
    CatBusy = 5,
    EcallNotAvailable = 8,
    UndefinedError = 127,
}

// SGP.32 v1.2 §5.9.16 ProfileRollbackResponse.cmdResult.
public enum ProfileRollbackResult
{
    Ok = 0,
    RollbackNotAllowed = 1,
    CatBusy = 5,
    CommandError = 7,
    UndefinedError = 127,
}

// SGP.32 v1.2 §5.9.15 ImmediateEnableResponse.immediateEnableResult; v1.0 EnableUsingDDResponse.enableUsingDDResult
// has the same values without catBusy, and names 1 autoEnableNotAvailable.
public enum ImmediateEnableResult
{
    Ok = 0,
    ImmediateEnableNotAvailable = 1,
    NoSessionContext = 4,
    CatBusy = 5,
    UndefinedError = 127,
}

// SGP.32 v1.2 §5.9.5 SGP32-EuiccMemoryResetResponse.resetResult (v1.0: the untagged resetResult, without ecallActive).
public enum IotMemoryResetResult
{
    Ok = 0,
    NothingToDelete = 1,
    CatBusy = 5,
    EcallActive = 104,
    UndefinedError = 127,
}

// SGP.32 §5.9.5 SGP32-EuiccMemoryResetResponse.resetEimResult.
public enum ResetEimResult
{
    Ok = 0,
    NothingToDelete = 1,
    EimResetNotSupported = 2,
    UndefinedError = 127,
}

// SGP.32 v1.2 §5.9.5 resetImmediateEnableConfigResult (v1.0 resetAutoEnableConfigResult: 1 resetAECNotSupported).
public enum ResetImmediateEnableConfigResult
{
    Ok = 0,
    ResetIecNotSupported = 1,
    UndefinedError = 127,
}

// SGP.32 §2.11.2.1 SetFallbackAttributeResult.
public enum SetFallbackAttributeResult
{
    Ok = 0,
    IccidOrAidNotFound = 1,
    FallbackNotAllowed = 2,
    FallbackProfileEnabled = 3,
    UndefinedError = 127,
}

// SGP.32 §2.11.2.1 UnsetFallbackAttributeResult.
public enum UnsetFallbackAttributeResult
{
    Ok = 0,
    NoFallbackAttribute = 2,
    FallbackProfileEnabled = 3,
    CommandError = 7,
    UndefinedError = 127,
}

// SGP.32 v1.2 §5.9.17 ConfigureImmediateProfileEnablingResponse.configImmediateEnableResult
// (v1.0 §5.9.17 configAutoEnableResult: 2 is unsignedAutoEnableConfigDisallowed).
public enum ConfigureImmediateProfileEnablingResult
{
    Ok = 0,
    InsufficientMemory = 1,
    AssociatedEimAlreadyExists = 2,
    UndefinedError = 127,
}

// SGP.32 §2.11.2.1 EuiccResultData.configureImmediateEnableResult (v1.0 configureAutoEnableResult).
public enum ConfigureImmediateEnableResult
{
    Ok = 0,
    InsufficientMemory = 1,
    CommandError = 7,
    UndefinedError = 127,
}
