using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
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
/// after opening N cards, for each way of holding a card's store; then the cards as <c>serve --cards N</c> runs them,
/// each connected to vpcd over loopback (this probe plays vpcd), idle and then all answering GetEID at once.
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
            MeasureConnected(cards, dir, identities, rounds: 10);
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

    /// <summary>
    /// Every card with a <see cref="VpcdClient"/> connected to this probe over loopback (the fleet's stores), powered on
    /// and idle: managed heap, working set and threads per card; then every card sent GetEID at once, round after round,
    /// each answer's latency taken from its own send.
    /// </summary>
    private static void MeasureConnected(int cards, string dir, CardIdentityRecord[] identities, int rounds)
    {
        using var process = Process.GetCurrentProcess();
        var (heap0, ws0) = Snapshot();
        var threads0 = Threads(process);
        var held = new List<(ICardStore Store, VirtualEuicc Euicc)>(cards);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(cards);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        var runs = new List<Task>(cards);
        var sockets = new List<Socket>(cards);
        try
        {
            var watch = Stopwatch.StartNew();
            var accepting = Task.Run(async () =>
            {
                for (var i = 0; i < cards; i++)
                {
                    var socket = await listener.AcceptSocketAsync().ConfigureAwait(false);
                    socket.NoDelay = true;
                    sockets.Add(socket);
                }
            });
            for (var i = 0; i < cards; i++)
            {
                var store = LiteDbCardStore.Open(Path.Combine(dir, $"open-{i}.db"),
                    new LiteDbStoreOptions { ReleaseWhenIdle = true, IdleCheckpoint = TimeSpan.FromMilliseconds(200) });
                var euicc = new VirtualEuicc(store, identities[i]);
                held.Add((store, euicc));
                runs.Add(new VpcdClient(euicc.Card, new VpcdClientOptions { Host = "127.0.0.1", Port = port }).RunAsync(stop.Token));
            }
            if (!accepting.Wait(TimeSpan.FromSeconds(60))) throw new TimeoutException($"{sockets.Count} of {cards} cards connected");
            // Power on (no answer), SELECT ISD-R, GetEID: each card is up and answers its own EID.
            Task.WaitAll(sockets.Select(async (socket, i) =>
            {
                await socket.SendAsync(new byte[] { 0x00, 0x01, 0x01 }).ConfigureAwait(false);
                var select = await Exchange(socket, s_selectIsdR).ConfigureAwait(false);
                var eid = await Exchange(socket, s_getEid).ConfigureAwait(false);
                if (select is not [0x90, 0x00] || eid[^2] != 0x90) throw new InvalidOperationException("SELECT or GetEID failed over vpcd");
            }));
            var opened = watch.Elapsed;
            Thread.Sleep(1000); // idle: stores release their engines, nothing should run
            var cpu0 = process.TotalProcessorTime;
            Thread.Sleep(1000);
            process.Refresh();
            var idleCpu = process.TotalProcessorTime - cpu0;
            var (heap1, ws1) = Snapshot();
            var threads1 = Threads(process);
            var heapKb = (heap1 - heap0) / 1024.0 / cards;
            var wsKb = (ws1 - ws0) / 1024.0 / cards;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"as previous, each VpcdClient connected to vpcd over loopback, powered on and idle: {cards} cards up in "
                    + $"{opened.TotalSeconds:F2} s; managed heap +{heapKb:F1} KB/card, working set +{wsKb:F1} KB/card "
                    + $"(both counting this probe's own {cards} vpcd-side sockets too); threads {threads0} -> {threads1}; "
                    + $"CPU while idle {idleCpu.TotalMilliseconds:F0} ms in 1 s"));
            var threadBound = Math.Max(16, cards / 10);
            var met = heapKb <= 32 && wsKb <= 32 && threads1 - threads0 < threadBound;
            // Below 1,000 cards the per-card working set is mostly the heap's own growth: a smoke run, not judged.
            var verdict = cards < 1000 ? "not judged below 1000 cards" : met ? "met" : "NOT met";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"idle card with its vpcd connection: {heapKb:F1} KB managed heap, {wsKb:F1} KB working set per card, "
                    + $"{threads1 - threads0:+0;-0;0} threads for {cards} cards (target <= 32 KB per idle card, fewer than "
                    + $"{threadBound} threads added: {verdict})"));

            // All cards at once: every round sends GetEID to every card before any answer is awaited.
            var latencies = new double[rounds * cards];
            var peakThreads = threads1;
            var measured = TimeSpan.Zero;
            for (var round = -1; round < rounds; round++)
            {
                var r = round;
                var roundStart = Stopwatch.GetTimestamp();
                Task.WaitAll(sockets.Select(async (socket, i) =>
                {
                    var start = Stopwatch.GetTimestamp();
                    var response = await Exchange(socket, s_getEid).ConfigureAwait(false);
                    var us = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                    if (response[^2] != 0x90) throw new InvalidOperationException("GetEID failed over vpcd");
                    if (r >= 0) latencies[(r * cards) + i] = us; // round -1 warms up
                }));
                if (round >= 0) measured += Stopwatch.GetElapsedTime(roundStart);
                peakThreads = Math.Max(peakThreads, Threads(process));
            }
            Array.Sort(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{cards} cards answering GetEID concurrently over loopback vpcd ({rounds} rounds, {latencies.Length} answers): "
                    + $"median {Us(latencies[latencies.Length / 2])}, p99 {Us(latencies[(int)(latencies.Length * 0.99)])}, "
                    + $"max {Us(latencies[^1])}; {latencies.Length / measured.TotalSeconds:F0} answers/s; threads at most {peakThreads}"));
        }
        finally
        {
            stop.Cancel();
            foreach (var socket in sockets) socket.Dispose();
            Task.WaitAll([.. runs], TimeSpan.FromSeconds(30));
            foreach (var (store, euicc) in held)
            {
                euicc.Dispose();
                store.Dispose();
            }
        }
    }

    private static int Threads(Process process)
    {
        process.Refresh();
        return process.Threads.Count;
    }

    private static string Us(double us) => us >= 1000
        ? (us / 1000).ToString("F2", CultureInfo.InvariantCulture) + " ms"
        : us.ToString("F0", CultureInfo.InvariantCulture) + " µs";

    private static async Task<byte[]> Exchange(Socket socket, byte[] apdu)
    {
        var frame = new byte[2 + apdu.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)apdu.Length);
        apdu.CopyTo(frame, 2);
        await socket.SendAsync(frame).ConfigureAwait(false);
        var header = await Receive(socket, 2).ConfigureAwait(false);
        return await Receive(socket, BinaryPrimitives.ReadUInt16BigEndian(header)).ConfigureAwait(false);
    }

    private static async Task<byte[]> Receive(Socket socket, int length)
    {
        var buffer = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read)).ConfigureAwait(false);
            if (n == 0) throw new IOException("the card closed its vpcd connection");
            read += n;
        }
        return buffer;
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
