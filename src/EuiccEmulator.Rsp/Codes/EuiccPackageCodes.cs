namespace EuiccEmulator.Rsp.Codes;

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
