using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Pki.Internal.BouncyCastle;

namespace EuiccEmulator.Benchmarks;

/// <summary>
/// Where a download's card time goes: the median card time of each ES10 request over many downloads (in-memory
/// store), for P-256 1 KB and 64 KB and brainpoolP256r1 1 KB. Each download is followed by one run of its floor
/// (FloorBenchmarks), and each eUICC package (PSMO, eCO) by one run of its floor, so card and floor medians come from
/// the same minutes of the same process; the target (card / floor &lt;= 1.5) is judged on them. Then each curve's
/// primitives on .NET (OpenSSL) and on BouncyCastle.
/// </summary>
public static class Profile
{
    private const int JudgedFrom = 100;

    public static int Run(int downloads)
    {
        foreach (var line in Verdicts(downloads, printSteps: true)) Console.WriteLine(line);

        // The primitives per curve: .NET on OpenSSL (what the card uses; keys imported once) against BouncyCastle
        // through its one adapter (BcEcdsa, which parses its key on each call, as a per-use implementation would).
        var data = RandomNumberGenerator.GetBytes(300);
        foreach (var curve in new[] { EcCurve.NistP256, EcCurve.BrainpoolP256r1 })
        {
            using var signer = ECDsa.Create(curve.ToNamedCurve());
            var parameters = signer.ExportParameters(false);
            var pkcs8 = signer.ExportPkcs8PrivateKey();
            var point = EcPublicKey.FromParameters(curve, parameters).Point.ToArray();
            var signature = signer.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            using var imported = ECDsa.Create(parameters);
            using var otk = ECDiffieHellman.Create(curve.ToNamedCurve());
            using var peer = ECDiffieHellman.Create(curve.ToNamedCurve());
            var peerParameters = peer.ExportParameters(false);
            var peerPoint = EcPublicKey.FromParameters(curve, peerParameters).Point.ToArray();
            Console.WriteLine($"{curve}, µs per call (median of 300 after 100 warm-up calls):");
            Line(".NET verify, key imported", Time(() =>
                imported.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)));
            Line(".NET verify, importing the key first", Time(() =>
            {
                using var key = ECDsa.Create(parameters);
                return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            }));
            Line(".NET sign", Time(() => signer.SignData(data, HashAlgorithmName.SHA256).Length > 0));
            Line(".NET ECDH key generation", Time(() =>
            {
                using var key = ECDiffieHellman.Create(curve.ToNamedCurve());
                return key.ExportParameters(false).Q.X is not null;
            }));
            Line(".NET ECDH agreement, peer imported", Time(() => otk.DeriveRawSecretAgreement(peer.PublicKey).Length > 0));
            Line(".NET ECDH agreement, importing the peer", Time(() =>
            {
                using var key = ECDiffieHellman.Create(peerParameters);
                return otk.DeriveRawSecretAgreement(key.PublicKey).Length > 0;
            }));
            Line("BouncyCastle verify (parses the point)", Time(() => BcEcdsa.VerifyRs(curve, point, data, signature)));
            Line("BouncyCastle sign (parses the key)", Time(() => BcEcdsa.SignRs(pkcs8, data, deterministic: false).Length > 0));
            Line("BouncyCastle ECDH agreement (parses both)", Time(() => BcEcdsa.SharedSecret(pkcs8, peerPoint).Length > 0));
        }
        return 0;
    }

    /// <summary>
    /// Target 1, judged: per scenario the card's median time and its floor's, taken in turns over
    /// <paramref name="downloads"/> downloads (four times as many packages), the first half of them warm-up.
    /// </summary>
    internal static IReadOnlyList<string> Verdicts(int downloads, bool printSteps) =>
    [
        Download(EcCurve.NistP256, 1024, f => f.SetupP256Small(), downloads, printSteps),
        Download(EcCurve.NistP256, 64 * 1024, f => f.SetupP256Large(), downloads, printSteps),
        Download(EcCurve.BrainpoolP256r1, 1024, f => f.SetupBrainpool(), downloads, printSteps),
        Packages("Package_Psmo_Enable_Memory", p => p.SetupPsmo(), p => p.Package_Psmo_Enable(), downloads * 4),
        Packages("Package_Eco_ListEim_Memory", p => p.SetupEco(), p => p.Package_Eco_ListEim(), downloads * 4),
    ];

    private static string Scenario(EcCurve curve, int size) =>
        $"Download_{(curve == EcCurve.NistP256 ? "P256" : "Brainpool")}_{size / 1024}K_Memory";

    // Downloads in a row on one card, each followed by one run of its floor; with printSteps, the card time per step.
    private static string Download(EcCurve curve, int size, Action<FloorBenchmarks> floorSetup, int downloads, bool printSteps)
    {
        var steps = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        using var card = new BenchCard(StoreKind.Memory, curve);
        var clock = new StepClock(card.Card);
        var driver = new DownloadDriver(new Es10Client(clock), card.NewSmdp(curve));
        var floor = new FloorBenchmarks();
        floorSetup(floor);
        var totals = new List<double>();
        var floors = new List<double>();
        for (var i = 0; i < downloads; i++)
        {
            var request = Profiles.Request(size);
            clock.Steps.Clear();
            var result = driver.Run(request);
            if (!result.Success) throw new InvalidOperationException($"download {i}: {result.Problem} (code {result.ErrorCode})");
            // Room for the next download (MaxProfiles, MaxPendingNotifications); not timed.
            card.DeleteProfile(request.Metadata.Iccid);
            card.RemoveNotifications();
            // The floor's primitives between two downloads: both medians see the same machine.
            var start = Stopwatch.GetTimestamp();
            floor.Download();
            var floorUs = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            if (i < downloads / 2) continue; // warm-up: the card code reaches the JIT's optimised tier
            foreach (var (name, us) in clock.Steps.GroupBy(s => s.Key).Select(g => (g.Key, g.Sum(s => s.Value))))
            {
                if (!steps.TryGetValue(name, out var list)) steps[name] = list = [];
                list.Add(us);
            }
            totals.Add(clock.Steps.Sum(s => s.Value));
            floors.Add(floorUs);
        }
        var loop = Time(() => floor.Download() > 0);
        floor.Cleanup();
        var verdict = Verdict(Scenario(curve, size), Median(totals), Median(floors), totals.Count, loop);
        if (!printSteps) return verdict;
        Console.WriteLine($"{curve}, {size / 1024} KB profile, card time (inside Transmit) per ES10 request or BPP segment, by its "
            + $"leading tag (median of {downloads - (downloads / 2)} downloads after as many warm-up ones, µs):");
        foreach (var (name, list) in steps)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-45} {Median(list),10:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"whole download",-45} {Median(totals),10:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {"floor, timed between the downloads",-45} {Median(floors),10:F1}"));
        return verdict;
    }

    // A package's card time and its floor (1 verify + 1 sign), taken in turns like the downloads above.
    private static string Packages(string name, Action<PackageBenchmarks> setup, Action<PackageBenchmarks> run, int count)
    {
        var packages = new PackageBenchmarks { Store = StoreKind.Memory };
        setup(packages);
        var floor = new FloorBenchmarks();
        floor.SetupSmall();
        var cards = new List<double>();
        var floors = new List<double>();
        for (var i = 0; i < count; i++)
        {
            run(packages);
            var card = CardClock.LastCardMicroseconds;
            packages.AcknowledgeResults();
            var start = Stopwatch.GetTimestamp();
            floor.Floor_Package();
            var floorUs = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            if (i < count / 2) continue;
            cards.Add(card);
            floors.Add(floorUs);
        }
        CardClock.Discard();
        var loop = Time(() =>
        {
            floor.Floor_Package();
            return true;
        });
        floor.Cleanup();
        packages.Cleanup();
        return Verdict(name, Median(cards), Median(floors), cards.Count, loop);
    }

    // The target is judged against the floor taken in turns with the card (same machine state, caches as cold as the
    // card's); the same primitives in a tight loop (caches hot) are printed beside it.
    private static string Judged(int runs, bool met) =>
        runs < JudgedFrom ? $"not judged below {JudgedFrom} runs" : met ? "met" : "NOT met";

    private static string Verdict(string name, double card, double floor, int runs, double loop) => string.Create(
        CultureInfo.InvariantCulture,
        $"{name}: card {card:F1} µs / floor {floor:F1} µs = {card / floor:F2}x, medians of {runs} runs each, taken in turns "
            + $"(target <= {Program.CardFloorTarget}x: {Judged(runs, card <= Program.CardFloorTarget * floor)}); "
            + $"floor in a tight loop {loop:F1} µs: {card / loop:F2}x");

    /// <summary>
    /// Card time per ES10 request: a STORE DATA block 0 starts a request (named by its leading tag); its further
    /// blocks and GET RESPONSEs count to it.
    /// </summary>
    private sealed class StepClock(ICard inner) : ICard
    {
        private static readonly Dictionary<string, string> s_names = new(StringComparer.Ordinal)
        {
            ["BF20"] = "GetEuiccInfo1", ["BF2E"] = "GetEuiccChallenge", ["BF38"] = "AuthenticateServer",
            ["BF21"] = "PrepareDownload", ["BF36"] = "BPP: InitialiseSecureChannel", ["A0"] = "BPP: ConfigureIsdp",
            ["A1"] = "BPP: StoreMetadata", ["A2"] = "BPP: ReplaceSessionKeys", ["A3"] = "BPP: ProfileData",
            ["88"] = "BPP: MACed segments (88)", ["86"] = "BPP: encrypted segments (86)",
        };
        private string _step = "other";

        public List<KeyValuePair<string, double>> Steps { get; } = [];

        public ReadOnlyMemory<byte> Atr => inner.Atr;

        public void PowerOn() => inner.PowerOn();

        public void PowerOff() => inner.PowerOff();

        public void Reset() => inner.Reset();

        public byte[] Transmit(ReadOnlySpan<byte> command)
        {
            if (command.Length > 6 && command[1] == 0xE2 && command[3] == 0)
            {
                var tag = Convert.ToHexString(command.Slice(5, (command[5] & 0x1F) == 0x1F ? 2 : 1));
                _step = s_names.GetValueOrDefault(tag, "tag " + tag);
            }
            var start = Stopwatch.GetTimestamp();
            var response = inner.Transmit(command);
            var us = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            var last = Steps.Count - 1;
            if (last >= 0 && Steps[last].Key == _step) Steps[last] = new(_step, Steps[last].Value + us);
            else Steps.Add(new(_step, us));
            return response;
        }
    }

    private static void Line(string name, double us) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-45} {us,10:F1}"));

    private static double Time(Func<bool> action)
    {
        for (var i = 0; i < 100; i++) action();
        Thread.Sleep(200); // the JIT's optimised tier lands in the background
        var samples = new List<double>();
        for (var i = 0; i < 300; i++)
        {
            var start = Stopwatch.GetTimestamp();
            if (!action()) throw new InvalidOperationException();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
        return Median(samples);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
