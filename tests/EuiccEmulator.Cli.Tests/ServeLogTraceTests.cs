using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EuiccEmulator.Cli.Tests.Support;

namespace EuiccEmulator.Cli.Tests;

/// <summary>trace on a real <c>serve --verbose</c> log captured with <c>2&gt;&amp;1</c>: the log lines are skipped.</summary>
public sealed class ServeLogTraceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("euicc-servelog-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Trace_reads_a_serve_verbose_log_captured_with_2_and_1()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var log = Path.Combine(_dir, "serve.log");
        var store = Path.Combine(_dir, "card.db");
        // Exactly what a user types: the shell merges stderr into the same file, in the order written.
        var command = string.Join(' ',
            new[] { Cmd.Dotnet, "exec", Cmd.Assembly, "serve", "--verbose", "--store", store, "--vpcd", $"127.0.0.1:{port}" }
            .Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec {command} > '{log}' 2>&1");
        using var process = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            using var socket = await listener.AcceptSocketAsync(timeout.Token);
            await socket.SendAsync(new byte[] { 0x00, 0x01, 0x01 }, timeout.Token); // power on
            Assert.Equal("9000", Convert.ToHexString(await Exchange(socket, "00A4040C10A0000005591010FFFFFFFF8900000100", timeout.Token)));
            Assert.Equal("BF3E125A10890490321234512345123456789012359000",
                Convert.ToHexString(await Exchange(socket, "80E2910006BF3E035C015A00", timeout.Token)));
            // SIGTERM, as a service manager or Ctrl-C would stop it.
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
        Assert.Equal(0, process.ExitCode);

        var lines = File.ReadAllLines(log);
        // The capture holds serve's own log lines between the APDUs, or this test proves nothing.
        Assert.Contains(lines, l => l.StartsWith("created card 89049032123451234512345678901235", StringComparison.Ordinal));
        Assert.Contains(lines, l =>
            l.StartsWith("card 89049032123451234512345678901235 (SGP.32 v1.2) serving vpcd", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("vpcd: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("warning: ", StringComparison.Ordinal));
        Assert.Equal("stopped", lines[^1]);

        var (code, output, err) = Cmd.Run("trace", log);
        Assert.True(code == 0, err);
        Assert.Contains("ES10 GetEID", output, StringComparison.Ordinal);
        Assert.Contains("5A eidValue: 89049032123451234512345678901235", output, StringComparison.Ordinal);
        Assert.DoesNotContain("vpcd: ", output, StringComparison.Ordinal);
        Assert.EndsWith("2 exchanges\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    private static async Task<byte[]> Exchange(Socket socket, string hex, CancellationToken cancel)
    {
        var apdu = Convert.FromHexString(hex);
        var frame = new byte[2 + apdu.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)apdu.Length);
        apdu.CopyTo(frame, 2);
        await socket.SendAsync(frame, cancel);
        var header = await Receive(socket, 2, cancel);
        return await Receive(socket, BinaryPrimitives.ReadUInt16BigEndian(header), cancel);
    }

    private static async Task<byte[]> Receive(Socket socket, int length, CancellationToken cancel)
    {
        var buffer = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), cancel);
            if (n == 0) throw new IOException("closed");
            read += n;
        }
        return buffer;
    }
}
