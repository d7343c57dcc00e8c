using System.Diagnostics;

namespace EuiccEmulator.Peers.Tests.Support;

/// <summary>Runs the independent asn1c DER check (shared/asn1-oracle/check.sh) when $ORACLE points at a built decoder.</summary>
internal static class Oracle
{
    private static readonly string? Binary = Environment.GetEnvironmentVariable("ORACLE");

    public static bool Available => Binary is not null && File.Exists(Binary) && File.Exists(CheckScript);

    private static string CheckScript => Path.Combine(SharedDirectory, "asn1-oracle", "check.sh");

    private static string SharedDirectory
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (dir is not null)
            {
                var candidate = Path.Combine(dir, "..", "shared");
                if (Directory.Exists(Path.Combine(candidate, "asn1-oracle"))) return Path.GetFullPath(candidate);
                dir = Path.GetDirectoryName(dir);
            }
            return "/work/shared";
        }
    }

    /// <summary>Checks <paramref name="der"/> as <paramref name="pdu"/>; returns (ran, ok, output).</summary>
    public static (bool Ran, bool Ok, string Output) Check(string pdu, byte[] der)
    {
        if (!Available) return (false, true, "");
        var file = Path.Combine(Path.GetTempPath(), $"peers-{pdu}-{Guid.NewGuid():N}.der");
        File.WriteAllBytes(file, der);
        try
        {
            var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add(CheckScript);
            info.ArgumentList.Add(pdu);
            info.ArgumentList.Add(file);
            info.Environment["ORACLE"] = Binary;
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (true, process.ExitCode == 0, output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static void AssertRoundTrips(string pdu, byte[] der)
    {
        var (_, ok, output) = Check(pdu, der);
        Assert.True(ok, $"{pdu}: {output}");
    }
}
