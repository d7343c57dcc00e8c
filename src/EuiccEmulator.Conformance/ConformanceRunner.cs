using System.Diagnostics;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Peers;

namespace EuiccEmulator.Conformance;

/// <summary>Runs cases against a target one by one: preconditions, steps, then puts the card back as it was.</summary>
public sealed class ConformanceRunner(IConformanceTarget target)
{
    private readonly Dictionary<ICard, (bool Trusts, bool Iot, bool TrustsBrainpool)> _capabilities = [];

    /// <summary>The SGP.32 version the card is checked against (conformance --sgp32).</summary>
    public IotVersion Sgp32Version { get; init; } = IotVersion.V1_2;

    /// <summary>Called after each case (e.g. to print the row at once).</summary>
    public Action<CaseResult>? OnResult { get; init; }

    public static IEnumerable<ConformanceCase> Filter(IEnumerable<ConformanceCase> cases, string? filter) =>
        string.IsNullOrEmpty(filter)
            ? cases
            : cases.Where(c => c.Id.Contains(filter, StringComparison.OrdinalIgnoreCase)
                || c.Area.Contains(filter, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<CaseResult> Run(IEnumerable<ConformanceCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var results = new List<CaseResult>();
        foreach (var c in cases)
        {
            var result = RunOne(c);
            results.Add(result);
            OnResult?.Invoke(result);
        }
        return results;
    }

    public CaseResult RunOne(ConformanceCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var watch = Stopwatch.StartNew();
        IConfiguredCard? configured = null;
        if (c.RequiresCard is { } requirement)
        {
            configured = target.CreateConfigured(requirement);
            if (configured is null)
            {
                return new CaseResult(c, CaseOutcome.Skipped, watch.Elapsed,
                    $"needs a card configured with {requirement.Reason} (the in-process target sets it up)");
            }
        }
        try
        {
            var card = configured?.Card ?? target.Card;
            using var ctx = new CaseContext(card, configured is not null || target.CanReset, Sgp32Version);
            CardState? before = null;
            bool iot;
            try
            {
                var caps = Capabilities(ctx, card);
                iot = caps.Iot;
                var skip = UnmetPrecondition(c.Preconditions, caps, configured is not null || target.CanReset);
                if (skip is null && (configured is null || (c.Preconditions & StatePreconditions) != 0))
                {
                    before = CardState.Read(ctx, iot);
                    skip ??= UnmetState(c.Preconditions, before);
                }
                if (skip is not null) return new CaseResult(c, CaseOutcome.Skipped, watch.Elapsed, skip);
            }
            catch (Exception e) when (e is ConformanceFailure or FormatException or InvalidOperationException)
            {
                return new CaseResult(c, CaseOutcome.Failed, watch.Elapsed, "reading the card's state before the case: " + e.Message);
            }

            CaseOutcome outcome;
            string? reason = null;
            try
            {
                c.Run(ctx);
                outcome = CaseOutcome.Passed;
            }
            catch (ConformanceFailure e)
            {
                (outcome, reason) = (CaseOutcome.Failed, e.Message);
            }
            catch (ConformanceSkip e)
            {
                (outcome, reason) = (CaseOutcome.Skipped, e.Message);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException
                or System.Security.Cryptography.CryptographicException
                or IndexOutOfRangeException or ArgumentOutOfRangeException or KeyNotFoundException or NullReferenceException)
            {
                (outcome, reason) = (CaseOutcome.Failed, $"{e.GetType().Name}: {e.Message}");
            }

            if (before is not null && configured is null)
            {
                List<string> problems;
                try
                {
                    problems = CardState.Restore(ctx, before, iot);
                }
                catch (Exception e) when (e is ConformanceFailure or FormatException or InvalidOperationException)
                {
                    problems = [e.Message];
                }
                if (problems.Count > 0)
                {
                    var text = "cleanup: " + string.Join("; ", problems);
                    if (outcome == CaseOutcome.Failed) reason += " | " + text;
                    else (outcome, reason) = (CaseOutcome.Failed, text);
                }
            }
            return new CaseResult(c, outcome, watch.Elapsed, reason);
        }
        finally
        {
            configured?.Dispose();
        }
    }

    private const Precondition StatePreconditions = Precondition.EimCanBeAssociated | Precondition.NoProfileInstalled
        | Precondition.NoDefaultDpAddress;

    private (bool Trusts, bool Iot, bool TrustsBrainpool) Capabilities(CaseContext ctx, ICard card)
    {
        if (_capabilities.TryGetValue(card, out var caps)) return caps;
        var info1 = TlvCodec.ReadSingle(ctx.Es10Ok([0xBF, 0x20, 0x00])).Children();
        var ski = TestCis.Sgp26NistSubjectKeyId;
        bool Lists(int tag) => info1.Any(p => p.Tag == tag && p.Children().Any(s => s.Value.Span.SequenceEqual(ski)));
        var iot = ctx.Es10([0xBF, 0x55, 0x00]).StatusWord == 0x9000;
        var brainpool = TestCis.Sgp26BrainpoolSubjectKeyId;
        var trustsBrainpool = info1.Any(p => p.Tag == 0xA9 && p.Children().Any(s => s.Value.Span.SequenceEqual(brainpool)));
        caps = (Lists(0xA9) && Lists(0xAA), iot, trustsBrainpool);
        _capabilities[card] = caps;
        return caps;
    }

    private string? UnmetPrecondition(Precondition p, (bool Trusts, bool Iot, bool TrustsBrainpool) caps, bool canReset)
    {
        if (p.HasFlag(Precondition.TrustsSgp26Ci) && !caps.Trusts)
            return "the card does not list the SGP.26 test CI for verification and signing (EUICCInfo1)";
        if (p.HasFlag(Precondition.TrustsSgp26BrainpoolCi) && !caps.TrustsBrainpool)
            return "the card does not list the SGP.26 brainpoolP256r1 test CI for verification (EUICCInfo1)";
        if ((p.HasFlag(Precondition.IotFunctions) || p.HasFlag(Precondition.EimCanBeAssociated)) && !caps.Iot)
            return "the card does not implement the SGP.32 ES10b functions";
        if (p.HasFlag(Precondition.CanReset) && !canReset) return "the target cannot reset the card";
        if (p.HasFlag(Precondition.RawShortApdus) && !target.PassesShortApdus)
            return "the target's stack does not pass commands shorter than 4 bytes unchanged (PC/SC)";
        return null;
    }

    private static string? UnmetState(Precondition p, CardState state)
    {
        if (p.HasFlag(Precondition.EimCanBeAssociated) && state.EimCount is > 0)
            return $"an eIM is already associated ({state.EimCount}); the case needs to associate the test eIM";
        if (p.HasFlag(Precondition.NoProfileInstalled) && state.Profiles.Count > 0)
            return $"{state.Profiles.Count} profile(s) installed; the case needs a card without profiles";
        if (p.HasFlag(Precondition.NoDefaultDpAddress) && state.DefaultDpAddress is not null) return "a default SM-DP+ address is set";
        return null;
    }
}
