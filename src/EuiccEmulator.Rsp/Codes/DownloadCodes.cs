namespace EuiccEmulator.Rsp.Codes;

/// <summary>AuthenticateServerResponse error codes (SGP.22 §5.7.13).</summary>
public enum AuthenticateErrorCode
{
    /// <summary>A server certificate is malformed or does not verify.</summary>
    InvalidCertificate = 1,
    /// <summary>serverSignature1 does not verify.</summary>
    InvalidSignature = 2,
    /// <summary>The server uses a curve the card does not support.</summary>
    UnsupportedCurve = 3,
    /// <summary>The card has no session for this request.</summary>
    NoSessionContext = 4,
    /// <summary>The SM-DP+ OID does not match the expected server.</summary>
    InvalidOid = 5,
    /// <summary>serverSigned1 carries another eUICC challenge than the card issued.</summary>
    EuiccChallengeMismatch = 6,
    /// <summary>The server chain ends at a CI the card does not trust.</summary>
    CiPKUnknown = 7,
    /// <summary>Any other error.</summary>
    UndefinedError = 127,
}

/// <summary>PrepareDownloadResponse error codes (SGP.22 §5.7.14 DownloadErrorCode).</summary>
public enum DownloadErrorCode
{
    /// <summary>CERT.DPpb.ECDSA is malformed or does not verify.</summary>
    InvalidCertificate = 1,
    /// <summary>smdpSignature2 does not verify.</summary>
    InvalidSignature = 2,
    /// <summary>The one-time key uses a curve the card does not support.</summary>
    UnsupportedCurve = 3,
    /// <summary>No AuthenticateServer preceded it.</summary>
    NoSessionContext = 4,
    /// <summary>The transactionId is not the session's.</summary>
    InvalidTransactionId = 5,
    /// <summary>Any other error.</summary>
    UndefinedError = 127,
}

/// <summary>The BPP command a ProfileInstallationResult reports on (SGP.22 §5.7.6 BppCommandId).</summary>
public enum BppCommandId
{
    /// <summary>InitialiseSecureChannel (tag BF23).</summary>
    InitialiseSecureChannel = 0,
    /// <summary>ConfigureISDP (tag BF24).</summary>
    ConfigureIsdp = 1,
    /// <summary>StoreMetadata (tag BF25).</summary>
    StoreMetadata = 2,
    /// <summary>A second StoreMetadata (reserved by SGP.22).</summary>
    StoreMetadata2 = 3,
    /// <summary>ReplaceSessionKeys (tag BF26, the PPK).</summary>
    ReplaceSessionKeys = 4,
    /// <summary>The profile elements (segments under A3).</summary>
    LoadProfileElements = 5,
}

/// <summary>Why an installation failed, in a ProfileInstallationResult (SGP.22 §5.7.6 ErrorReason).</summary>
public enum ErrorReason
{
    /// <summary>A BPP field has a wrong value.</summary>
    IncorrectInputValues = 1,
    /// <summary>A signature in the BPP does not verify.</summary>
    InvalidSignature = 2,
    /// <summary>The BPP names another session.</summary>
    InvalidTransactionId = 3,
    /// <summary>The key agreement parameters are not supported.</summary>
    UnsupportedCrtValues = 4,
    /// <summary>The remote operation is not an install.</summary>
    UnsupportedRemoteOperationType = 5,
    /// <summary>The card does not accept this profile class.</summary>
    UnsupportedProfileClass = 6,
    /// <summary>A BSP segment is malformed.</summary>
    Scp03tStructureError = 7,
    /// <summary>A BSP segment fails its MAC or decryption.</summary>
    Scp03tSecurityError = 8,
    /// <summary>A profile with this ICCID is already on the card.</summary>
    InstallFailedDueToIccidAlreadyExistsOnEuicc = 9,
    /// <summary>No room for the profile or its notification.</summary>
    InstallFailedDueToInsufficientMemoryForProfile = 10,
    /// <summary>The download was cut (reset or power loss) after the secure channel opened.</summary>
    InstallFailedDueToInterruption = 11,
    /// <summary>A profile element could not be processed.</summary>
    InstallFailedDueToPEProcessingError = 12,
    /// <summary>The profile package does not match its metadata.</summary>
    InstallFailedDueToDataMismatch = 13,
    /// <summary>A test profile carries a network key the card refuses.</summary>
    TestProfileInstallFailedDueToInvalidNaaKey = 14,
    /// <summary>The profile policy rules are not allowed by the RAT.</summary>
    PprNotAllowed = 15,
    /// <summary>Any other error.</summary>
    InstallFailedDueToUnknownError = 127,
}

/// <summary>Why the LPA cancels a download session (SGP.22 §5.7.25 CancelSessionReason).</summary>
public enum CancelSessionReason
{
    /// <summary>The user declined the download.</summary>
    EndUserRejection = 0,
    /// <summary>The user postponed it.</summary>
    Postponed = 1,
    /// <summary>The user did not answer in time.</summary>
    Timeout = 2,
    /// <summary>The profile policy rules are not acceptable to the LPA.</summary>
    PprNotAllowed = 3,
    /// <summary>The metadata does not match what the LPA expected.</summary>
    MetadataMismatch = 4,
    /// <summary>Loading the BPP failed on the device side.</summary>
    LoadBppExecutionError = 5,
    /// <summary>Any other reason.</summary>
    UndefinedReason = 127,
}
