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

    /// <summary>REFRESH command qualifier: 04 = UICC reset, as real IoT eUICCs send [src PROTOCOL.md §2.4].</summary>
    // [unverified] SGP.22 may expect 09 (eUICC profile state change) on newer terminals: configurable.
    public byte RefreshQualifier { get; init; } = 0x04;

    /// <summary>Whether the card presents itself as an SGP.32 IoT eUICC (FCI template E1).</summary>
    public bool Iot { get; init; } = true;

    /// <summary>Root SM-DS address used until one is stored.</summary>
    public string RootDsAddress { get; init; } = "testrootsmds.example.com";

    /// <summary>Non-volatile memory for profile packages, reported in EUICCInfo2 extCardResource.</summary>
    public long ProfileMemory { get; init; } = 4 * 1024 * 1024;

    /// <summary>How server certificates are checked; expiry is not checked by default (a card has no trusted clock).</summary>
    public EuiccEmulator.Card.Ecasd.CertificateVerificationOptions CertificateVerification { get; init; } = new();

    /// <summary>Profile classes the card accepts in a download; others fail with unsupportedProfileClass.</summary>
    public IReadOnlySet<EuiccEmulator.Core.State.ProfileClass> AllowedProfileClasses { get; init; } =
        new HashSet<EuiccEmulator.Core.State.ProfileClass>
        {
            EuiccEmulator.Core.State.ProfileClass.Test,
            EuiccEmulator.Core.State.ProfileClass.Provisioning,
            EuiccEmulator.Core.State.ProfileClass.Operational,
        };

    /// <summary>Rules Authorisation Table (GetRAT); a PPR no rule allows fails the install with pprNotAllowed.</summary>
    public IReadOnlyList<EuiccEmulator.Card.IsdR.Download.RatRule> Rat { get; init; } =
        [new(EuiccEmulator.Core.State.PprIds.Ppr1DisableNotAllowed | EuiccEmulator.Core.State.PprIds.Ppr2DeleteNotAllowed,
            [EuiccEmulator.Card.IsdR.Download.RatRule.AnyOperator], ConsentRequired: false)];

    /// <summary>Answer To Reset; null builds the default one.</summary>
    public byte[]? Atr { get; init; }
}
