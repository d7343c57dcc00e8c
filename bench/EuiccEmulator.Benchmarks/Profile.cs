using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Pki;

namespace EuiccEmulator.Benchmarks;

/// <summary>
/// Where a download's card time goes: the median card time of each ES10 step over many downloads (in-memory store),
/// and the cost of the per-call key import the card does before each ECDSA verification.
/// </summary>
public static class Profile
{
    public static int Run(int downloads)
    {
        foreach (var curve in new[] { EcCurve.NistP256, EcCurve.BrainpoolP256r1 })
        {
            using var card = new BenchCard(StoreKind.Memory, curve);
            var driver = new DownloadDriver(new Es10Client(card.Card), card.NewSmdp(curve));
            var steps = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            for (var i = 0; i < downloads; i++)
            {
                var request = Profiles.Request(1024);
                var result = driver.Run(request);
                if (!result.Success) throw new InvalidOperationException(result.Problem);
                // Room for the next download (MaxProfiles, MaxPendingNotifications); not timed.
                card.DeleteProfile(request.Metadata.Iccid);
                card.RemoveNotifications();
                if (i < 5) continue; // warm-up
                foreach (var group in result.Steps.GroupBy(s => s.Segment is { } k ? $"{s.Kind}/{k}" : s.Kind.ToString()))
                {
                    if (!steps.TryGetValue(group.Key, out var list)) steps[group.Key] = list = [];
                    list.Add(group.Sum(s => s.Elapsed.TotalMicroseconds));
                }
            }
            Console.WriteLine($"{curve}, 1 KB profile, card time per step (median of {downloads - 5} downloads, µs; "
                + $"segments summed per kind):");
            foreach (var (name, list) in steps)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-45} {Median(list),10:F1}"));
        }

        // The card imports the peer's public key into a new ECDsa object for every verification (EcPublicKey.Verify).
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = signer.ExportParameters(false);
        var data = RandomNumberGenerator.GetBytes(300);
        var signature = signer.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        using var imported = ECDsa.Create(parameters);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"P-256 verify with the key already imported: {Time(() =>
            imported.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)):F1} µs"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"P-256 verify importing the key first:      {Time(() =>
        {
            using var key = ECDsa.Create(parameters);
            return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }):F1} µs"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"P-256 sign:                                 {Time(() =>
            signer.SignData(data, HashAlgorithmName.SHA256).Length > 0):F1} µs"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"P-256 ECDH key generation + agreement:      {Time(() =>
        {
            using var a = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            using var peer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            return a.DeriveRawSecretAgreement(peer.PublicKey).Length > 0;
        }) / 2:F1} µs (per key pair, 2 generated)"));
        return 0;
    }

    private static double Time(Func<bool> action)
    {
        for (var i = 0; i < 50; i++) action();
        var samples = new List<double>();
        for (var i = 0; i < 400; i++)
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
