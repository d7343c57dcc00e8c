using System.Diagnostics;
using System.Globalization;
using EuiccEmulator.Card;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;
using EuiccEmulator.Storage.LiteDb;
using EuiccEmulator.Vpcd;

namespace EuiccEmulator.Benchmarks;

/// <summary>
/// Idle memory per card: managed heap (GC.GetTotalMemory after a full collection) and process working set, before and
/// after opening N cards, for each way of holding a card's store.
/// </summary>
public static class MemoryProbe
{
    private static readonly byte[] s_getEid = [0x80, 0xE2, 0x91, 0x00, 0x06, 0xBF, 0x3E, 0x03, 0x5C, 0x01, 0x5A, 0x00];

    private static readonly byte[] s_selectIsdR = Convert.FromHexString("00A4040C10A0000005591010FFFFFFFF8900000100");

    public static int Run(int cards)
    {
        var dir = Directory.CreateTempSubdirectory("euicc-mem-").FullName;
        try
        {
            var watch = Stopwatch.StartNew();
            var identities = new CardIdentityRecord[cards];
            Parallel.For(0, cards, i => identities[i] = CardIdentityFactory.Create(
                Eid.WithCheckDigits(string.Create(CultureInfo.InvariantCulture, $"8904903200000000000000{i:D8}"))));
            Console.WriteLine($"minted {cards} identities in {watch.Elapsed.TotalSeconds:F2} s");
            Measure("in-memory store", cards, dir, identities, i => new InMemoryCardStore(), withVpcd: false);
            Measure("LiteDB store, engine kept open", cards, dir, identities,
                i => LiteDbCardStore.Open(Path.Combine(dir, $"open-{i}.db")), withVpcd: false);
            Measure("LiteDB store, released when idle (fleet), no file yet", cards, dir, identities,
                i => LiteDbCardStore.Open(Path.Combine(dir, $"lazy-{i}.db"),
                    new LiteDbStoreOptions { ReleaseWhenIdle = true, IdleCheckpoint = TimeSpan.FromMilliseconds(200) }),
                withVpcd: false);
            Measure("LiteDB store, released when idle, existing file (the 'open' stores above)", cards, dir, identities,
                i => LiteDbCardStore.Open(Path.Combine(dir, $"open-{i}.db"),
                    new LiteDbStoreOptions { ReleaseWhenIdle = true, IdleCheckpoint = TimeSpan.FromMilliseconds(200) }),
                withVpcd: false);
            Measure("as previous, plus a VpcdClient per card (not connected)", cards, dir, identities,
                i => LiteDbCardStore.Open(Path.Combine(dir, $"open-{i}.db"),
                    new LiteDbStoreOptions { ReleaseWhenIdle = true, IdleCheckpoint = TimeSpan.FromMilliseconds(200) }),
                withVpcd: true);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return 0;
    }

    private static void Measure(
        string what, int cards, string dir, CardIdentityRecord[] identities, Func<int, ICardStore> open, bool withVpcd)
    {
        var (heap0, ws0) = Snapshot();
        var held = new List<(ICardStore Store, VirtualEuicc Euicc, VpcdClient? Client)>(cards);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < cards; i++)
        {
            var store = open(i);
            var euicc = new VirtualEuicc(store, identities[i]);
            euicc.Card.PowerOn();
            euicc.Card.Transmit(s_selectIsdR);
            var response = euicc.Card.Transmit(s_getEid);
            if (response[^2] != 0x90) throw new InvalidOperationException("GetEID failed");
            held.Add((store, euicc, withVpcd ? new VpcdClient(euicc.Card) : null));
        }
        var opened = watch.Elapsed;
        Thread.Sleep(1000); // let idle stores release their engines
        var (heap1, ws1) = Snapshot();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {cards} cards opened in {opened.TotalSeconds:F2} s; managed heap +{(heap1 - heap0) / 1024.0 / cards:F1} KB/card, "
                + $"working set +{(ws1 - ws0) / 1024.0 / cards:F1} KB/card"));
        GC.KeepAlive(held);
        foreach (var (store, euicc, _) in held)
        {
            euicc.Dispose();
            store.Dispose();
        }
        held.Clear();
    }

    private static (long Heap, long WorkingSet) Snapshot()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }
}
