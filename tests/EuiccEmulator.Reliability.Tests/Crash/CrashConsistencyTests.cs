using System.Diagnostics;
using EuiccEmulator.Card;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Reliability.Tests.Support;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.State;
using EuiccEmulator.Storage.LiteDb;
using Xunit.Abstractions;

namespace EuiccEmulator.Reliability.Tests.Crash;

/// <summary>
/// Kills a card process (this assembly's <see cref="CrashChild"/> on a LiteDB store) with SIGKILL at random points,
/// reopens the store after each kill and checks that it is exactly the state before or after the interrupted commit,
/// with the protocol promises that follow from that.
/// </summary>
public sealed class CrashConsistencyTests(ITestOutputHelper output)
{
    private static int KillPoints => int.TryParse(Environment.GetEnvironmentVariable("EUICC_KILL_POINTS"), out var n) ? n : 200;

    [Fact]
    public void Sigkill_at_random_points_leaves_the_before_or_after_state_of_the_interrupted_commit()
    {
        var total = Stopwatch.StartNew();
        const int campaigns = 2;
        var stats = new KillStats();
        var failures = new List<string>();
        Parallel.For(0, campaigns, new ParallelOptions { MaxDegreeOfParallelism = campaigns }, c =>
        {
            var problems = RunCampaign(c, (KillPoints + campaigns - 1) / campaigns, stats);
            lock (failures) failures.AddRange(problems);
        });
        foreach (var failure in failures) output.WriteLine(failure);
        output.WriteLine($"{stats.Total} kill points in {total.Elapsed.TotalSeconds:F1} s: {stats}");
        Assert.Empty(failures);
        Assert.True(stats.Total >= KillPoints);
        Assert.True(stats.InsideCommit > 0, "no kill landed inside a commit");
        Assert.True(stats.InDownload > 0, "no kill landed inside a download");
    }

    private static List<string> RunCampaign(int campaign, int kills, KillStats stats)
    {
        var dir = Directory.CreateTempSubdirectory("euicc-crash-");
        var path = Path.Combine(dir.FullName, "card.db");
        var problems = new List<string>();
        using (var store = LiteDbCardStore.Open(path)) store.SaveIdentity(Rel.Identity);
        var random = new Random(1000 + campaign);
        var state = new History();
        try
        {
            for (var i = 0; i < kills && problems.Count == 0; i++)
            {
                var journal = RunAndKill(path, random.Next(), random);
                var where = Classify(journal);
                stats.Add(where);
                var problem = Verify(path, journal, state);
                if (problem is not null)
                {
                    problems.Add($"campaign {campaign} kill {i} ({where}): {problem}\n  journal tail: "
                        + $"{string.Join(" | ", journal.TakeLast(12))}");
                }
            }
        }
        finally
        {
            try { dir.Delete(recursive: true); } catch (IOException) { }
        }
        return problems;
    }

    /// <summary>Starts the child, lets it run a random number of journal lines (plus a random delay), then SIGKILLs it.</summary>
    private static List<string> RunAndKill(string store, int seed, Random random)
    {
        var assembly = typeof(CrashChild).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
            { "exec", assembly, "crash-child", store, seed.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var lines = new List<string>();
        var target = random.Next(1, 700);
        var ready = false;
        var deadline = Stopwatch.StartNew();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (lines) lines.Add("STDERR " + e.Data); };
        process.BeginErrorReadLine();
        var after = 0;
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            var line = process.StandardOutput.ReadLine();
            if (line is null) break;
            lock (lines) lines.Add(line);
            if (line.StartsWith("READY", StringComparison.Ordinal)) ready = true;
            if (ready && ++after >= target) break;
        }
        if (random.Next(2) == 0) Thread.SpinWait(random.Next(1, 200_000));
        try { process.Kill(); } catch (InvalidOperationException) { } // SIGKILL on Unix
        // Whatever the child wrote before it died is still in the pipe.
        string? rest;
        while ((rest = process.StandardOutput.ReadLine()) is not null) lock (lines) lines.Add(rest);
        if (!process.WaitForExit(10_000)) throw new TimeoutException("the child did not die");
        lock (lines) return [.. lines];
    }

    private static string Classify(List<string> journal)
    {
        var lastB = journal.FindLastIndex(l => l.StartsWith("B ", StringComparison.Ordinal));
        var lastE = journal.FindLastIndex(l => l == "E");
        var op = journal.LastOrDefault(l => l.StartsWith("OP ", StringComparison.Ordinal))?.Split(' ')[1] ?? "startup";
        if (lastB > lastE) return "commit:" + op;
        return op + (journal.Count > 0 && journal[^1] == "A" ? ":apdu" : ":between");
    }

    /// <summary>What the harness knows across kills.</summary>
    private sealed class History
    {
        public string? Digest;
        public long LastSeq;
        public long EimCounter;
        public byte[]? LastReturnedPackage;
        public int Runs;
    }

    private static string? Verify(string path, List<string> journal, History history)
    {
        if (journal.Any(l => l.StartsWith("INTERNAL", StringComparison.Ordinal)))
            return "the card reported an internal error: " + journal.First(l => l.StartsWith("INTERNAL", StringComparison.Ordinal));
        var readyLine = journal.FirstOrDefault(l => l.StartsWith("READY", StringComparison.Ordinal));
        if (readyLine is null) return "the child never got ready: " + string.Join(" | ", journal.Take(5));
        // The state at startup is the state the last verification saw.
        if (history.Digest is not null && readyLine[6..] != history.Digest)
            return $"state at startup {readyLine[6..]} is not the recovered {history.Digest}";

        // Expected: the after-state of the last completed commit, or (killed inside one) its before or after.
        var expectedDone = readyLine[6..];
        (string Before, string After)? pending = null;
        foreach (var line in journal)
        {
            if (line.StartsWith("B ", StringComparison.Ordinal)) { var p = line.Split(' '); pending = (p[1], p[2]); }
            else if (line == "E") { expectedDone = pending!.Value.After; pending = null; }
        }

        LiteDbCardStore store;
        try
        {
            store = LiteDbCardStore.Open(path);
        }
        catch (StoreException e)
        {
            return "the store does not open: " + e.Message;
        }
        using (store)
        {
            var digest = Rel.Digest(store);
            if (pending is { } pc ? digest != pc.Before && digest != pc.After : digest != expectedDone)
                return $"recovered {digest}, expected {(pending is { } q ? q.Before + " or " + q.After : expectedDone)}";

            var snapshot = store.Load();
            // No half-installed profile: every profile has its package.
            foreach (var p in snapshot.Profiles)
            {
                if (store.LoadPackage(p.Iccid) is not { } package || package.Length != p.PackageSize)
                    return $"profile {p.Iccid} without its package";
            }
            if (snapshot.Profiles.Count(p => p.State == ProfileState.Enabled) > 1) return "two profiles enabled";
            // Sequence numbers and eIM counters never go back.
            if (snapshot.Settings.LastSeqNumber < history.LastSeq) return "the sequence number went back";
            if (snapshot.Notifications.Any(n => n.SeqNumber > snapshot.Settings.LastSeqNumber)) return "a notification above the counter";
            var counter = snapshot.Settings.Eims.FirstOrDefault()?.Counter ?? 0;
            if (counter < history.EimCounter) return "the eIM counter went back";
            // Every sequence number a response carried before the kill is still counted.
            foreach (var line in journal.Where(l => l.StartsWith("N ", StringComparison.Ordinal)))
            {
                var s = long.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                if (s > snapshot.Settings.LastSeqNumber) return $"sequence number {s} was returned but is lost";
            }
            // Notifications listed after the last completed command are still there, unless the interrupted commit removed them.
            var lastN = journal.LastOrDefault(l => l.StartsWith("N ", StringComparison.Ordinal));
            var lastNIndex = journal.LastIndexOf(lastN ?? "\0");
            var commitAfterN = journal.Skip(lastNIndex + 1).Any(l => l.StartsWith("B ", StringComparison.Ordinal));
            if (lastN is not null && !commitAfterN)
            {
                var listed = lastN.Split(' ')[1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToHashSet();
                var kept = snapshot.Notifications.Select(n => n.SeqNumber).ToHashSet();
                if (!listed.SetEquals(kept)) return "the notification list changed without a commit";
            }

            // A package whose result was returned is never accepted again.
            var returned = journal.LastOrDefault(l => l.StartsWith("PKG ", StringComparison.Ordinal));
            if (returned is not null) history.LastReturnedPackage = Convert.FromHexString(returned.Split(' ')[2]);
            if (history.LastReturnedPackage is { } replay && snapshot.Settings.Eims.Count > 0)
            {
                using var euicc = new VirtualEuicc(store, Rel.Identity, CrashChild.Options);
                euicc.Card.PowerOn();
                Rel.SelectIsdR(euicc.Card);
                var (data, sw) = Rel.Es10(euicc.Card, replay);
                var result = TestEim.ParseEuiccPackageResult(data);
                if (sw != 0x9000 || result.Kind != EuiccPackageResultKind.SignedError || result.ErrorCode != 4)
                    return $"a returned package was accepted again ({sw:X4}, {result.Kind}, {result.ErrorCode})";
                if (Rel.Digest(store) != digest) return "the replayed package changed the state";
            }
            history.Digest = digest;
            history.LastSeq = snapshot.Settings.LastSeqNumber;
            history.EimCounter = counter;
            history.Runs++;
        }
        return null;
    }

    private sealed class KillStats
    {
        private readonly Dictionary<string, int> _where = [];

        public int Total { get { lock (_where) return _where.Values.Sum(); } }

        public int InsideCommit
        {
            get { lock (_where) return _where.Where(kv => kv.Key.StartsWith("commit:", StringComparison.Ordinal)).Sum(kv => kv.Value); }
        }

        public int InDownload
        {
            get { lock (_where) return _where.Where(kv => kv.Key.Contains("download", StringComparison.Ordinal)).Sum(kv => kv.Value); }
        }

        public void Add(string where)
        {
            lock (_where) _where[where] = _where.GetValueOrDefault(where) + 1;
        }

        public override string ToString()
        {
            lock (_where)
                return string.Join(", ", _where.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
        }
    }
}
