using System.CommandLine;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Cli.Parsing;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Servers.Hosting;
using EuiccEmulator.Servers.Smdp;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu smdp serve: the test SM-DP+ over HTTPS (ES9+ JSON binding), until Ctrl-C.</summary>
public static class SmdpCommand
{
    public static Command Build(CliContext context)
    {
        var listen = Opt.Needed("--listen", "HOST:PORT", "the address to listen on (an IP address or localhost)",
            "--listen: needed (HOST:PORT, e.g. 127.0.0.1:8443)");
        var profiles = Opt.Needed("--profiles", "DIR", "a directory of ID.der profile packages (matching ID = file name)",
            "--profiles: needed (a directory of ID.der profile packages)");
        var address = Opt.Text("--address", "NAME",
            "the SM-DP+ address it signs and names in notifications (default testsmdpplus1.example.com)");
        var http = Opt.Flag("--http", "plain HTTP instead of HTTPS");
        var trustOut = Opt.Text("--trust-out", "FILE", "where to write the TLS CA file to trust (default $TMPDIR/euicc-emu-test-ci.pem)");
        var ci = Opt.Text("--ci", "DIR", "issue the SM-DP+ certificates under this private CI (euicc-emu keys new-ci)");
        var serve = new Command("serve", "the test SM-DP+ over HTTPS (ES9+ JSON binding, SGP.22 §6.5) until Ctrl-C")
        {
            listen, profiles, address, http, trustOut, ci,
        };
        serve.SetAction(p => Serve(context, p.GetValue(listen)!, p.GetValue(profiles)!, p.GetValue(address), p.GetValue(http),
            p.GetValue(trustOut), p.GetValue(ci)));
        return new Command("smdp", "the test SM-DP+ as a network server") { serve };
    }

    private static int Serve(CliContext context, string listenText, string dir, string? address, bool http, string? trustOut, string? ciDir)
    {
        var listen = ParseListen(listenText);
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
        if (ciDir is not null)
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
        var options = new SmdpServerOptions
        {
            Listen = listen, Catalog = catalog, Address = address ?? TestSmdpOptions.DefaultAddress, Https = !http, Ci = ci,
        };
        return Serve(options, trustOut, context.Output, context.Log);
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
        using var stop = new StopSignal();
        var (host, service) = StartOrFail(options, output);
        using (host)
        {
            var trust = WriteTrustFile(trustOut, options.Https, options.Ci);
            foreach (var line in SmdpServer.Instructions(host, service, trust)) output.WriteLine(line);
            stop.Token.WaitHandle.WaitOne();
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
