namespace EuiccEmulator.Rsp.Codes;

/// <summary>Why the card refused a whole eUICC Package (SGP.32 §2.11.2.1 EuiccPackageErrorCode).</summary>
public enum EuiccPackageErrorCode
{
    /// <summary>The package names another EID.</summary>
    InvalidEid = 3,
    /// <summary>The counter value was used before.</summary>
    ReplayError = 4,
    /// <summary>The counter value is past the card's maximum.</summary>
    CounterValueOutOfRange = 6,
    /// <summary>The package is larger than the card accepts.</summary>
    SizeOverflow = 15,
    /// <summary>The emergency profile is in use.</summary>
    EcallActive = 104,
    /// <summary>Any other error.</summary>
    UndefinedError = 127,
}

/// <summary>Why the card stopped inside a package (SGP.32 §2.11.2.1 EuiccResultData.processingTerminated).</summary>
public enum ProcessingTerminated
{
    /// <summary>The result grew past the card's maximum.</summary>
    ResultSizeOverflow = 1,
    /// <summary>A command is unknown or malformed.</summary>
    UnknownOrDamagedCommand = 2,
    /// <summary>Processing was interrupted.</summary>
    Interruption = 3,
    /// <summary>Any other error.</summary>
    UndefinedError = 127,
}

// SGP.32 §2.11.2.1 DeleteEimResult / UpdateEimResult.
internal enum EimChangeResult
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
internal static class IotProfileResults
{
    public const int RollbackNotAvailable = 20;
    public const int ReturnFallbackProfile = 21;
}

// SGP.32 v1.2 §5.9.24 GetConnectivityParametersResponse.connectivityParametersError.
internal enum GetConnectivityParametersError
{
    ParametersNotAvailable = 1,
    UndefinedError = 127,
}
