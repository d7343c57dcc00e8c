using System.Runtime.InteropServices;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Servers.Hosting;
using EuiccEmulator.Servers.Smdp;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu smdp serve: the test SM-DP+ over HTTPS (ES9+ JSON binding), until Ctrl-C.</summary>
public static class SmdpCommand
{
    public const string Usage = "smdp serve --listen HOST:PORT --profiles DIR [--address NAME] [--http] [--trust-out FILE] [--ci DIR]";

    public static int Run(string[] args, TextWriter output, TextWriter log)
    {
        if (args.Length == 0 || args[0] != "serve") throw new CliException($"smdp: expected 'serve'; usage: {Usage}");
        var a = new CliArgs(args[1..], new HashSet<string> { "http" },
            new HashSet<string> { "listen", "profiles", "address", "trust-out", "ci" });
        if (a.Positional.Count > 0) throw new CliException($"smdp serve: unexpected argument '{a.Positional[0]}'");
        var listen = ParseListen(a.Value("listen") ?? throw new CliException("--listen: needed (HOST:PORT, e.g. 127.0.0.1:8443)"));
        var dir = a.Value("profiles") ?? throw new CliException("--profiles: needed (a directory of ID.der profile packages)");
        ProfileCatalog catalog;
        try
        {
            catalog = ProfileCatalog.Load(dir);
        }
        catch (CatalogException e)
        {
            throw new CliException(e.Message);
        }
        if (catalog.Profiles.Count == 0) throw new CliException($"--profiles: {dir} holds no .der profile package");
        CiBundle? ci = null;
        if (a.Value("ci") is { } ciDir)
        {
            try
            {
                ci = CiBundle.Load(ciDir);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                throw new CliException($"--ci: {e.Message}");
            }
        }
        var options = new SmdpServerOptions { Listen = listen, Catalog = catalog,
            Address = a.Value("address") ?? TestSmdpOptions.DefaultAddress, Https = !a.Flag("http"), Ci = ci };
        return Serve(options, a.Value("trust-out"), output, log);
    }

    internal static ListenOptions ParseListen(string text) =>
        ListenOptions.TryParseEndpoint(text, out var address, out var port)
            ? new ListenOptions { Address = address, Port = port }
            : throw new CliException($"--listen: '{text}' is not HOST:PORT with an IP address or localhost");

    internal static string? WriteTrustFile(string? path, bool https, CiBundle? ci = null)
    {
        if (!https) return null;
        path ??= Path.Combine(Path.GetTempPath(), "euicc-emu-test-ci.pem");
        try
        {
            File.WriteAllText(path, TestTls.CiPem(ci));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--trust-out: {path}: {e.Message}");
        }
        return path;
    }

    private static int Serve(SmdpServerOptions options, string? trustOut, TextWriter output, TextWriter log)
    {
        using var stop = new CancellationTokenSource();
        void OnCancelKey(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            stop.Cancel();
        }
        Console.CancelKeyPress += OnCancelKey;
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        try
        {
            var (host, service) = StartOrFail(options, output);
            using (host)
            {
                var trust = WriteTrustFile(trustOut, options.Https, options.Ci);
                foreach (var line in SmdpServer.Instructions(host, service, trust)) output.WriteLine(line);
                stop.Token.WaitHandle.WaitOne();
            }
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKey;
        }
        log.WriteLine("stopped");
        return 0;
    }

    internal static (ServerHost Host, SmdpService Service) StartOrFail(SmdpServerOptions options, TextWriter output)
    {
        try
        {
            return SmdpServer.StartAsync(options, line => output.WriteLine(line)).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            throw new CliException($"--listen: {options.Listen.Address}:{options.Listen.Port}: {e.Message}");
        }
    }
}
