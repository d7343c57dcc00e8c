namespace EuiccEmulator.Rsp.Codes;

// SGP.22 §5.7.16 EnableProfileResponse.
internal enum EnableResult
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
internal enum DisableResult
{
    Ok = 0,
    IccidOrAidNotFound = 1,
    ProfileNotInEnabledState = 2,
    DisallowedByPolicy = 3,
    CatBusy = 5,
    UndefinedError = 127,
}

// SGP.22 §5.7.18 DeleteProfileResponse.
internal enum DeleteResult
{
    Ok = 0,
    IccidOrAidNotFound = 1,
    ProfileNotInDisabledState = 2,
    DisallowedByPolicy = 3,
    UndefinedError = 127,
}

// SGP.22 §5.7.19 EuiccMemoryResetResponse.
internal enum MemoryResetResult
{
    Ok = 0,
    NothingToDelete = 1,
    CatBusy = 5,
    UndefinedError = 127,
}

// SGP.22 §5.7.19 resetOptions bits.
[Flags]
internal enum MemoryResetOptions
{
    None = 0,
    DeleteOperationalProfiles = 1 << 0,
    DeleteFieldLoadedTestProfiles = 1 << 1,
    ResetDefaultSmdpAddress = 1 << 2,
}

// SGP.22 §5.7.21 SetNicknameResponse.
internal enum SetNicknameResult
{
    Ok = 0,
    IccidNotFound = 1,
    UndefinedError = 127,
}

// SGP.22 §5.7.10 NotificationSentResponse.
internal enum NotificationSentResult
{
    Ok = 0,
    NothingToDelete = 1,
    UndefinedError = 127,
}

// SGP.22 §5.7.4 SetDefaultDpAddressResponse.
internal enum SetDefaultDpAddressResult
{
    Ok = 0,
    UndefinedError = 127,
}

/// <summary>What the SGP.32 eUICCMemoryReset (BF64) deletes or resets (SGP.32 §5.9.5 resetOptions).</summary>
[Flags]
public enum IotMemoryResetOptions
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>Delete operational profiles.</summary>
    DeleteOperationalProfiles = 1 << 0,
    /// <summary>Delete test profiles that were downloaded.</summary>
    DeleteFieldLoadedTestProfiles = 1 << 1,
    /// <summary>Remove the default SM-DP+ address.</summary>
    ResetDefaultSmdpAddress = 1 << 2,
    /// <summary>Delete pre-loaded test profiles.</summary>
    DeletePreLoadedTestProfiles = 1 << 3,
    /// <summary>Delete provisioning profiles.</summary>
    DeleteProvisioningProfiles = 1 << 4,
    /// <summary>Remove every eIM.</summary>
    ResetEimConfigData = 1 << 5,
    /// <summary>Remove the immediate-enable configuration.</summary>
    ResetImmediateEnableConfig = 1 << 6,
}

// SGP.32 v1.2 §5.9.20 ExecuteFallbackMechanismResponse.executeFallbackMechanismResult.
internal enum ExecuteFallbackMechanismResult
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
internal enum ReturnFromFallbackResult
{
    Ok = 0,
    CatBusy = 5,
    FallbackNotAvailable = 6,
    CommandError = 7,
    UndefinedError = 127,
}

// SGP.32 v1.2 §5.9.22 EnableEmergencyProfileResponse.enableEmergencyProfileResult.
internal enum EnableEmergencyProfileResult
{
    Ok = 0,
    ProfileNotInDisabledState = 2,
    CatBusy = 5,
    EcallNotAvailable = 8,
    UndefinedError = 127,
}

// SGP.32 v1.2 §5.9.23 DisableEmergencyProfileResponse.disableEmergencyProfileResult.
internal enum DisableEmergencyProfileResult
{
    Ok = 0,
    ProfileNotInEnabledState = 2,
    CatBusy = 5,
    EcallNotAvailable = 8,
    UndefinedError = 127,
}

/// <summary>Result of ProfileRollback (SGP.32 v1.2 §5.9.16 ProfileRollbackResponse.cmdResult).</summary>
public enum ProfileRollbackResult
{
    /// <summary>Done.</summary>
    Ok = 0,
    /// <summary>No rollback is possible now.</summary>
    RollbackNotAllowed = 1,
    /// <summary>A proactive session is in progress (catBusy).</summary>
    CatBusy = 5,
    /// <summary>The command is malformed (commandError).</summary>
    CommandError = 7,
    /// <summary>Any other error.</summary>
    UndefinedError = 127,
}

// SGP.32 v1.2 §5.9.15 ImmediateEnableResponse.immediateEnableResult; v1.0 EnableUsingDDResponse.enableUsingDDResult
// has the same values without catBusy, and names 1 autoEnableNotAvailable.
internal enum ImmediateEnableResult
{
    Ok = 0,
    ImmediateEnableNotAvailable = 1,
    NoSessionContext = 4,
    CatBusy = 5,
    UndefinedError = 127,
}

// SGP.32 v1.2 §5.9.5 SGP32-EuiccMemoryResetResponse.resetResult (v1.0: the untagged resetResult, without ecallActive).
internal enum IotMemoryResetResult
{
    Ok = 0,
    NothingToDelete = 1,
    CatBusy = 5,
    EcallActive = 104,
    UndefinedError = 127,
}

/// <summary>Result of resetting the eIM configuration in a memory reset (SGP.32 §5.9.5 resetEimResult).</summary>
public enum ResetEimResult
{
    /// <summary>Done.</summary>
    Ok = 0,
    /// <summary>No eIM was configured.</summary>
    NothingToDelete = 1,
    /// <summary>The card does not reset eIMs.</summary>
    EimResetNotSupported = 2,
    /// <summary>Any other error.</summary>
    UndefinedError = 127,
}

/// <summary>Result of resetting the immediate-enable configuration in a memory reset (SGP.32 v1.2 §5.9.5).</summary>
// v1.0 resetAutoEnableConfigResult: 1 resetAECNotSupported.
public enum ResetImmediateEnableConfigResult
{
    /// <summary>Done.</summary>
    Ok = 0,
    /// <summary>The card does not reset this configuration.</summary>
    ResetIecNotSupported = 1,
    /// <summary>Any other error.</summary>
    UndefinedError = 127,
}

/// <summary>Result of the setFallbackAttribute PSMO (SGP.32 §2.11.2.1).</summary>
public enum SetFallbackAttributeResult
{
    /// <summary>Done.</summary>
    Ok = 0,
    /// <summary>No such profile.</summary>
    IccidOrAidNotFound = 1,
    /// <summary>The profile does not allow the fallback attribute.</summary>
    FallbackNotAllowed = 2,
    /// <summary>The current fallback profile is enabled.</summary>
    FallbackProfileEnabled = 3,
    /// <summary>Any other error.</summary>
    UndefinedError = 127,
}

/// <summary>Result of the unsetFallbackAttribute PSMO (SGP.32 §2.11.2.1).</summary>
public enum UnsetFallbackAttributeResult
{
    /// <summary>Done.</summary>
    Ok = 0,
    /// <summary>No profile has the fallback attribute.</summary>
    NoFallbackAttribute = 2,
    /// <summary>The fallback profile is enabled.</summary>
    FallbackProfileEnabled = 3,
    /// <summary>The command is malformed (commandError).</summary>
    CommandError = 7,
    /// <summary>Any other error.</summary>
    UndefinedError = 127,
}

// SGP.32 v1.2 §5.9.17 ConfigureImmediateProfileEnablingResponse.configImmediateEnableResult
// (v1.0 §5.9.17 configAutoEnableResult: 2 is unsignedAutoEnableConfigDisallowed).
internal enum ConfigureImmediateProfileEnablingResult
{
    Ok = 0,
    InsufficientMemory = 1,
    AssociatedEimAlreadyExists = 2,
    UndefinedError = 127,
}

// SGP.32 §2.11.2.1 EuiccResultData.configureImmediateEnableResult (v1.0 configureAutoEnableResult).
internal enum ConfigureImmediateEnableResult
{
    Ok = 0,
    InsufficientMemory = 1,
    CommandError = 7,
    UndefinedError = 127,
}
