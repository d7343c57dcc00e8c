namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §2.11.2.1 EuiccPackageErrorCode.
public enum EuiccPackageErrorCode
{
    InvalidEid = 3,
    ReplayError = 4,
    CounterValueOutOfRange = 6,
    SizeOverflow = 15,
    EcallActive = 104,
    UndefinedError = 127,
}

// SGP.32 §2.11.2.1 EuiccResultData.processingTerminated.
public enum ProcessingTerminated
{
    ResultSizeOverflow = 1,
    UnknownOrDamagedCommand = 2,
    Interruption = 3,
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

// SGP.32 §2.11.2.1 DeleteEimResult / UpdateEimResult.
public enum EimChangeResult
{
    Ok = 0,
    EimNotFound = 1,
    LastEimDeleted = 2,
    CiPKUnknown = 3,
    CounterValueOutOfRange = 6,
    CommandError = 7,
    UndefinedError = 127,
}

// SGP.32 §2.11.2.1: EnableProfileResult / DeleteProfileResult additions to the SGP.22 codes.
public static class IotProfileResults
{
    public const int RollbackNotAvailable = 20;
    public const int ReturnFallbackProfile = 21;
}

// SGP.32 v1.2 §5.9.24 GetConnectivityParametersResponse.connectivityParametersError.
public enum GetConnectivityParametersError
{
    ParametersNotAvailable = 1,
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
