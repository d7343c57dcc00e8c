namespace EuiccEmulator.Rsp.Saip;

/// <summary>PEStatus.status values, as the eUICC reports them in EUICCResponse.</summary>
// SAIP v3.3.1 PEDefinitions PEStatus.
public enum PeStatusCode
{
    Ok = 0,
    PeNotSupported = 1,
    MemoryFailure = 2,
    BadValues = 3,
    NotEnoughMemory = 4,
    InvalidRequestFormat = 5,
    InvalidParameter = 6,
    RuntimeNotSupported = 7,
    LibNotSupported = 8,
    TemplateNotSupported = 9,
    FeatureNotSupported = 10,
    PinCodeMissing = 11,
    UnsupportedProfileVersion = 31,
}

/// <summary>ASN.1 identifiers of <see cref="PeStatusCode"/>.</summary>
public static class PeStatusCodeNames
{
    public static string AsnName(this PeStatusCode code) => code switch
    {
        PeStatusCode.Ok => "ok",
        PeStatusCode.PeNotSupported => "pe-not-supported",
        PeStatusCode.MemoryFailure => "memory-failure",
        PeStatusCode.BadValues => "bad-values",
        PeStatusCode.NotEnoughMemory => "not-enough-memory",
        PeStatusCode.InvalidRequestFormat => "invalid-request-format",
        PeStatusCode.InvalidParameter => "invalid-parameter",
        PeStatusCode.RuntimeNotSupported => "runtime-not-supported",
        PeStatusCode.LibNotSupported => "lib-not-supported",
        PeStatusCode.TemplateNotSupported => "template-not-supported",
        PeStatusCode.FeatureNotSupported => "feature-not-supported",
        PeStatusCode.PinCodeMissing => "pin-code-missing",
        PeStatusCode.UnsupportedProfileVersion => "unsupported-profile-version",
        _ => ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
