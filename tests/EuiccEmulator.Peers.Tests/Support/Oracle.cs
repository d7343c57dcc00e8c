using System.Diagnostics;
using EuiccEmulator.Testing;

namespace EuiccEmulator.Peers.Tests.Support;

/// <summary>
/// The independent asn1c DER check (tests/der-check/der-check). It uses the checker at $DER_CHECK_BIN or the one
/// .ci/run builds; failing both, it builds one for this test run when asn1c is installed. Without asn1c the calling
/// test is Skipped (failed under CI).
/// </summary>
internal static class Oracle
{
    private static readonly string RepoRoot = RepoPaths.Root;
    private static readonly string Script = Path.Combine(RepoRoot, "tests", "der-check", "der-check");
    private static readonly Lazy<string?> s_binary = new(FindOrBuild);

    private static string? FindOrBuild()
    {
        var configured = Environment.GetEnvironmentVariable("DER_CHECK_BIN");
        if (!string.IsNullOrEmpty(configured)) return File.Exists(configured) ? configured : null;
        var built = Path.Combine(RepoRoot, ".ci", "out", "der-check", "der-check-bin");
        if (File.Exists(built)) return built;
        if (!Requires.OnPath("asn1c")) return null;
        var output = Path.Combine(Path.GetTempPath(), $"der-check-{Environment.ProcessId}");
        var (exit, text) = Run(["build", output], null);
        if (exit != 0) throw new InvalidOperationException("der-check build failed: " + text);
        return Path.Combine(output, "der-check-bin");
    }

    /// <summary>Checks that <paramref name="der"/> decodes as <paramref name="pdu"/> and re-encodes to the same bytes.</summary>
    public static void AssertRoundTrips(string pdu, byte[] der)
    {
        var binary = s_binary.Value;
        Requires.That(binary is not null, "the asn1c DER check is unavailable: apt-get install asn1c gcc make (or set DER_CHECK_BIN)");
        var file = Path.Combine(Path.GetTempPath(), $"peers-{pdu}-{Guid.NewGuid():N}.der");
        File.WriteAllBytes(file, der);
        try
        {
            var (exit, output) = Run([pdu, file], binary);
            Assert.True(exit == 0, $"{pdu}: {output}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static (int Exit, string Output) Run(string[] arguments, string? binary)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Script);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        if (binary is not null) info.Environment["DER_CHECK_BIN"] = binary;
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
