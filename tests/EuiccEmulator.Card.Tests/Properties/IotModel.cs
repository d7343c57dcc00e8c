using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.State;
using EuiccEmulator.Storage.LiteDb;
using MemoryResetOptions = EuiccEmulator.Rsp.Codes.IotMemoryResetOptions;
using MemoryResetResult = EuiccEmulator.Peers.Eim.IotMemoryResetResponse;

namespace EuiccEmulator.Card.Tests.Properties;

/// <summary>The commands of the IoT model test; profile arguments index <see cref="IotModel.Iccids"/>.</summary>
internal enum IotCommandKind
{
    Enable,
    Disable,
    Delete,
    DoubleEnable,
    SetFallback,
    UnsetFallback,
    ExecuteFallback,
    ReturnFromFallback,
    EnableEmergency,
    DisableEmergency,
    Rollback,
    MemoryReset,
    Replay,
    CounterTooHigh,
    Reassociate,
    Restart,
}

internal sealed record IotCommand(
    IotCommandKind Kind, int Profile = 0, int Other = 0, bool Flag = false, MemoryResetOptions Reset = MemoryResetOptions.None)
{
    public override string ToString() => Kind switch
    {
        IotCommandKind.Enable => $"Enable({Profile}{(Flag ? ", rollback" : "")})",
        IotCommandKind.Disable or IotCommandKind.Delete or IotCommandKind.SetFallback => $"{Kind}({Profile})",
        IotCommandKind.DoubleEnable => $"DoubleEnable({Profile}, {Other})",
        IotCommandKind.ExecuteFallback or IotCommandKind.ReturnFromFallback or IotCommandKind.EnableEmergency
            or IotCommandKind.DisableEmergency or IotCommandKind.Rollback => $"{Kind}(refresh={Flag})",
        IotCommandKind.MemoryReset => $"MemoryReset({Reset})",
        IotCommandKind.Replay => $"Replay(#{Other})",
        _ => Kind.ToString(),
    };
}

/// <summary>The start of a run: how many profiles (profile 0 is the eCall profile) and which may be fallback profiles.</summary>
internal sealed record IotSetup(int ProfileCount, bool[] FallbackAllowed)
{
    public override string ToString() =>
        $"{ProfileCount} profiles, fallbackAllowed: {string.Join(",", Enumerable.Range(0, ProfileCount).Where(i => FallbackAllowed[i]))}";
}

internal sealed class ModelProfile
{
    public required string Iccid { get; init; }
    public required bool FallbackAllowed { get; init; }
    public required bool Ecall { get; init; }
    public bool Enabled { get; set; }
    public bool FallbackAttribute { get; set; }
}

/// <summary>
/// Reference model of the IoT card state (SGP.32, as in docs/iot.md and docs/preemption.md). It holds only what the rules
/// need; notifications, seqNumbers and the REFRESH mechanics are the card's own business and are not modelled.
/// </summary>
internal sealed class IotModel
{
    /// <summary>Profile 0 carries ecallIndication; the others are ordinary operational profiles.</summary>
    public static readonly string[] Iccids = [IotCard.Emergency, IotCard.A, IotCard.B, "89000123456789012374"];

    public IotModel(IotSetup setup)
    {
        for (var i = 0; i < setup.ProfileCount; i++)
            Profiles.Add(new ModelProfile { Iccid = Iccids[i], Ecall = i == 0, FallbackAllowed = setup.FallbackAllowed[i] });
    }

    /// <summary>Installed profiles.</summary>
    public List<ModelProfile> Profiles { get; } = [];

    /// <summary>The profile ReturnFromFallback goes back to (SGP.32 §5.9.21), null when not in fallback.</summary>
    public string? FallbackPrevious { get; set; }

    /// <summary>Set by EnableEmergencyProfile, cleared by DisableEmergencyProfile (SGP.32 §5.9.22-23).</summary>
    public bool EmergencyActive { get; set; }

    /// <summary>The profile DisableEmergencyProfile re-enables (docs/preemption.md#emergency-profile).</summary>
    public string? EmergencyPrevious { get; set; }

    /// <summary>Rollback grant: the profile ProfileRollback re-enables, null when not granted (docs/preemption.md#rollback).</summary>
    public string? RollbackPrevious { get; set; }

    /// <summary>The signed EuiccPackageResult of the granting package, which ProfileRollback returns (SGP.32 §5.9.16).</summary>
    public byte[]? RollbackResult { get; set; }

    /// <summary>Whether the eIM is associated (false after a reset of the eIM configuration data).</summary>
    public bool EimPresent { get; set; } = true;

    /// <summary>The last counterValue the card accepted from the eIM in this association (docs/iot.md#counter-values).</summary>
    public long Counter { get; set; }

    /// <summary>The association token of the current association.</summary>
    public long Token { get; set; }

    /// <summary>Every token the card ever assigned: a new association must never reuse one, or old packages would verify again.</summary>
    public HashSet<long> UsedTokens { get; } = [];

    public ModelProfile? Find(string iccid) => Profiles.Find(p => p.Iccid == iccid);

    public ModelProfile? Enabled => Profiles.Find(p => p.Enabled);

    public ModelProfile? FallbackHolder => Profiles.Find(p => p.FallbackAttribute);

    public ModelProfile? EcallProfile => Profiles.Find(p => p.Ecall);

    /// <summary>Disables <paramref name="from"/> and enables <paramref name="to"/> (either may be null).</summary>
    public static void Switch(ModelProfile? from, ModelProfile? to)
    {
        if (from is not null) from.Enabled = false;
        if (to is not null) to.Enabled = true;
    }

    /// <summary>Every switch but a granting enable ends the rollback grant (docs/preemption.md#switch-side-effects).</summary>
    public void ClearRollback()
    {
        RollbackPrevious = null;
        RollbackResult = null;
    }

    public override string ToString() =>
        string.Join(" ", Profiles.Select(p => $"{p.Iccid[^4..]}{(p.Enabled ? "E" : "d")}{(p.FallbackAttribute ? "F" : "")}"))
        + $" fbPrev={FallbackPrevious?[^4..]} emerg={EmergencyActive}/{EmergencyPrevious?[^4..]} rb={RollbackPrevious?[^4..]}"
        + $" eim={EimPresent} counter={Counter} token={Token}";
}

/// <summary>
/// An <see cref="IotCard"/> on a LiteDB file that can be restarted: the card is disposed and a new one opened on the
/// same file, while the eIM keeps its counter and token (its key is the fixed SGP.26 test key).
/// </summary>
internal sealed class IotRig : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"iotmodel-{Guid.NewGuid():N}.db");
    private LiteDbCardStore _store;

    public IotRig()
    {
        _store = LiteDbCardStore.Open(_path);
        Card = new IotCard(store: _store);
    }

    public IotCard Card { get; private set; }

    public TestEim Eim => Card.Eim;

    public CardEngine Engine => Card.Engine;

    public void Restart()
    {
        var token = Card.Eim.AssociationToken;
        var counter = Card.Eim.LastCounter;
        Card.Dispose();
        _store.Dispose();
        _store = LiteDbCardStore.Open(_path);
        Card = new IotCard(store: _store, associate: false);
        Card.Eim.AssociationToken = token;
        Card.Eim.LastCounter = counter;
        Card.Eim.TrustEuiccCertificate(TestIdentity.Identity.SigningChains[0].EuiccCertificate);
    }

    public void Dispose()
    {
        Card.Dispose();
        _store.Dispose();
        File.Delete(_path);
        File.Delete(_path + ".lock");
    }
}
