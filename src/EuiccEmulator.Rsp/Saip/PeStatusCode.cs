namespace EuiccEmulator.Rsp.Saip;

/// <summary>PEStatus.status values, as the eUICC reports them in EUICCResponse.</summary>
// SAIP v3.3.1 PEDefinitions PEStatus.
public enum PeStatusCode
{
    /// <summary>Accepted.</summary>
    Ok = 0,
    /// <summary>A profile element the card does not support.</summary>
    PeNotSupported = 1,
    /// <summary>The card ran out of memory writing.</summary>
    MemoryFailure = 2,
    /// <summary>A value is out of range.</summary>
    BadValues = 3,
    /// <summary>The package does not fit.</summary>
    NotEnoughMemory = 4,
    /// <summary>The DER is malformed.</summary>
    InvalidRequestFormat = 5,
    /// <summary>A parameter is invalid.</summary>
    InvalidParameter = 6,
    /// <summary>A runtime the card lacks (e.g. Java Card).</summary>
    RuntimeNotSupported = 7,
    /// <summary>A library the card lacks.</summary>
    LibNotSupported = 8,
    /// <summary>A file-system template the card does not know.</summary>
    TemplateNotSupported = 9,
    /// <summary>A feature the card lacks.</summary>
    FeatureNotSupported = 10,
    /// <summary>A referenced PIN is not defined.</summary>
    PinCodeMissing = 11,
    /// <summary>The header's SAIP version is not supported.</summary>
    UnsupportedProfileVersion = 31,
}

/// <summary>ASN.1 identifiers of <see cref="PeStatusCode"/>.</summary>
public static class PeStatusCodeNames
{
    /// <summary>The ASN.1 identifier, e.g. "bad-values".</summary>
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
