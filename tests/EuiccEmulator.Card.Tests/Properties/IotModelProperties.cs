using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MemoryResetOptions = EuiccEmulator.Rsp.Codes.IotMemoryResetOptions;
using MemoryResetResult = EuiccEmulator.Peers.Eim.IotMemoryResetResponse;

namespace EuiccEmulator.Card.Tests.Properties;

/// <summary>
/// Model-based test of the IoT card: random command sequences go to the card over APDUs and to <see cref="IotModel"/>;
/// every result code must be one the model allows, and the card must keep the invariants after every command.
/// </summary>
public class IotModelProperties
{
    [Property(MaxTest = 200)]
    public Property RandomIotCommandSequences_MatchModel_AndKeepInvariants()
    {
        var gen = from setup in Setup()
                  from commands in Gen.Choose(1, 30).SelectMany(n => Gen.ArrayOf(Command(setup), n))
                  select (setup, commands);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            using var runner = new IotModelRunner(t.setup);
            var failure = runner.Run(t.commands);
            return (failure is null).Label($"{t.setup}: {string.Join("; ", t.commands.Select(c => c.ToString()))}\n{failure}");
        });
    }

    /// <summary>3-4 profiles; profile 0 has ecallIndication, one or two of the others have fallbackAllowed.</summary>
    private static Gen<IotSetup> Setup() =>
        from count in Gen.Choose(3, 4)
        from first in Gen.Choose(1, count - 1)
        from second in Gen.Choose(0, count - 1)
        select new IotSetup(count, [.. Enumerable.Range(0, 4).Select(i => i == first || (i == second && i != 0))]);

    private static readonly MemoryResetOptions[] ResetChoices =
    [
        MemoryResetOptions.DeleteOperationalProfiles,
        MemoryResetOptions.DeleteFieldLoadedTestProfiles,
        MemoryResetOptions.ResetDefaultSmdpAddress,
        MemoryResetOptions.ResetImmediateEnableConfig,
        MemoryResetOptions.ResetEimConfigData,
        MemoryResetOptions.DeleteOperationalProfiles | MemoryResetOptions.ResetEimConfigData
            | MemoryResetOptions.ResetImmediateEnableConfig,
        MemoryResetOptions.DeleteFieldLoadedTestProfiles | MemoryResetOptions.ResetImmediateEnableConfig,
    ];

    private static Gen<IotCommand> Command(IotSetup setup)
    {
        var profiles = setup.ProfileCount;
        var any = Gen.Choose(0, profiles - 1);
        // Mostly profiles that may hold the fallback attribute, so that fallback gets somewhere.
        var fallbackCandidate = Gen.Frequency(
            (3, Gen.Elements(Enumerable.Range(0, profiles).Where(i => setup.FallbackAllowed[i]).ToArray())),
            (1, any));
        // Enable PSMOs target the ordinary profiles only. The card accepts an enable PSMO for the eCall profile without
        // entering emergency mode, so later packages, fallback and memory reset are not refused with ecallActive;
        // The SGP.32 text available (§5.9.22) does not settle whether such a PSMO must be refused or must count as emergency use, so that
        // input is left out here rather than guessed.
        var ordinary = Gen.Choose(1, profiles - 1);
        var flag = ArbMap.Default.GeneratorFor<bool>();
        Gen<IotCommand> Simple(IotCommandKind kind) => flag.Select(f => new IotCommand(kind, Flag: f));
        return Gen.Frequency(
            (6, from p in ordinary from f in flag select new IotCommand(IotCommandKind.Enable, p, Flag: f)),
            (3, any.Select(p => new IotCommand(IotCommandKind.Disable, p))),
            (1, any.Select(p => new IotCommand(IotCommandKind.Delete, p))),
            (1, from p in ordinary from q in ordinary select new IotCommand(IotCommandKind.DoubleEnable, p, q)),
            (3, fallbackCandidate.Select(p => new IotCommand(IotCommandKind.SetFallback, p))),
            (2, Gen.Constant(new IotCommand(IotCommandKind.UnsetFallback))),
            (4, Simple(IotCommandKind.ExecuteFallback)),
            (4, Simple(IotCommandKind.ReturnFromFallback)),
            (1, Simple(IotCommandKind.EnableEmergency)),
            (2, Simple(IotCommandKind.DisableEmergency)),
            (3, Simple(IotCommandKind.Rollback)),
            (1, Gen.Elements(ResetChoices).Select(r => new IotCommand(IotCommandKind.MemoryReset, Reset: r))),
            (3, Gen.Choose(0, 1000).Select(k => new IotCommand(IotCommandKind.Replay, Other: k))),
            (1, Gen.Constant(new IotCommand(IotCommandKind.CounterTooHigh))),
            (1, Gen.Constant(new IotCommand(IotCommandKind.Reassociate))),
            (2, Gen.Constant(new IotCommand(IotCommandKind.Restart))));
    }
}

/// <summary>Drives one card and one model through a command sequence.</summary>
internal sealed class IotModelRunner : IDisposable
{
    private const int EcallActive = 104;

    private readonly IotRig _rig = new();
    private readonly IotModel _model;
    private readonly List<(EuiccPackageRequest Request, long Token)> _accepted = [];
    private long _lastSeenCounter;

    public IotModelRunner(IotSetup setup)
    {
        _model = new IotModel(setup);
        foreach (var p in _model.Profiles) _rig.Card.AddProfile(p.Iccid, p.FallbackAllowed, p.Ecall);
        _model.Token = _rig.Eim.AssociationToken ?? throw new InvalidOperationException("no association token");
        _model.UsedTokens.Add(_model.Token);
        if (_rig.Engine.Settings.DefaultDpAddress is not null)
            throw new InvalidOperationException("the model starts without a default SM-DP+ address");
    }

    public string? Run(IReadOnlyList<IotCommand> commands)
    {
        for (var i = 0; i < commands.Count; i++)
        {
            var before = _model.ToString();
            var failure = Step(commands[i]) ?? CheckInvariants();
            if (failure is not null) return $"command {i} {commands[i]}: {failure}\n  model before: {before}\n  model after:  {_model}";
        }
        return null;
    }

    public void Dispose() => _rig.Dispose();

    private string? Step(IotCommand c)
    {
        var m = _model;
        switch (c.Kind)
        {
            case IotCommandKind.Enable:
                return Package([Psmo.Enable(I(c.Profile), c.Flag)], [s => EnablePsmo(s, c.Profile, c.Flag)]);
            case IotCommandKind.DoubleEnable:
                return Package([Psmo.Enable(I(c.Profile)), Psmo.Enable(I(c.Other))],
                    [s => EnablePsmo(s, c.Profile, false), s => EnablePsmo(s, c.Other, false)]);
            case IotCommandKind.Disable:
                return Package([Psmo.Disable(I(c.Profile))], [s => DisablePsmo(s, c.Profile)]);
            case IotCommandKind.Delete:
                return Package([Psmo.Delete(I(c.Profile))], [s => DeletePsmo(s, c.Profile)]);
            case IotCommandKind.SetFallback:
                return Package([Psmo.SetFallbackAttribute(I(c.Profile))], [s => SetFallbackPsmo(c.Profile)]);
            case IotCommandKind.UnsetFallback:
                return Package([Psmo.UnsetFallbackAttribute()], [s => UnsetFallbackPsmo()]);
            case IotCommandKind.CounterTooHigh:
                return Package([Psmo.GetRat()], [], new EimFaults { CounterTooHigh = true });
            case IotCommandKind.Replay:
                return Replay(c.Other);

            case IotCommandKind.ExecuteFallback:
            {
                // SGP.32 §5.9.20 (docs/preemption.md#executefallbackmechanism): ecallActive 104 while the emergency profile is in use; a
                // disabled fallback profile is needed (6, else 2); a profile must be enabled (commandError 7).
                var holder = m.FallbackHolder;
                var current = m.Enabled;
                int[] allowed = m.EmergencyActive ? [EcallActive]
                    : holder is null ? [6]
                    : holder.Enabled ? [2]
                    : current is null ? [7]
                    : [0];
                var code =
                    TestEim.ParseExecuteFallbackMechanismResponse(_rig.Card.Send(TestEim.BuildExecuteFallbackMechanismRequest(c.Flag)));
                if (!allowed.Contains(code)) return Unexpected(code, allowed);
                if (code == 0)
                {
                    // §9.1: the card records the previously enabled profile and clears rollback authorisation.
                    m.FallbackPrevious = current!.Iccid;
                    IotModel.Switch(current, holder);
                    m.ClearRollback();
                }
                return null;
            }

            case IotCommandKind.ReturnFromFallback:
            {
                // SGP.32 §5.9.21 (docs/preemption.md#returnfromfallback): the enabled profile is the fallback profile and the recorded
                // profile is still installed; else fallbackNotAvailable 6 (or commandError 7 when in fallback but
                // nothing was recorded: the split between 6 and 7 is not given).
                var holder = m.FallbackHolder;
                var previous = m.FallbackPrevious is { } p ? m.Find(p) : null;
                int[] allowed = holder is not { Enabled: true } ? [6] : previous is null ? [6, 7] : [0];
                var code = TestEim.ParseReturnFromFallbackResponse(_rig.Card.Send(TestEim.BuildReturnFromFallbackRequest(c.Flag)));
                if (!allowed.Contains(code)) return Unexpected(code, allowed);
                if (code == 0)
                {
                    IotModel.Switch(holder, previous);
                    m.FallbackPrevious = null;
                    m.ClearRollback();
                }
                return null;
            }

            case IotCommandKind.EnableEmergency:
            {
                // SGP.32 §5.9.22 (docs/preemption.md#emergency-profile): ecallNotAvailable 8, profileNotInDisabledState 2; one atomic
                // step that remembers the enabled profile and clears rollback authorisation.
                var ecall = m.EcallProfile;
                int[] allowed = ecall is null ? [8] : ecall.Enabled ? [2] : [0];
                var code = TestEim.ParseEnableEmergencyProfileResponse(_rig.Card.Send(TestEim.BuildEnableEmergencyProfileRequest(c.Flag)));
                if (!allowed.Contains(code)) return Unexpected(code, allowed);
                if (code == 0)
                {
                    var current = m.Enabled;
                    m.EmergencyPrevious = current?.Iccid;
                    IotModel.Switch(current, ecall);
                    m.EmergencyActive = true;
                    m.ClearRollback();
                }
                return null;
            }

            case IotCommandKind.DisableEmergency:
            {
                // SGP.32 §5.9.23 (docs/preemption.md#emergency-profile): not enabled -> 2 (without any eCall profile some sources
                // give ecallNotAvailable 8); disable it, re-enable the remembered profile, clear rollback authorisation.
                var ecall = m.EcallProfile;
                int[] allowed = ecall is null ? [2, 8] : !ecall.Enabled ? [2] : [0];
                var code =
                    TestEim.ParseDisableEmergencyProfileResponse(_rig.Card.Send(TestEim.BuildDisableEmergencyProfileRequest(c.Flag)));
                if (!allowed.Contains(code)) return Unexpected(code, allowed);
                if (code == 0)
                {
                    IotModel.Switch(ecall, m.EmergencyPrevious is { } p ? m.Find(p) : null);
                    m.EmergencyActive = false;
                    m.EmergencyPrevious = null;
                    m.ClearRollback();
                }
                return null;
            }

            case IotCommandKind.Rollback:
            {
                // SGP.32 §5.9.16 (docs/preemption.md#rollback): only after an enable PSMO with rollbackFlag and before any
                // other switch; re-enables the previous profile and returns the stored EuiccPackageResult;
                // rollbackNotAllowed 1 otherwise (also while the emergency profile is in use).
                var previous = m.RollbackPrevious is { } p ? m.Find(p) : null;
                int[] allowed = m.EmergencyActive || previous is null ? [1] : [0];
                var result = TestEim.ParseProfileRollbackResponse(_rig.Card.Send(TestEim.BuildProfileRollbackRequest(c.Flag)));
                if (!allowed.Contains(result.CmdResult)) return Unexpected(result.CmdResult, allowed);
                if (result.CmdResult != 0)
                    return result.EuiccPackageResult is null ? null : "a refused rollback returned an EuiccPackageResult";
                if (result.EuiccPackageResult is null || !result.EuiccPackageResult.AsSpan().SequenceEqual(m.RollbackResult))
                    return "rollback did not return the EuiccPackageResult of the granting package";
                IotModel.Switch(m.Enabled, previous);
                m.ClearRollback();
                m.FallbackPrevious = null;
                return null;
            }

            case IotCommandKind.MemoryReset:
                return MemoryReset(c.Reset);

            case IotCommandKind.Reassociate:
            {
                // SGP.32 §5.9.4 AddInitialEim: associatedEimAlreadyExists 2 while an eIM is associated; otherwise the
                // card assigns a token for -1. The token must be new: packages signed for an earlier association
                // (counter restarting at 0) would otherwise verify again and could be replayed.
                var response = _rig.Card.Send(TestEim.BuildAddInitialEimRequest(
                    _rig.Eim.ConfigurationData with { AssociationToken = EimConfigurationData.AssignAssociationToken }));
                var added = TestEim.ParseAddInitialEimResponse(response);
                if (m.EimPresent)
                {
                    return added.Error == 2
                        ? null
                        : $"AddInitialEim with an associated eIM gave {Convert.ToHexString(response)}, expected error 2";
                }
                if (!added.IsOk || added.Entries.Count != 1 || added.Entries[0].AssociationToken is not { } token)
                    return $"AddInitialEim gave {Convert.ToHexString(response)}";
                if (!m.UsedTokens.Add(token)) return $"association token {token} was assigned before";
                _rig.Eim.AssociationToken = token;
                _rig.Eim.LastCounter = _rig.Eim.Options.InitialCounter;
                m.EimPresent = true;
                m.Token = token;
                m.Counter = _rig.Eim.Options.InitialCounter;
                _lastSeenCounter = m.Counter;
                return null;
            }

            case IotCommandKind.Restart:
                // Everything the model holds is persistent card state: a restart changes none of it.
                _rig.Restart();
                return null;

            default:
                throw new ArgumentOutOfRangeException(nameof(c));
        }
    }

    // ---- eUICC Packages ----

    private enum Gate
    {
        Accepted,
        Unsigned,
        CounterOutOfRange,
        Replay,
        EcallActive,
    }

    /// <summary>
    /// SGP.32 §5.9.1 (docs/iot.md#loadeuiccpackage-processing): unknown eIM or a signature over another association token -> unsigned
    /// error; counter above the maximum -> 6; counter not above the stored one -> replayError 4; emergency profile in
    /// use -> ecallActive 104. Only then is the counter stored and the list run.
    /// </summary>
    private Gate Admit(long counter, long? token)
    {
        if (!_model.EimPresent || token != _model.Token) return Gate.Unsigned;
        if (counter > TestEim.MaxCounterValue) return Gate.CounterOutOfRange;
        if (counter <= _model.Counter) return Gate.Replay;
        return _model.EmergencyActive ? Gate.EcallActive : Gate.Accepted;
    }

    /// <summary>State of one package run: how many switches happened (SGP.32 §3.4.1: one per package).</summary>
    private sealed class PackageRun
    {
        public int Switches { get; set; }
        public byte[] Raw { get; set; } = [];
        public bool GrantRollback { get; set; }
        public string? RollbackPrevious { get; set; }
    }

    /// <summary>A PSMO's rule: the codes the model allows, and the effect of an observed code.</summary>
    private delegate (int[] Allowed, Action<int> Apply) PsmoRule(PackageRun run);

    private string? Package(Psmo[] psmos, PsmoRule[] rules, EimFaults? faults = null)
    {
        var request = _rig.Eim.BuildEuiccPackage(psmos, faults: faults);
        var gate = Admit(request.CounterValue, _rig.Eim.AssociationToken);
        var info = _rig.Eim.VerifyEuiccPackageResult(_rig.Card.Send(request.Encoded), request);
        var failure = CheckGate(gate, info);
        if (failure is not null || gate != Gate.Accepted) return failure;

        _model.Counter = request.CounterValue;
        _accepted.Add((request, _model.Token));
        // §8.3 step 6: operations run in order and processing stops at the first failure.
        var run = new PackageRun { Raw = info.Raw };
        var count = 0;
        foreach (var rule in rules)
        {
            if (count == info.Results.Count)
                return $"{info.Results.Count} results for {rules.Length} operations: {string.Join(",", info.Results)}";
            var result = info.Results[count++];
            if (result.Code is not { } code) return $"result {count - 1} has no code: {result}";
            var (allowed, apply) = rule(run);
            if (!allowed.Contains(code)) return $"PSMO {count - 1}: " + Unexpected(code, allowed);
            apply(code);
            if (code != 0) break;
        }
        if (count != info.Results.Count) return $"{info.Results.Count} results, expected {count}: {string.Join(",", info.Results)}";
        if (run.GrantRollback)
        {
            _model.RollbackPrevious = run.RollbackPrevious;
            _model.RollbackResult = run.Raw;
        }
        return null;
    }

    private static string? CheckGate(Gate gate, EuiccPackageResultInfo info)
    {
        var (kind, code) = gate switch
        {
            Gate.Accepted => (EuiccPackageResultKind.Signed, (int?)null),
            Gate.Unsigned => (EuiccPackageResultKind.UnsignedError, null),
            Gate.CounterOutOfRange => (EuiccPackageResultKind.SignedError, 6),
            Gate.Replay => (EuiccPackageResultKind.SignedError, 4),
            _ => (EuiccPackageResultKind.SignedError, EcallActive),
        };
        if (info.Kind != kind || (kind == EuiccPackageResultKind.SignedError && info.ErrorCode != code))
            return $"package answered {info.Kind} {info.ErrorCode}, expected {kind} {code} ({gate})";
        // The test eIM also flags a result list cut short after a failed operation without a trailing
        // processingTerminated; whether SGP.32 §5.9.1 wants one there is not settled (docs/gaps.md), and the model checks
        // the stop-at-first-failure count itself, so that one remark is left out here.
        var problems = info.Problems.Where(p => !p.EndsWith("without processingTerminated", StringComparison.Ordinal)).ToList();
        if (problems.Count > 0) return "package result: " + string.Join("; ", problems);
        if (kind != EuiccPackageResultKind.UnsignedError && info.SignatureValid != true) return "package result signature does not verify";
        return null;
    }

    /// <summary>
    /// Enable PSMO, SGP.32 §3.4.1 (docs/iot.md#loadeuiccpackage-processing) with SGP.22 §5.7.16 codes: a second switch in the package
    /// fails; unknown ICCID 1; target not disabled 2; rollbackFlag without an enabled profile rollbackNotAvailable 20
    /// (its order against 1 is not given, so both are allowed when both apply). Success ends fallback and any earlier
    /// rollback grant; with rollbackFlag it grants rollback to the previously enabled profile.
    /// </summary>
    private (int[], Action<int>) EnablePsmo(PackageRun run, int profile, bool rollback)
    {
        var m = _model;
        var target = m.Find(IccidOf(profile));
        var current = m.Enabled;
        var allowed = run.Switches > 0 ? NonZero
            : rollback && current is null ? (target is null ? [1, 20] : [20])
            : target is null ? [1]
            : target.Enabled ? [2]
            : [0];
        run.Switches++;
        return (allowed, code =>
        {
            if (code != 0) return;
            IotModel.Switch(current, target);
            m.FallbackPrevious = null;
            m.ClearRollback();
            run.GrantRollback = rollback;
            run.RollbackPrevious = current?.Iccid;
        });
    }

    /// <summary>Disable PSMO (SGP.22 §5.7.17 codes): unknown 1, not enabled 2; success ends fallback and rollback.</summary>
    private (int[], Action<int>) DisablePsmo(PackageRun run, int profile)
    {
        var m = _model;
        var target = m.Find(IccidOf(profile));
        var allowed = run.Switches > 0 ? NonZero : target is null ? [1] : !target.Enabled ? [2] : [0];
        run.Switches++;
        return (allowed, code =>
        {
            if (code != 0) return;
            IotModel.Switch(target, null);
            m.FallbackPrevious = null;
            m.ClearRollback();
        });
    }

    /// <summary>
    /// Delete PSMO (SGP.22 §5.7.18 codes): unknown 1, not disabled 2. The profile ReturnFromFallback would go back to
    /// may be refused with returnFallbackProfile 21 (docs/iot.md#loadeuiccpackage-processing; when exactly is [unverified],
    /// so 21 or the plain outcome are both allowed). Not a switch: rollback and fallback records stay.
    /// </summary>
    private (int[], Action<int>) DeletePsmo(PackageRun run, int profile)
    {
        _ = run;
        var m = _model;
        var target = m.Find(IccidOf(profile));
        int[] allowed = target is null ? [1] : target.Enabled ? [2] : [0];
        if (m.FallbackPrevious == IccidOf(profile)) allowed = [.. allowed, 21];
        return (allowed, code =>
        {
            if (code == 0) m.Profiles.Remove(target!);
        });
    }

    /// <summary>setFallbackAttribute, SGP.32 §3.4.6: unknown 1, not fallbackAllowed 2, another holder enabled 3.</summary>
    private (int[], Action<int>) SetFallbackPsmo(int profile)
    {
        var m = _model;
        var target = m.Find(IccidOf(profile));
        var holder = m.FallbackHolder;
        int[] allowed = target is null ? [1]
            : !target.FallbackAllowed ? [2]
            : holder is not null && holder != target && holder.Enabled ? [3]
            : [0];
        return (allowed, code =>
        {
            if (code != 0) return;
            if (holder is not null) holder.FallbackAttribute = false;
            target!.FallbackAttribute = true; // at most one profile holds it
        });
    }

    /// <summary>unsetFallbackAttribute, SGP.32 §3.4.7: none set 2, holder enabled 3.</summary>
    private (int[], Action<int>) UnsetFallbackPsmo()
    {
        var holder = _model.FallbackHolder;
        int[] allowed = holder is null ? [2] : holder.Enabled ? [3] : [0];
        return (allowed, code =>
        {
            if (code == 0) holder!.FallbackAttribute = false;
        });
    }

    /// <summary>Sends an earlier accepted package again (or, before any, one with the stored counter): never accepted.</summary>
    private string? Replay(int pick)
    {
        EuiccPackageRequest request;
        long token;
        if (_accepted.Count == 0)
        {
            request = _rig.Eim.BuildEuiccPackage([Psmo.GetRat()], counter: _model.Counter);
            token = _rig.Eim.AssociationToken ?? 0;
        }
        else
        {
            (request, token) = _accepted[pick % _accepted.Count];
        }
        var gate = Admit(request.CounterValue, token);
        var info = TestEim.ParseEuiccPackageResult(_rig.Card.Send(request.Encoded));
        if (info.Kind == EuiccPackageResultKind.Signed)
            return $"replayed package (counter {request.CounterValue}, token {token}) was accepted";
        if (gate is not (Gate.Replay or Gate.Unsigned)) return $"model error: replay gate {gate}";
        return CheckGate(gate, _rig.Eim.VerifyEuiccPackageResult(info.Raw, request));
    }

    // ---- eUICCMemoryReset ----

    /// <summary>
    /// SGP.32 §5.9.5 (docs/preemption.md#priority): ecallActive 104 and nothing reset while the emergency profile is in use.
    /// resetResult covers profiles and the default SM-DP+ address: ok 0 when something went, else nothingToDelete 1;
    /// resetEimResult ok 0 / nothingToDelete 1; resetImmediateEnableConfigResult ok 0. Deleting the enabled profile
    /// ends fallback and rollback.
    /// </summary>
    private string? MemoryReset(MemoryResetOptions options)
    {
        var m = _model;
        var response = TestEim.ParseEuiccMemoryResetResponse(_rig.Card.Send(TestEim.BuildEuiccMemoryResetRequest(options)));
        MemoryResetResult expected;
        if (m.EmergencyActive)
        {
            expected = new MemoryResetResult(EcallActive, null, null);
        }
        else
        {
            // The model never sets a default SM-DP+ address and the card starts without one.
            var profilesGo = options.HasFlag(MemoryResetOptions.DeleteOperationalProfiles) && m.Profiles.Count > 0;
            expected = new MemoryResetResult(profilesGo ? 0 : 1,
                options.HasFlag(MemoryResetOptions.ResetEimConfigData) ? (m.EimPresent ? 0 : 1) : null,
                options.HasFlag(MemoryResetOptions.ResetImmediateEnableConfig) ? 0 : null);
        }
        if (response != expected) return $"memory reset answered {response}, expected {expected}";
        if (m.EmergencyActive) return null;
        if (options.HasFlag(MemoryResetOptions.DeleteOperationalProfiles))
        {
            if (m.Enabled is not null)
            {
                m.ClearRollback();
                m.FallbackPrevious = null;
            }
            m.Profiles.Clear();
        }
        if (options.HasFlag(MemoryResetOptions.ResetEimConfigData)) m.EimPresent = false;
        return null;
    }

    // ---- invariants ----

    private string? CheckInvariants()
    {
        var engine = _rig.Engine;
        var m = _model;
        if (engine.Profiles.Count(p => p.State == ProfileState.Enabled) > 1) return "more than one profile enabled";
        var card = string.Join(" ", engine.Profiles.OrderBy(p => p.Iccid.Digits, StringComparer.Ordinal)
            .Select(p => $"{p.Iccid.Digits}:{p.State}:{p.FallbackAttribute}"));
        var model = string.Join(" ", m.Profiles.OrderBy(p => p.Iccid, StringComparer.Ordinal)
            .Select(p => $"{p.Iccid}:{(p.Enabled ? ProfileState.Enabled : ProfileState.Disabled)}:{p.FallbackAttribute}"));
        if (card != model) return $"profiles on the card {card}, model {model}";
        if (engine.Settings.EmergencyActive != m.EmergencyActive)
            return $"card emergency active {engine.Settings.EmergencyActive}, model {m.EmergencyActive}";

        // The eIM counter never goes back within an association, and only accepted packages move it.
        if (m.EimPresent)
        {
            if (engine.Settings.Eims.Count != 1) return $"{engine.Settings.Eims.Count} eIMs on the card, expected 1";
            var counter = engine.Settings.Eims[0].Counter;
            if (counter < _lastSeenCounter) return $"eIM counter went back from {_lastSeenCounter} to {counter}";
            if (counter != m.Counter) return $"eIM counter {counter}, model {m.Counter}";
            _lastSeenCounter = counter;
        }
        else if (engine.Settings.Eims.Count != 0)
        {
            return "eIM configuration still present after its reset";
        }

        // SGP.32 §3.6 (docs/preemption.md#priority): while the emergency profile is enabled, packages, fallback and memory reset answer
        // ecallActive 104 (and change nothing, which the next round of checks sees).
        if (engine.EmergencyProfile is { State: ProfileState.Enabled })
        {
            if (m.EimPresent)
            {
                var request = _rig.Eim.BuildEuiccPackage([Psmo.Disable(I(0))]);
                var info = TestEim.ParseEuiccPackageResult(_rig.Card.Send(request.Encoded));
                if (info.Kind != EuiccPackageResultKind.SignedError || info.ErrorCode != EcallActive)
                    return $"package while the emergency profile is enabled: {info.Kind} {info.ErrorCode}";
            }
            var fallback =
                TestEim.ParseExecuteFallbackMechanismResponse(_rig.Card.Send(TestEim.BuildExecuteFallbackMechanismRequest(false)));
            if (fallback != EcallActive) return $"ExecuteFallbackMechanism while the emergency profile is enabled: {fallback}";
            var reset = TestEim.ParseEuiccMemoryResetResponse(_rig.Card.Send(TestEim.BuildEuiccMemoryResetRequest(
                MemoryResetOptions.DeleteOperationalProfiles | MemoryResetOptions.ResetEimConfigData)));
            if (reset != new MemoryResetResult(EcallActive, null, null))
                return $"memory reset while the emergency profile is enabled: {reset}";
            if (engine.Profiles.Count != m.Profiles.Count || engine.Settings.Eims.Count != (m.EimPresent ? 1 : 0))
                return "a refused command changed the card";
        }
        return null;
    }

    private static readonly int[] NonZero = [.. Enumerable.Range(1, 127)];

    private static string Unexpected(int code, int[] allowed) =>
        $"answered {code}, model allows "
            + $"{string.Join("/", allowed.Length > 10
                ? ["non-zero"]
                : allowed.Select(a => a.ToString(System.Globalization.CultureInfo.InvariantCulture)))}";

    private static string IccidOf(int profile) => IotModel.Iccids[profile];

    private static Iccid I(int profile) => Iccid.Parse(IotModel.Iccids[profile]);
}
