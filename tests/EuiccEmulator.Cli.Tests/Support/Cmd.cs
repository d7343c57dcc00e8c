using System.Diagnostics;
using EuiccEmulator.Testing;

namespace EuiccEmulator.Cli.Tests.Support;

/// <summary>Runs euicc-emu in this process (as the tests of each verb do) or as its own process (exit codes, 2&gt;&amp;1).</summary>
internal static class Cmd
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var log = new StringWriter();
        var code = Program.Run(args, output, log);
        return (code, output.ToString(), log.ToString());
    }

    /// <summary>The built euicc-emu.dll beside the tests.</summary>
    public static string Assembly => typeof(CardHost).Assembly.Location;

    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var start = new ProcessStartInfo(Dotnet)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        foreach (var a in new[] { "exec", Assembly }.Concat(args)) start.ArgumentList.Add(a);
        return start;
    }

    public static async Task<(int Code, string Out, string Err)> RunProcess(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public static string Repo() => RepoPaths.Root;

    public static string Sha256(string path) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
}
