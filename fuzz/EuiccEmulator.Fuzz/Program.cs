using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using SharpFuzz;

namespace EuiccEmulator.Fuzz;

/// <summary>
/// Fuzzing entry points. Under libFuzzer or AFL (SharpFuzz): --libfuzzer TARGET / --afl TARGET.
/// For CI: --all (or --target NAME) --seconds N [--corpus DIR] [--seed S] [--timeout-ms T] runs a coverage-free
/// mutation loop per target and exits 1 on any failure. --replay DIR runs every file under DIR/TARGET/ once.
/// </summary>
public static class Program
{
    private const string Usage =
        "usage: EuiccEmulator.Fuzz (--all | --target NAME) --seconds N [--corpus DIR] [--seed S] [--timeout-ms T]\n" +
        "       EuiccEmulator.Fuzz --replay DIR          (files under DIR/<target>/, e.g. fuzz/regressions)\n" +
        "       EuiccEmulator.Fuzz --write-seeds DIR     (each target's seeds into DIR/<target>/)\n" +
        "       EuiccEmulator.Fuzz --libfuzzer NAME | --afl NAME\n" +
        "targets: apdu, es10, bpp, bpp-mac, saip, uicc";

    public static int Main(string[] args)
    {
        try
        {
            return Run(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
    }

    private static int Run(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            if (i < 0) return null;
            return i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{name}: needs a value");
        }
        int IntValue(string name, int fallback) => Value(name) is { } v
            ? int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
                ? n
                : throw new ArgumentException($"{name}: '{v}' is not a number")
            : fallback;
        IFuzzTarget Target(string name) => Targets.Find(name) ?? throw new ArgumentException($"unknown target '{name}'");

        if (Value("--libfuzzer") is { } lib)
        {
            var target = Target(lib);
            Fuzzer.LibFuzzer.Run(span => target.Run(span));
            return 0;
        }
        if (Value("--afl") is { } afl)
        {
            var target = Target(afl);
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                target.Run(memory.ToArray());
            });
            return 0;
        }
        if (Value("--replay") is { } replay) return Replay(replay, TimeSpan.FromMilliseconds(IntValue("--timeout-ms", 10000)));
        if (Value("--write-seeds") is { } seedDir) return WriteSeeds(seedDir);

        var targets = args.Contains("--all") ? Targets.All()
            : Value("--target") is { } one ? [Target(one)]
            : throw new ArgumentException("give --all or --target NAME");
        var seconds = IntValue("--seconds", 10);
        var timeout = TimeSpan.FromMilliseconds(IntValue("--timeout-ms", 5000));
        var seed = IntValue("--seed", RandomNumberGenerator.GetInt32(int.MaxValue));
        var corpus = Value("--corpus");
        Console.WriteLine($"fuzz: seed {seed}, {seconds} s per target, timeout {timeout.TotalMilliseconds} ms per input");
        var failures = 0;
        foreach (var target in targets)
            failures += new MutationLoop(target, seed, timeout, corpus).Run(TimeSpan.FromSeconds(seconds));
        Console.WriteLine(failures == 0 ? "fuzz: no failures" : $"fuzz: {failures} failing target(s)");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Writes each target's seeds to DIR/TARGET/seed-NNNN (the starting corpus of a coverage-guided run).</summary>
    private static int WriteSeeds(string directory)
    {
        foreach (var target in Targets.All())
        {
            var dir = Path.Combine(directory, target.Name);
            Directory.CreateDirectory(dir);
            var i = 0;
            foreach (var seed in target.Seeds()) File.WriteAllBytes(Path.Combine(dir, $"seed-{i++:D4}"), seed);
            Console.WriteLine($"{target.Name}: {i} seeds");
        }
        return 0;
    }

    /// <summary>
    /// Runs every saved input (fuzz/regressions/TARGET/*) once; 1 when any still fails. An input running longer than
    /// the timeout is a hang: reported, and the process exits 1 at once (the hung call cannot be stopped).
    /// </summary>
    private static int Replay(string directory, TimeSpan timeout)
    {
        var failed = 0;
        var count = 0;
        string? running = null;
        long started = 0;
        var watchdog = new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(50);
                var t = Interlocked.Read(ref started);
                if (t != 0 && Stopwatch.GetElapsedTime(t) > timeout)
                {
                    Console.WriteLine($"{Volatile.Read(ref running)}: HANG (> {timeout.TotalMilliseconds} ms)");
                    Console.Out.Flush();
                    Environment.Exit(1);
                }
            }
        }) { IsBackground = true };
        watchdog.Start();
        foreach (var target in Targets.All())
        {
            var dir = Path.Combine(directory, target.Name);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
            {
                count++;
                Volatile.Write(ref running, file);
                Interlocked.Exchange(ref started, Stopwatch.GetTimestamp());
                try
                {
                    target.Run(File.ReadAllBytes(file));
                }
#pragma warning disable CA1031 // report every failure, whatever it is
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failed++;
                    Console.WriteLine($"{file}: {e.GetType().Name}: {e.Message}");
                }
                finally
                {
                    Interlocked.Exchange(ref started, 0);
                }
            }
        }
        Console.WriteLine($"replay: {count} inputs, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}

/// <summary>A coverage-free mutation loop over a target's seeds, with a watchdog for hangs.</summary>
internal sealed class MutationLoop(IFuzzTarget target, int seed, TimeSpan timeout, string? corpus)
{
    private const int MaxInput = 64 * 1024;
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0x81, 0x82, 0x83, 0xFF, 0xBF, 0x30, 0xA0, 0x04, 0x5A, 0x61, 0x90];

#pragma warning disable CA5394 // fuzzing wants a reproducible, seeded generator
    private readonly Random _random = new(seed);

    public int Run(TimeSpan budget)
    {
        var seeds = target.Seeds().Where(s => s.Length <= MaxInput).ToList();
        if (corpus is not null)
        {
            var dir = Path.Combine(corpus, target.Name);
            if (Directory.Exists(dir))
            {
                seeds.AddRange(Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal).Select(File.ReadAllBytes));
            }
            else
            {
                Directory.CreateDirectory(dir);
                for (var i = 0; i < seeds.Count; i++) File.WriteAllBytes(Path.Combine(dir, $"seed-{i:D4}"), seeds[i]);
            }
        }
        if (seeds.Count == 0) seeds.Add([]);

        long executions = 0;
        byte[]? current = null;
        long started = 0;
        var done = false;
        var watchdog = new Thread(() =>
        {
            while (!Volatile.Read(ref done))
            {
                Thread.Sleep(50);
                var t = Interlocked.Read(ref started);
                if (t != 0 && Stopwatch.GetElapsedTime(t) > timeout)
                {
                    var input = Volatile.Read(ref current) ?? [];
                    var path = Save("hang", input);
                    Console.WriteLine($"{target.Name}: HANG (> {timeout.TotalMilliseconds} ms) on {input.Length} bytes, saved {path}");
                    Console.Out.Flush();
                    Environment.Exit(1);
                }
            }
        }) { IsBackground = true };
        watchdog.Start();

        var clock = Stopwatch.StartNew();
        var failures = 0;
        try
        {
            // Every seed once as is, then mutations until the budget is spent.
            for (var i = 0; clock.Elapsed < budget || i < seeds.Count; i++)
            {
                var input = i < seeds.Count ? seeds[i] : Mutate(seeds[_random.Next(seeds.Count)], seeds);
                Volatile.Write(ref current, input);
                Interlocked.Exchange(ref started, Stopwatch.GetTimestamp());
                try
                {
                    target.Run(input);
                }
#pragma warning disable CA1031 // every exception escaping a target is a finding
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failures++;
                    var path = Save("crash", input);
                    Console.WriteLine($"{target.Name}: FAILURE {e.GetType().Name}: {e.Message}");
                    Console.WriteLine($"  input ({input.Length} bytes) saved to {path}");
                    if (failures >= 5) break;
                }
                finally
                {
                    Interlocked.Exchange(ref started, 0);
                }
                executions++;
                if (i >= seeds.Count && clock.Elapsed >= budget) break;
            }
        }
        finally
        {
            Volatile.Write(ref done, true);
        }
        Console.WriteLine($"{target.Name}: {executions} executions in {clock.Elapsed.TotalSeconds:F1} s "
            + $"({executions / Math.Max(clock.Elapsed.TotalSeconds, 0.001):F0}/s), {seeds.Count} seeds, {failures} failures");
        return failures > 0 ? 1 : 0;
    }

    private string Save(string kind, byte[] input)
    {
        var dir = Path.Combine(corpus ?? Path.GetTempPath(), "crashes", target.Name);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"{kind}-{Convert.ToHexString(SHA256.HashData(input))[..16]}");
        File.WriteAllBytes(path, input);
        return path;
    }

    private byte[] Mutate(byte[] seed, List<byte[]> seeds)
    {
        var data = new List<byte>(seed);
        var rounds = 1 + _random.Next(4);
        for (var r = 0; r < rounds; r++)
        {
            switch (_random.Next(8))
            {
                case 0 when data.Count > 0: // bit flip
                    data[_random.Next(data.Count)] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1 when data.Count > 0: // random byte
                    data[_random.Next(data.Count)] = (byte)_random.Next(256);
                    break;
                case 2 when data.Count > 0: // interesting byte (lengths, tags)
                    data[_random.Next(data.Count)] = Interesting[_random.Next(Interesting.Length)];
                    break;
                case 3: // insertion
                    var at = _random.Next(data.Count + 1);
                    var n = 1 + _random.Next(8);
                    for (var k = 0; k < n; k++) data.Insert(at, (byte)_random.Next(256));
                    break;
                case 4 when data.Count > 0: // truncation
                    var cut = _random.Next(data.Count);
                    data.RemoveRange(cut, data.Count - cut);
                    break;
                case 5 when data.Count > 1: // deletion of a chunk
                    var from = _random.Next(data.Count);
                    data.RemoveRange(from, Math.Min(data.Count - from, 1 + _random.Next(16)));
                    break;
                case 6: // splice with another seed
                    var other = seeds[_random.Next(seeds.Count)];
                    if (other.Length == 0) break;
                    var start = _random.Next(other.Length);
                    var len = Math.Min(other.Length - start, 1 + _random.Next(64));
                    data.InsertRange(_random.Next(data.Count + 1), other.AsSpan(start, len).ToArray());
                    break;
                default: // duplicate a chunk
                    if (data.Count == 0) break;
                    var s = _random.Next(data.Count);
                    var l = Math.Min(data.Count - s, 1 + _random.Next(32));
                    data.InsertRange(s, data.GetRange(s, l));
                    break;
            }
        }
        if (data.Count > MaxInput) data.RemoveRange(MaxInput, data.Count - MaxInput);
        return [.. data];
    }
#pragma warning restore CA5394
}
