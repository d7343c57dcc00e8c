using EuiccEmulator.Card.CardOs;

namespace EuiccEmulator.Conformance;

/// <summary>What a case needs from the card before it can run; unmet preconditions skip the case with a reason.</summary>
[Flags]
public enum Precondition
{
    None = 0,

    /// <summary>The card verifies and signs under the SGP.26 test CI (NIST P-256), so the built-in test SM-DP+ and eIM are accepted.</summary>
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

    /// <summary>Commands shorter than a header reach the card unchanged (not through PC/SC, whose stack may refuse or hang on them).</summary>
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
public sealed record ConformanceCase(string Id, string Area, string Title, string Section, Precondition Preconditions, Action<CaseContext> Run)
{
    /// <summary>The case needs a card configured this way; only targets that can create such a card run it.</summary>
    public CardOptions? RequiresCardOptions { get; init; }

    /// <summary>Why the configured card is needed (shown when skipped).</summary>
    public string? RequiresCardOptionsReason { get; init; }
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
