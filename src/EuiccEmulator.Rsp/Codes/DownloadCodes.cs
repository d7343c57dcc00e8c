namespace EuiccEmulator.Rsp.Codes;

// SGP.22 §5.7.13 AuthenticateServerResponse error codes.
public enum AuthenticateErrorCode
{
    InvalidCertificate = 1,
    InvalidSignature = 2,
    UnsupportedCurve = 3,
    NoSessionContext = 4,
    InvalidOid = 5,
    EuiccChallengeMismatch = 6,
    CiPKUnknown = 7,
    UndefinedError = 127,
}

// SGP.22 §5.7.14 DownloadErrorCode.
public enum DownloadErrorCode
{
    InvalidCertificate = 1,
    InvalidSignature = 2,
    UnsupportedCurve = 3,
    NoSessionContext = 4,
    InvalidTransactionId = 5,
    UndefinedError = 127,
}

// SGP.22 §5.7.6 BppCommandId.
public enum BppCommandId
{
    InitialiseSecureChannel = 0,
    ConfigureIsdp = 1,
    StoreMetadata = 2,
    StoreMetadata2 = 3,
    ReplaceSessionKeys = 4,
    LoadProfileElements = 5,
}

// SGP.22 §5.7.6 ErrorReason.
public enum ErrorReason
{
    IncorrectInputValues = 1,
    InvalidSignature = 2,
    InvalidTransactionId = 3,
    UnsupportedCrtValues = 4,
    UnsupportedRemoteOperationType = 5,
    UnsupportedProfileClass = 6,
    Scp03tStructureError = 7,
    Scp03tSecurityError = 8,
    InstallFailedDueToIccidAlreadyExistsOnEuicc = 9,
    InstallFailedDueToInsufficientMemoryForProfile = 10,
    InstallFailedDueToInterruption = 11,
    InstallFailedDueToPEProcessingError = 12,
    InstallFailedDueToDataMismatch = 13,
    TestProfileInstallFailedDueToInvalidNaaKey = 14,
    PprNotAllowed = 15,
    InstallFailedDueToUnknownError = 127,
}

// SGP.22 §5.7.25 CancelSessionReason.
public enum CancelSessionReason
{
    EndUserRejection = 0,
    Postponed = 1,
    Timeout = 2,
    PprNotAllowed = 3,
    MetadataMismatch = 4,
    LoadBppExecutionError = 5,
    UndefinedReason = 127,
}
