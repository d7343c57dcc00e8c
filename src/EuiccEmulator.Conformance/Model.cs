namespace EuiccEmulator.Conformance;

/// <summary>What a case needs from the card before it can run; unmet preconditions skip the case with a reason.</summary>
[Flags]
public enum Precondition
{
    None = 0,

    /// <summary>
    /// The card verifies and signs under the SGP.26 test CI (NIST P-256), so the built-in test SM-DP+ and eIM are accepted.
    /// </summary>
    TrustsSgp26Ci = 1 << 0,

    /// <summary>The card also verifies under the SGP.26 brainpoolP256r1 test CI (EUICCInfo1 verification list).</summary>
    TrustsSgp26BrainpoolCi = 1 << 10,

    /// <summary>The card implements the SGP.32 ES10b functions (GetEimConfigurationData answers).</summary>
    IotFunctions = 1 << 1,

    /// <summary>No eIM is associated, so the test eIM can be associated with AddInitialEim (and removed afterwards).</summary>
    EimCanBeAssociated = 1 << 2,

    /// <summary>No profile at all is installed (cases that reset memory or count profiles).</summary>
    NoProfileInstalled = 1 << 3,

    /// <summary>The target can warm-reset the card.</summary>
    CanReset = 1 << 4,

    /// <summary>No default SM-DP+ address is set.</summary>
    NoDefaultDpAddress = 1 << 5,

    /// <summary>
    /// Commands shorter than a header reach the card unchanged (not through PC/SC, whose stack may refuse or hang on them).
    /// </summary>
    RawShortApdus = 1 << 6,
}

public enum CaseOutcome
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>One conformance case: a procedure with its expected card behaviour.</summary>
/// <param name="Id">Procedure-style id, e.g. ES10c.EnableProfile.ProfileNotInDisabledState.</param>
/// <param name="Area">Group used for the report and as JUnit classname.</param>
/// <param name="Section">Specification section the behaviour comes from.</param>
public sealed record ConformanceCase(
    string Id, string Area, string Title, string Section, Precondition Preconditions, Action<CaseContext> Run)
{
    /// <summary>The case needs a card set up this way; only targets that can create such a card run it.</summary>
    public CardRequirement? RequiresCard { get; init; }
}

/// <summary>The SGP.32 version the card under test is checked against (conformance --sgp32).</summary>
public enum IotVersion
{
    V1_0,
    V1_2,
}

/// <summary>
/// How a case needs the card set up, in the suite's terms (values as on the wire). A target that can create a card
/// (the in-process emulator) maps it to its own configuration; any other target skips the case with <see cref="Reason"/>.
/// </summary>
/// <param name="Reason">What the setting is, shown when the case is skipped.</param>
public sealed record CardRequirement(string Reason)
{
    /// <summary>
    /// The only profile classes the card accepts for download (SGP.22 §2.4a.1.1 ProfileClass: 0 test, 1 provisioning, 2 operational).
    /// </summary>
    public IReadOnlySet<int>? AllowedProfileClasses { get; init; }

    /// <summary>The Rules Authorisation Table is empty: no PPR is allowed (SGP.22 §2.9.2.1).</summary>
    public bool EmptyRat { get; init; }

    /// <summary>Free memory for profiles, in bytes.</summary>
    public long? ProfileMemoryBytes { get; init; }

    /// <summary>GetConnectivityParameters answers these httpParams (SGP.32 §5.9.24).</summary>
    public byte[]? ConnectivityHttpParams { get; init; }

    /// <summary>GET RESPONSE is accepted with an interindustry class (0X) only.</summary>
    public bool GetResponseInterindustryClassOnly { get; init; }

    /// <summary>After an accepted profile switch, ES10b functions answer 6985 until the card is reset.</summary>
    public bool Es10bLockedAfterProfileSwitch { get; init; }

    /// <summary>euiccSignEPR covers the result followed by the associationToken DO instead of the eimSignature DO.</summary>
    public bool ResultSignedOverAssociationToken { get; init; }
}

public sealed record CaseResult(ConformanceCase Case, CaseOutcome Outcome, TimeSpan Elapsed, string? Reason)
{
    public string Id => Case.Id;

    public string Area => Case.Area;
}

/// <summary>A check failed: the case fails with this message.</summary>
public sealed class ConformanceFailure(string message) : Exception(message);

/// <summary>The case cannot run on this card: it is skipped with this reason.</summary>
public sealed class ConformanceSkip(string message) : Exception(message);
