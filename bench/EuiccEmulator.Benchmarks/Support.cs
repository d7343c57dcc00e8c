using System.Diagnostics;
using System.Globalization;
using EuiccEmulator.Card;
using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;
using EuiccEmulator.Storage.LiteDb;

namespace EuiccEmulator.Benchmarks;

/// <summary>
/// Operations run in each benchmark's global set-up before anything is measured. The card benchmarks take one
/// invocation per iteration, so without this their card code would still run as the JIT's first, unoptimised tier
/// while the floors (thousands of invocations) run optimised: a long-serving card is measured, not a cold one.
/// </summary>
public static class Warmup
{
    /// <summary>EUICC_BENCH_WARMUP, set by the suite (0 under --dry and in the unit tests).</summary>
    public static int Count =>
        int.TryParse(Environment.GetEnvironmentVariable("EUICC_BENCH_WARMUP"), CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>Runs <paramref name="operation"/> <see cref="Count"/> times, then gives the JIT's background tier time to land.</summary>
    public static void Run(Action operation)
    {
        var n = Count;
        if (n <= 0) return;
        for (var i = 0; i < n; i++) operation();
        Thread.Sleep(300);
        CardClock.Discard();
    }
}

/// <summary>Where the card under test keeps its state.</summary>
public enum StoreKind
{
    Memory,
    LiteDb,
}

/// <summary>
/// Time spent inside the card (ICard.Transmit) and inside durable commits, per benchmark invocation, so that the
/// report can set the card's own share against its crypto floor (the LPA and SM-DP+ run in the same invocation).
/// </summary>
public static class CardClock
{
    private static long s_card;
    private static long s_commit;
    private static int s_commits;
    private static readonly List<(long Card, long Commit, int Commits)> s_samples = [];

    public static void Begin()
    {
        s_card = 0;
        s_commit = 0;
        s_commits = 0;
    }

    public static void End() => s_samples.Add((s_card, s_commit, s_commits));

    /// <summary>The card time of the last operation between <see cref="Begin"/> and <see cref="End"/>.</summary>
    public static double LastCardMicroseconds => s_samples[^1].Card * 1e6 / Stopwatch.Frequency;

    /// <summary>Drops the samples taken so far (a set-up's own calls are not the benchmark's).</summary>
    public static void Discard() => s_samples.Clear();

    internal static void AddCard(long ticks) => s_card += ticks;

    internal static void AddCommit(long ticks)
    {
        s_commit += ticks;
        s_commits++;
    }

    /// <summary>Writes the medians for <paramref name="benchmark"/> where the host process reads them (EUICC_BENCH_OUT).</summary>
    public static void Flush(string benchmark)
    {
        var dir = Environment.GetEnvironmentVariable("EUICC_BENCH_OUT");
        if (string.IsNullOrEmpty(dir) || s_samples.Count == 0) return;
        static double Median(IEnumerable<long> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2.0;
        }
        var toUs = 1e6 / Stopwatch.Frequency;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{Median(s_samples.Select(s => s.Card)) * toUs:F1} {Median(s_samples.Select(s => s.Commit)) * toUs:F1} "
                + $"{s_samples.Max(s => s.Commits)} {s_samples.Count}");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, benchmark + ".txt"), line);
        s_samples.Clear();
    }
}

/// <summary>Times every APDU the card handles.</summary>
public sealed class TimedCard(ICard inner) : ICard
{
    public ReadOnlyMemory<byte> Atr => inner.Atr;

    public void PowerOn() => inner.PowerOn();

    public void PowerOff() => inner.PowerOff();

    public void Reset() => inner.Reset();

    public byte[] Transmit(ReadOnlySpan<byte> commandApdu)
    {
        var start = Stopwatch.GetTimestamp();
        var response = inner.Transmit(commandApdu);
        CardClock.AddCard(Stopwatch.GetTimestamp() - start);
        return response;
    }
}

/// <summary>Counts and times durable commits; everything else passes through.</summary>
public sealed class TimedStore(ICardStore inner) : ICardStore, IIdentityStore
{
    public int Commits { get; private set; }

    public int Loads { get; private set; }

    public int PackageLoads { get; private set; }

    public CardSnapshot Load()
    {
        Loads++;
        return inner.Load();
    }

    public void Commit(StateChange change)
    {
        var start = Stopwatch.GetTimestamp();
        inner.Commit(change);
        CardClock.AddCommit(Stopwatch.GetTimestamp() - start);
        Commits++;
    }

    public byte[]? LoadPackage(Iccid iccid)
    {
        PackageLoads++;
        return inner.LoadPackage(iccid);
    }

    public CardIdentityRecord? LoadIdentity() => ((IIdentityStore)inner).LoadIdentity();

    public void SaveIdentity(CardIdentityRecord identity) => ((IIdentityStore)inner).SaveIdentity(identity);

    public void Dispose() => inner.Dispose();
}

/// <summary>A card under test on the chosen store, with its APDU port timed.</summary>
public sealed class BenchCard : IDisposable
{
    private static readonly Lazy<CardIdentityRecord> s_p256 = new(() =>
        CardIdentityFactory.Create(Eid.Parse("89049032123451234512345678901235")));
    private static readonly Lazy<CiBundle> s_brainpoolCi = new(() =>
        PrivateCiFactory.Create(new PrivateCiOptions { Curve = EcCurve.BrainpoolP256r1 }));
    private static readonly Lazy<CardIdentityRecord> s_brainpool = new(() =>
        CardIdentityFactory.Create(Eid.Parse("89049032123451234512345678901235"),
            new CardIdentityOptions { Chains = [s_brainpoolCi.Value] }));

    private readonly string? _dir;

    public BenchCard(StoreKind kind, EcCurve curve = EcCurve.NistP256)
    {
        ICardStore inner;
        if (kind == StoreKind.LiteDb)
        {
            _dir = System.IO.Directory.CreateTempSubdirectory("euicc-bench-").FullName;
            inner = LiteDbCardStore.Open(Path.Combine(_dir, "card.db"));
        }
        else
        {
            inner = new InMemoryCardStore();
        }
        Store = new TimedStore(inner);
        Identity = curve == EcCurve.BrainpoolP256r1 ? s_brainpool.Value : s_p256.Value;
        Euicc = new VirtualEuicc(Store, Identity, new CardOptions { ProfileMemory = 1L << 40 });
        Card = new TimedCard(Euicc.Card);
        Card.PowerOn();
    }

    public static CiBundle BrainpoolCi => s_brainpoolCi.Value;

    /// <summary>The temp directory of a LiteDB store, null in memory.</summary>
    public string? Directory => _dir;

    public CardIdentityRecord Identity { get; }

    public TimedStore Store { get; }

    public VirtualEuicc Euicc { get; }

    public TimedCard Card { get; }

    public TestSmdp NewSmdp(EcCurve curve) => curve == EcCurve.BrainpoolP256r1
        ? new TestSmdp(TestSmdpOptions.ForPrivateCi(BrainpoolCi) with { Curve = EcCurve.BrainpoolP256r1 })
        : new TestSmdp();

    public ProfileRecord AddProfile(string iccid) => Euicc.Engine.AddPreLoadedProfile(new ProfileRecord
    {
        Iccid = Iccid.Parse(iccid),
        IsdpAid = [],
        ServiceProviderName = "Bench SP",
        ProfileName = "Bench " + iccid[^4..],
        NotificationConfigs = [],
    }, [0xA0, 0x00]);

    /// <summary>Deletes a disabled profile, outside any measured call (a download's clean-up).</summary>
    public void DeleteProfile(Iccid iccid)
    {
        if (Euicc.Engine.Find(iccid) is null) return;
        var result = Euicc.Engine.Delete(ProfileSelector.ByIccid(iccid));
        if (result != DeleteResult.Ok) throw new InvalidOperationException($"clean-up: deleting {iccid} gave {result}");
    }

    /// <summary>Acknowledges every pending notification and eUICC Package Result, as the LPA or eIM would.</summary>
    public void RemoveNotifications()
    {
        foreach (var seq in Euicc.Engine.Notifications.Select(n => n.SeqNumber).ToArray())
        {
            var result = Euicc.Engine.RemoveNotification(seq);
            if (result != NotificationSentResult.Ok)
                throw new InvalidOperationException($"clean-up: removing notification {seq} gave {result}");
        }
    }

    public void Dispose()
    {
        Euicc.Dispose();
        Store.Dispose();
        if (_dir is not null) System.IO.Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>Profiles to download: a fresh ICCID each time (a card refuses a second profile with the same ICCID).</summary>
public static class Profiles
{
    private static long s_next = 100_000;

    public static string NextIccid() => string.Create(CultureInfo.InvariantCulture, $"89000{Interlocked.Increment(ref s_next):D15}");

    public static DownloadRequest Request(int size)
    {
        var iccid = NextIccid();
        return new DownloadRequest
        {
            Upp = ProfilePackageBuilder.BuildUsim(new UsimProfileParameters
            {
                Iccid = Iccid.Parse(iccid),
                Imsi = "001010000000123",
                K = Convert.FromHexString("000102030405060708090A0B0C0D0E0F"),
                Opc = Convert.FromHexString("101112131415161718191A1B1C1D1E1F"),
                TargetSize = size,
            }),
            Metadata = new ProfileMetadata
            {
                Iccid = Iccid.Parse(iccid),
                ServiceProviderName = "Bench Operator",
                ProfileName = "Bench " + iccid[^4..],
                ProfileClass = ProfileClass.Operational,
                NotificationConfigs = [],
            },
        };
    }
}
