namespace EuiccEmulator.Conformance;

/// <summary>
/// The result codes the suite expects, written as the specifications' values (names are the ASN.1 identifiers), never
/// taken from the card or the test peers: a wrong value in either must fail a case, not move its expectation. Each
/// group names the ASN.1 type (and component) it comes from; a test reads the modules in tests/data/asn1 and checks
/// every value.
/// </summary>
public static class SpecCodes
{
    /// <summary>SGP.22 §2.4a.1.1 ProfileClass.</summary>
    [Asn1Source(Sgp22, "ProfileClass")]
    public static class ProfileClass
    {
        public const int Test = 0;
        public const int Operational = 2;
    }

    /// <summary>SGP.22 §5.7.13 AuthenticateServer: AuthenticateErrorCode.</summary>
    [Asn1Source(Sgp22, "AuthenticateErrorCode")]
    public static class AuthenticateServer
    {
        public const int InvalidCertificate = 1;
        public const int InvalidSignature = 2;
        public const int UnsupportedCurve = 3;
        public const int NoSessionContext = 4;
        public const int InvalidOid = 5;
        public const int EuiccChallengeMismatch = 6;
        public const int CiPKUnknown = 7;
    }

    /// <summary>SGP.22 §5.7.5 PrepareDownload: DownloadErrorCode.</summary>
    [Asn1Source(Sgp22, "DownloadErrorCode")]
    public static class PrepareDownload
    {
        public const int InvalidCertificate = 1;
        public const int InvalidSignature = 2;
        public const int UnsupportedCurve = 3;
        public const int NoSessionContext = 4;
        public const int InvalidTransactionId = 5;
    }

    /// <summary>SGP.22 §5.7.6 LoadBoundProfilePackage: ProfileInstallationResult errorResult bppCommandId.</summary>
    [Asn1Source(Sgp22, "BppCommandId")]
    public static class BppCommandId
    {
        public const int InitialiseSecureChannel = 0;
        public const int ConfigureISDP = 1;
        public const int StoreMetadata = 2;
        public const int LoadProfileElements = 5;
    }

    /// <summary>SGP.22 §5.7.6 LoadBoundProfilePackage: ProfileInstallationResult errorResult errorReason.</summary>
    [Asn1Source(Sgp22, "ErrorReason")]
    public static class ErrorReason
    {
        public const int IncorrectInputValues = 1;
        public const int InvalidSignature = 2;
        public const int InvalidTransactionId = 3;
        public const int UnsupportedCrtValues = 4;
        public const int UnsupportedRemoteOperationType = 5;
        public const int UnsupportedProfileClass = 6;
        public const int Scp03tSecurityError = 8;
        public const int InstallFailedDueToIccidAlreadyExistsOnEuicc = 9;
        public const int InstallFailedDueToInsufficientMemoryForProfile = 10;
        public const int InstallFailedDueToInterruption = 11;
        public const int InstallFailedDueToPEProcessingError = 12;
        public const int InstallFailedDueToDataMismatch = 13;
        public const int PprNotAllowed = 15;
    }

    /// <summary>SGP.22 §5.7.14 CancelSession: cancelSessionResponseError.</summary>
    [Asn1Source(Sgp22, "CancelSessionResponse", "cancelSessionResponseError")]
    public static class CancelSession
    {
        public const int InvalidTransactionId = 5;
    }

    /// <summary>SGP.22 §5.7.15 GetProfilesInfo: ProfileInfoListError.</summary>
    [Asn1Source(Sgp22, "ProfileInfoListError")]
    public static class GetProfilesInfo
    {
        public const int IncorrectInputValues = 1;
    }

    /// <summary>SGP.22 §5.7.16 EnableProfile: enableResult.</summary>
    [Asn1Source(Sgp22, "EnableProfileResponse", "enableResult")]
    public static class EnableProfile
    {
        public const int Ok = 0;
        public const int IccidOrAidNotFound = 1;
        public const int ProfileNotInDisabledState = 2;
        public const int DisallowedByPolicy = 3;
        public const int CatBusy = 5;
    }

    /// <summary>SGP.22 §5.7.17 DisableProfile: disableResult.</summary>
    [Asn1Source(Sgp22, "DisableProfileResponse", "disableResult")]
    public static class DisableProfile
    {
        public const int Ok = 0;
        public const int IccidOrAidNotFound = 1;
        public const int ProfileNotInEnabledState = 2;
        public const int DisallowedByPolicy = 3;
        public const int CatBusy = 5;
    }

    /// <summary>SGP.22 §5.7.18 DeleteProfile: deleteResult.</summary>
    [Asn1Source(Sgp22, "DeleteProfileResponse", "deleteResult")]
    public static class DeleteProfile
    {
        public const int Ok = 0;
        public const int IccidOrAidNotFound = 1;
        public const int ProfileNotInDisabledState = 2;
        public const int DisallowedByPolicy = 3;
    }

    /// <summary>SGP.22 §5.7.19 eUICCMemoryReset: resetResult.</summary>
    [Asn1Source(Sgp22, "EuiccMemoryResetResponse", "resetResult")]
    public static class EuiccMemoryReset
    {
        public const int Ok = 0;
        public const int NothingToDelete = 1;
    }

    /// <summary>SGP.22 §5.7.21 SetNickname: setNicknameResult.</summary>
    [Asn1Source(Sgp22, "SetNicknameResponse", "setNicknameResult")]
    public static class SetNickname
    {
        public const int Ok = 0;
        public const int IccidNotFound = 1;
    }

    /// <summary>SGP.22 §5.7.11 RemoveNotificationFromList: deleteNotificationStatus.</summary>
    [Asn1Source(Sgp22, "NotificationSentResponse", "deleteNotificationStatus")]
    public static class RemoveNotificationFromList
    {
        public const int Ok = 0;
        public const int NothingToDelete = 1;
    }

    /// <summary>SGP.32 §5.9.4 AddInitialEim: addInitialEimError.</summary>
    [Asn1Source(Sgp32, "AddInitialEimResponse", "addInitialEimError")]
    public static class AddInitialEim
    {
        public const int AssociatedEimAlreadyExists = 2;
        public const int CiPKUnknown = 3;
        public const int InvalidAssociationToken = 5;
        public const int CounterValueOutOfRange = 6;
    }

    /// <summary>SGP.32 §5.9.10 GetCerts: getCertsError.</summary>
    [Asn1Source(Sgp32, "GetCertsResponse", "getCertsError")]
    public static class GetCerts
    {
        public const int InvalidCiPKId = 1;
    }

    /// <summary>SGP.32 §5.9 GetConnectivityParameters: ConnectivityParametersError.</summary>
    [Asn1Source(Sgp32, "ConnectivityParametersError")]
    public static class GetConnectivityParameters
    {
        public const int ParametersNotAvailable = 1;
        public const int UndefinedError = 127;
    }

    /// <summary>SGP.32 §2.11.2.1 eUICC Package Result: EuiccPackageErrorCode.</summary>
    [Asn1Source(Sgp32, "EuiccPackageErrorCode")]
    public static class EuiccPackageError
    {
        public const int InvalidEid = 3;
        public const int ReplayError = 4;
        public const int CounterValueOutOfRange = 6;
        public const int SizeOverflow = 15;
        public const int EcallActive = 104;
    }

    /// <summary>SGP.32 §2.11.2.1 enable PSMO: EnableProfileResult.</summary>
    [Asn1Source(Sgp32, "EnableProfileResult")]
    public static class EnablePsmo
    {
        public const int Ok = 0;
        public const int DisallowedByPolicy = 3;
        public const int RollbackNotAvailable = 20;
        public const int UndefinedError = 127;
    }

    /// <summary>SGP.32 §2.11.2.1 delete PSMO: DeleteProfileResult.</summary>
    [Asn1Source(Sgp32, "DeleteProfileResult")]
    public static class DeletePsmo
    {
        public const int IccidOrAidNotFound = 1;
    }

    /// <summary>SGP.32 §2.11.2.1 setFallbackAttribute PSMO: SetFallbackAttributeResult.</summary>
    [Asn1Source(Sgp32, "SetFallbackAttributeResult")]
    public static class SetFallbackAttributePsmo
    {
        public const int FallbackNotAllowed = 2;
    }

    /// <summary>SGP.32 §2.11.2.1 unsetFallbackAttribute PSMO: UnsetFallbackAttributeResult.</summary>
    [Asn1Source(Sgp32, "UnsetFallbackAttributeResult")]
    public static class UnsetFallbackAttributePsmo
    {
        public const int Ok = 0;
        public const int NoFallbackAttribute = 2;
        public const int FallbackProfileEnabled = 3;
    }

    /// <summary>SGP.32 §2.11.2.1 addEim eCO: addEimResultCode.</summary>
    [Asn1Source(Sgp32, "AddEimResult", "addEimResultCode")]
    public static class AddEimEco
    {
        public const int Ok = 0;
        public const int AssociatedEimAlreadyExists = 2;
    }

    /// <summary>SGP.32 §2.11.2.1 deleteEim eCO: DeleteEimResult.</summary>
    [Asn1Source(Sgp32, "DeleteEimResult")]
    public static class DeleteEimEco
    {
        public const int Ok = 0;
        public const int EimNotFound = 1;
        public const int LastEimDeleted = 2;
    }

    /// <summary>SGP.32 §5.9 ExecuteFallbackMechanism: executeFallbackMechanismResult.</summary>
    [Asn1Source(Sgp32, "ExecuteFallbackMechanismResponse", "executeFallbackMechanismResult")]
    public static class ExecuteFallbackMechanism
    {
        public const int Ok = 0;
        public const int ProfileNotInDisabledState = 2;
        public const int FallbackNotAvailable = 6;
        public const int EcallActive = 104;
    }

    /// <summary>SGP.32 §5.9 ReturnFromFallback: returnFromFallbackResult.</summary>
    [Asn1Source(Sgp32, "ReturnFromFallbackResponse", "returnFromFallbackResult")]
    public static class ReturnFromFallback
    {
        public const int Ok = 0;
        public const int FallbackNotAvailable = 6;
    }

    /// <summary>SGP.32 §5.9 EnableEmergencyProfile: enableEmergencyProfileResult.</summary>
    [Asn1Source(Sgp32, "EnableEmergencyProfileResponse", "enableEmergencyProfileResult")]
    public static class EnableEmergencyProfile
    {
        public const int Ok = 0;
        public const int ProfileNotInDisabledState = 2;
        public const int EcallNotAvailable = 8;
    }

    /// <summary>SGP.32 §5.9 DisableEmergencyProfile: disableEmergencyProfileResult.</summary>
    [Asn1Source(Sgp32, "DisableEmergencyProfileResponse", "disableEmergencyProfileResult")]
    public static class DisableEmergencyProfile
    {
        public const int Ok = 0;
        public const int ProfileNotInEnabledState = 2;
    }

    /// <summary>SGP.32 §5.9.16 ProfileRollback: cmdResult.</summary>
    [Asn1Source(Sgp32, "ProfileRollbackResponse", "cmdResult")]
    public static class ProfileRollback
    {
        public const int Ok = 0;
        public const int RollbackNotAllowed = 1;
    }

    /// <summary>SGP.32 §5.9.15 ImmediateEnable: immediateEnableResult.</summary>
    [Asn1Source(Sgp32, "ImmediateEnableResponse", "immediateEnableResult")]
    public static class ImmediateEnable
    {
        public const int Ok = 0;
        public const int ImmediateEnableNotAvailable = 1;
        public const int NoSessionContext = 4;
    }

    /// <summary>SGP.32 §5.9.17 ConfigureImmediateProfileEnabling: configImmediateEnableResult.</summary>
    [Asn1Source(Sgp32, "ConfigureImmediateProfileEnablingResponse", "configImmediateEnableResult")]
    public static class ConfigureImmediateProfileEnabling
    {
        public const int Ok = 0;
        public const int AssociatedEimAlreadyExists = 2;
    }

    /// <summary>SGP.32 §5.9.5 eUICCMemoryReset (BF64): resetResult.</summary>
    [Asn1Source(Sgp32, "SGP32-EuiccMemoryResetResponse", "resetResult")]
    public static class IotEuiccMemoryReset
    {
        public const int Ok = 0;
        public const int NothingToDelete = 1;
        public const int EcallActive = 104;
    }

    /// <summary>SGP.32 §5.9.5 eUICCMemoryReset (BF64): resetEimResult.</summary>
    [Asn1Source(Sgp32, "SGP32-EuiccMemoryResetResponse", "resetEimResult")]
    public static class IotEuiccMemoryResetEim
    {
        public const int Ok = 0;
        public const int NothingToDelete = 1;
    }

    /// <summary>SGP.32 §5.9.5 eUICCMemoryReset (BF64): resetImmediateEnableConfigResult.</summary>
    [Asn1Source(Sgp32, "SGP32-EuiccMemoryResetResponse", "resetImmediateEnableConfigResult")]
    public static class IotEuiccMemoryResetImmediateEnableConfig
    {
        public const int Ok = 0;
    }

    internal const string Sgp22 = "RSPDefinitions_SGP22_v2.5";
    internal const string Sgp32 = "SGP32Definitions_SGP32_v1.2";
}

/// <summary>The ASN.1 module (tests/data/asn1), type and, inside it, the component whose named numbers a group of codes are.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class Asn1SourceAttribute(string module, string type, string? component = null) : Attribute
{
    public string Module { get; } = module;

    public string Type { get; } = type;

    public string? Component { get; } = component;
}
