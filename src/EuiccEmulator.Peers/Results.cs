using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Peers;

/// <summary>How a card answer turned out for the SM-DP+.</summary>
public enum PeerOutcome
{
    /// <summary>The card succeeded and everything it signed verified.</summary>
    Ok = 0,

    /// <summary>The card reported an error code (the answer itself was well formed).</summary>
    CardError = 1,

    /// <summary>The SM-DP+ refused the answer: malformed, wrong echo, bad signature or certificate.</summary>
    Rejected = 2,
}

/// <summary>The SM-DP+'s view of an AuthenticateServerResponse (ES9+ AuthenticateClient checks).</summary>
public sealed record AuthenticateServerResult
{
    public required PeerOutcome Outcome { get; init; }

    /// <summary>AuthenticateErrorCode when the card answered A1.</summary>
    public int? ErrorCode { get; init; }

    /// <summary>Why the answer was rejected.</summary>
    public string? Problem { get; init; }

    public Eid? Eid { get; init; }

    public byte[]? EuiccCertificate { get; init; }

    public byte[]? EumCertificate { get; init; }

    /// <summary>The complete EUICCInfo2 TLV (BF22) as received.</summary>
    public byte[]? EuiccInfo2 { get; init; }

    /// <summary>The euiccSignature1 data object (5F37 40 r||s) as received.</summary>
    public byte[]? EuiccSignature1 { get; init; }

    /// <summary>ctxParams1.matchingId as the card signed it (null when absent).</summary>
    public string? MatchingId { get; init; }

    public bool IsOk => Outcome == PeerOutcome.Ok;
}

/// <summary>The SM-DP+'s view of a PrepareDownloadResponse.</summary>
public sealed record PrepareDownloadResult
{
    public required PeerOutcome Outcome { get; init; }

    /// <summary>DownloadErrorCode when the card answered A1.</summary>
    public int? ErrorCode { get; init; }

    public string? Problem { get; init; }

    /// <summary>otPK.EUICC.ECKA, 04||X||Y.</summary>
    public byte[]? EuiccOtpk { get; init; }

    public bool IsOk => Outcome == PeerOutcome.Ok;
}

/// <summary>A verified ProfileInstallationResult.</summary>
public sealed record InstallationResult
{
    public required PeerOutcome Outcome { get; init; }

    public string? Problem { get; init; }

    /// <summary>ISD-P AID of the installed profile (successResult).</summary>
    public byte[]? IsdpAid { get; init; }

    public byte[]? SimaResponse { get; init; }

    /// <summary>
    /// errorResult.bppCommandId: initialiseSecureChannel 0, configureISDP 1, storeMetadata 2, storeMetadata2 3,
    /// replaceSessionKeys 4, loadProfileElements 5.
    /// </summary>
    public int? BppCommandId { get; init; }

    /// <summary>errorResult.errorReason (SGP.22 ErrorReason).</summary>
    public int? ErrorReason { get; init; }

    public long? NotificationSequenceNumber { get; init; }

    public Iccid? Iccid { get; init; }

    /// <summary>The complete BF37 as received.</summary>
    public byte[]? Raw { get; init; }

    public bool IsOk => Outcome == PeerOutcome.Ok;
}

/// <summary>A verified CancelSessionResponse.</summary>
public sealed record CancelSessionResult
{
    public required PeerOutcome Outcome { get; init; }

    /// <summary>cancelSessionResponseError: invalidTransactionId 5, undefinedError 127.</summary>
    public int? ErrorCode { get; init; }

    public string? Problem { get; init; }

    public int? Reason { get; init; }

    public bool IsOk => Outcome == PeerOutcome.Ok;
}

/// <summary>DeviceInfo of ctxParams1: TAC, the content of deviceCapabilities, optional IMEI.</summary>
public sealed record DeviceInfo(byte[] Tac, byte[] DeviceCapabilities, byte[]? Imei = null)
{
    /// <summary>A device supporting GSM, UTRAN and E-UTRAN release 13 (80/81/85 03 0D 00 00).</summary>
    public static DeviceInfo Default { get; } = new(
        [0x35, 0x29, 0x06, 0x11],
        Convert.FromHexString("80030D000081030D000085030D0000"));
}
