using EuiccEmulator.Rsp;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Messages;
using EuiccEmulator.Rsp.Pki;
namespace EuiccEmulator.Card.CardOs;

/// <summary>Per-card behaviour settings. Defaults mimic a typical consumer/IoT eUICC.</summary>
public sealed record CardOptions
{
    /// <summary>Logical channels the card offers, basic channel included (max 20: channels 0-19).</summary>
    public int LogicalChannels { get; init; } = 20;

    /// <summary>Largest ES10 request reassembled from STORE DATA blocks; more gives 6A84.</summary>
    public int MaxRequestSize { get; init; } = 128 * 1024;

    /// <summary>SGP.22 version the ISD-R reports (EUICCInfo1/2 svn, FCI E0).</summary>
    public byte[] Svn { get; init; } = [2, 5, 0];

    /// <summary>
    /// REFRESH command qualifier: 04 = UICC reset, as real IoT eUICCs send
    /// (docs/transport.md#refresh-after-a-profile-switch).
    /// </summary>
    // [unverified] SGP.22 may expect 09 (eUICC profile state change) on newer terminals: configurable.
    public byte RefreshQualifier { get; init; } = 0x04;

    /// <summary>Whether the card presents itself as an SGP.32 IoT eUICC (FCI template E1).</summary>
    public bool Iot { get; init; } = true;

    /// <summary>
    /// The SGP.32 version the card implements where v1.0 and v1.2 differ (README "SGP.32 v1.0 and v1.2"). It must be
    /// the version the card's identity was created with.
    /// </summary>
    public EuiccEmulator.Rsp.Sgp32Version Sgp32Version { get; init; } = EuiccEmulator.Rsp.Sgp32Version.V1_2;

    /// <summary>
    /// Whether eimSignature covers the associationToken DO after EuiccPackageSigned; null: as the version says
    /// (v1.2 yes, SGP.32 v1.2 §2.11.1.1; v1.0 no).
    /// </summary>
    // [unverified] the v1.0 text was not available; one public v1.0 eIM appends the token DO, so this is switchable.
    public bool? EimSignatureCoversAssociationToken { get; init; }

    /// <summary>The effective <see cref="EimSignatureCoversAssociationToken"/>.</summary>
    public bool EimSignatureWithAssociationToken =>
        EimSignatureCoversAssociationToken ?? Sgp32Version != EuiccEmulator.Rsp.Sgp32Version.V1_0;

    /// <summary>Whether the card answers as an SGP.32 v1.0 card.</summary>
    public bool IsV10 => Sgp32Version == EuiccEmulator.Rsp.Sgp32Version.V1_0;

    /// <summary>Non-volatile memory for profile packages, reported in EUICCInfo2 extCardResource.</summary>
    public long ProfileMemory { get; init; } = 4 * 1024 * 1024;

    /// <summary>Installed profiles at most; one more fails with installFailedDueToInsufficientMemoryForProfile, import refuses.</summary>
    public int MaxProfiles { get; init; } = 16;

    /// <summary>
    /// Pending profile notifications at most. Enable/Disable/Delete that would need another answer undefinedError;
    /// a download fails with installFailedDueToInsufficientMemoryForProfile (its result is returned, not kept).
    /// </summary>
    public int MaxPendingNotifications { get; init; } = 64;

    /// <summary>Unacknowledged eUICC Package Results at most; a package beyond gets a signed undefinedError, no effect.</summary>
    public int MaxPendingPackageResults { get; init; } = 32;

    /// <summary>The engine limits these options set.</summary>
    internal EuiccEmulator.State.CardLimits Limits => new()
    {
        MaxProfiles = MaxProfiles,
        MaxPendingNotifications = MaxPendingNotifications,
        MaxPendingPackageResults = MaxPendingPackageResults,
    };

    /// <summary>How server certificates are checked; expiry is not checked by default (a card has no trusted clock).</summary>
    public CertificateVerificationOptions CertificateVerification { get; init; } = new();

    /// <summary>Profile classes the card accepts in a download; others fail with unsupportedProfileClass.</summary>
    public IReadOnlySet<EuiccEmulator.Rsp.Codes.ProfileClass> AllowedProfileClasses { get; init; } =
        new HashSet<EuiccEmulator.Rsp.Codes.ProfileClass>
        {
            EuiccEmulator.Rsp.Codes.ProfileClass.Test,
            EuiccEmulator.Rsp.Codes.ProfileClass.Provisioning,
            EuiccEmulator.Rsp.Codes.ProfileClass.Operational,
        };

    /// <summary>Rules Authorisation Table (GetRAT); a PPR no rule allows fails the install with pprNotAllowed.</summary>
    public IReadOnlyList<EuiccEmulator.Card.IsdR.Download.RatRule> Rat { get; init; } =
        [new(EuiccEmulator.Rsp.Codes.PprIds.Ppr1DisableNotAllowed | EuiccEmulator.Rsp.Codes.PprIds.Ppr2DeleteNotAllowed,
            [EuiccEmulator.Card.IsdR.Download.RatRule.AnyOperator], ConsentRequired: false)];

    /// <summary>Highest eIM counter value the card accepts (SGP.32 requires at least 8 388 607).</summary>
    public long MaxEimCounter { get; init; } = 8_388_607;

    /// <summary>How many eIMs the card can hold.</summary>
    public int MaxEims { get; init; } = 8;

    /// <summary>Largest eUICC Package accepted; larger gives sizeOverflow.</summary>
    public int MaxEuiccPackageSize { get; init; } = 16 * 1024;

    /// <summary>Largest eUICC Package Result; a result growing past it ends with resultSizeOverflow.</summary>
    public int MaxEuiccPackageResultSize { get; init; } = 16 * 1024;

    /// <summary>What euiccSignEPR/EPE cover after the result data (docs/iot.md#epr-signing-caveat).</summary>
    // [unverified] the spec sentence says the request's eimSignature; a known eIM appends the associationToken DO.
    public EprSignatureInput EprSignatureInput { get; init; } = EprSignatureInput.EimSignature;

    /// <summary>SGP.32 GetConnectivityParameters: httpParams the card returns, or null (parametersNotAvailable).</summary>
    public byte[]? ConnectivityHttpParams { get; init; }

    /// <summary>Mimic real cards that refuse further ES10b commands with 6985 after an accepted profile switch, until reset.</summary>
    public bool LockEs10bAfterProfileSwitch { get; init; }

    /// <summary>Whether euiccSigned1 carries the SGP.32 EUICCInfo2 fields too (off: the SGP.22 form SM-DP+s decode).</summary>
    public bool IotFieldsInEuiccSigned1 { get; init; }

    /// <summary>Whether DisableEmergencyProfile generates notifications per the profiles' configuration (SGP.32 allows either).</summary>
    public bool NotifyOnEmergencyDisable { get; init; } = true;

    /// <summary>Which CLA classes GET RESPONSE accepts (real hosts use 0X or 8X).</summary>
    public GetResponseClass GetResponseClass { get; init; } = GetResponseClass.Any;

    /// <summary>Answer To Reset; null builds the default one.</summary>
    public byte[]? Atr { get; init; }
}

/// <summary>GET RESPONSE class bytes the card accepts.</summary>
public enum GetResponseClass
{
    /// <summary>Any class byte.</summary>
    Any = 0,
    /// <summary>Only CLA 0X.</summary>
    InterindustryOnly = 1,
    /// <summary>Only CLA 8X.</summary>
    ProprietaryOnly = 2,
}
