using System.Globalization;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Pki;

namespace EuiccEmulator.Benchmarks;

/// <summary>
/// Many downloads in a row on one card (in-memory store), each with fresh keys and a fresh package: a failure that
/// depends on the random bytes of one download in tens of thousands shows here, not in the unit tests. The first
/// failing download's segments and session keys go to a file, enough to replay its BSP by hand.
/// </summary>
public static class Soak
{
    public static int Run(int downloads, EcCurve curve)
    {
        using var card = new BenchCard(StoreKind.Memory, curve);
        var driver = new DownloadDriver(new Es10Client(card.Card), card.NewSmdp(curve));
        for (var i = 0; i < downloads; i++)
        {
            var request = Profiles.Request(1024);
            var result = driver.Run(request);
            if (!result.Success)
            {
                var path = Path.Combine(Path.GetTempPath(), $"euicc-soak-{Environment.ProcessId}.txt");
                using (var w = new StreamWriter(path))
                {
                    w.WriteLine($"download {i}: {result.Problem} (code {result.ErrorCode}, bppCommandId {result.BppCommandId})");
                    if (result.Package is { } p)
                    {
                        w.WriteLine("S-ENC " + Convert.ToHexString(p.SessionKeys.EncryptionKey));
                        w.WriteLine("S-MAC " + Convert.ToHexString(p.SessionKeys.MacKey));
                        w.WriteLine("initial MCV " + Convert.ToHexString(p.SessionKeys.InitialMacChainingValue));
                        for (var s = 0; s < p.Segments.Count; s++)
                            w.WriteLine($"segment {s} {p.SegmentKinds[s]} {Convert.ToHexString(p.Segments[s])}");
                    }
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"soak {curve}: download {i} of {downloads} failed: {result.Problem}; its package: {path}"));
                return 1;
            }
            card.DeleteProfile(request.Metadata.Iccid);
            card.RemoveNotifications();
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"soak {curve}: {downloads} downloads, 0 failed"));
        return 0;
    }
}
