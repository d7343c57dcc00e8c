using System.Runtime.InteropServices;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Servers.Eim;
using EuiccEmulator.Servers.Hosting;

namespace EuiccEmulator.Cli.Commands;

/// <summary>
/// euicc-emu eim: the test eIM (SGP.32) as an ESipa server, its queue, and the AddInitialEim request that
/// associates a card with it.
/// </summary>
public static class EimCommand
{
    public const string Usage = "eim serve --listen HOST:PORT [--http] [--eim-store FILE] [--eim-id ID] [--trust-out FILE] | "
        + "eim queue --server URL --eid EID "
        + "(enable ICCID | disable ICCID | delete ICCID | list-profiles | ipa-data | download ACTIVATION_CODE) "
        + "[--association-token N] [--sgp32 1.0|1.2] | "
        + "eim add-initial-request [--eim-id ID] [--address FQDN]";

    public static int Run(string[] args, TextWriter output, TextWriter log)
    {
        if (args.Length == 0) throw new CliException($"eim: expected a subcommand; usage: {Usage}");
        switch (args[0])
        {
            case "add-initial-request":
            {
                var a = new CliArgs(args[1..], new HashSet<string>(), new HashSet<string> { "eim-id", "address" });
                if (a.Positional.Count > 0) throw new CliException($"eim add-initial-request: unexpected argument '{a.Positional[0]}'");
                output.WriteLine(Convert.ToHexString(AddInitialRequest(a.Value("eim-id"), a.Value("address"))));
                return 0;
            }
            case "serve":
                return Serve(args[1..], output, log);
            case "queue":
                return Queue(args[1..], output);
            default:
                throw new CliException($"eim: unknown subcommand '{args[0]}'; usage: {Usage}");
        }
    }

    /// <summary>BF57 with the test eIM's eimId, address, SGP.26 signing key (NIST) and associationToken -1.</summary>
    // SGP.32 §5.9.4: associationToken -1 asks the card to assign one.
    internal static byte[] AddInitialRequest(string? eimId, string? address)
    {
        using var eim = new TestEim(
            new TestEimOptions { EimId = eimId ?? TestEimOptions.DefaultEimId, EimFqdn = address ?? eimId ?? TestEimOptions.DefaultEimId });
        return TestEim.BuildAddInitialEimRequest(
            eim.ConfigurationData with { AssociationToken = EimConfigurationData.AssignAssociationToken });
    }

    /// <summary>$XDG_DATA_HOME/euicc-emulator/eim.db, next to the default card store.</summary>
    internal static string DefaultStore() => Path.Combine(Path.GetDirectoryName(StorePaths.Default())!, "eim.db");

    internal static EimServerOptions ParseServe(CliArgs a) => new()
    {
        Listen = SmdpCommand.ParseListen(a.Value("listen") ?? throw new CliException("--listen: needed (HOST:PORT, e.g. 127.0.0.1:8444)")),
        StorePath = a.Value("eim-store") ?? DefaultStore(),
        EimId = a.Value("eim-id") is { Length: > 0 and <= 128 } id ? id
            : a.Value("eim-id") is null ? TestEimOptions.DefaultEimId : throw new CliException("--eim-id: 1..128 characters"),
        Https = !a.Flag("http"),
    };

    private static int Serve(string[] args, TextWriter output, TextWriter log)
    {
        var a = new CliArgs(args, new HashSet<string> { "http" }, new HashSet<string> { "listen", "eim-store", "eim-id", "trust-out" });
        if (a.Positional.Count > 0) throw new CliException($"eim serve: unexpected argument '{a.Positional[0]}'");
        var options = ParseServe(a);
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
            using (service)
            using (host)
            {
                var trust = SmdpCommand.WriteTrustFile(a.Value("trust-out"), options.Https);
                foreach (var line in EimServer.Instructions(host, service, trust)) output.WriteLine(line);
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

    internal static (ServerHost Host, EimService Service) StartOrFail(EimServerOptions options, TextWriter output)
    {
        try
        {
            return EimServer.StartAsync(options, line => output.WriteLine(line)).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            throw new CliException($"--listen {options.Listen.Address}:{options.Listen.Port} / --eim-store {options.StorePath}: "
                + $"{e.Message}");
        }
        catch (LiteDB.LiteException e)
        {
            throw new CliException($"--eim-store {options.StorePath}: {e.Message}");
        }
    }

    private static int Queue(string[] args, TextWriter output)
    {
        var a = new CliArgs(args, new HashSet<string>(), new HashSet<string> { "server", "eid", "association-token", "sgp32" });
        var server = a.Value("server") ?? throw new CliException("--server: needed (the eIM's URL, e.g. https://127.0.0.1:8444)");
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new CliException($"--server: '{server}' is not an http(s) URL");
        var eid = a.Value("eid") ?? throw new CliException("--eid: needed");
        if (a.Positional.Count == 0)
        {
            throw new CliException("eim queue: expected enable ICCID | disable ICCID | delete ICCID | list-profiles | ipa-data | "
                + "download ACTIVATION_CODE");
        }
        var operation = a.Positional[0];
        string? iccid = null, activationCode = null;
        switch (operation)
        {
            case "enable" or "disable" or "delete":
                if (a.Positional.Count != 2) throw new CliException($"eim queue {operation}: expected one ICCID");
                iccid = a.Positional[1];
                break;
            case "download":
                if (a.Positional.Count != 2)
                    throw new CliException("eim queue download: expected one activation code, e.g. 'LPA:1$HOST$MATCHINGID'");
                activationCode = a.Positional[1];
                break;
            case "list-profiles" or "ipa-data":
                if (a.Positional.Count != 1) throw new CliException($"eim queue {operation}: unexpected argument '{a.Positional[1]}'");
                break;
            default:
                throw new CliException($"eim queue: unknown operation '{operation}'");
        }
        long? token = a.Value("association-token") is { } t
            ? long.TryParse(
                t, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
                ? n
                : throw new CliException($"--association-token: '{t}' is not an integer")
            : null;
        using var client = new EsipaHttpClient(uri);
        try
        {
            var (id, description) = client.QueueAsync(eid, operation, iccid, token, a.Value("sgp32"), activationCode)
                .GetAwaiter().GetResult();
            output.WriteLine($"queued #{id} for {eid}: {description}");
            return 0;
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"eim queue: {e.Message}");
        }
        catch (TaskCanceledException)
        {
            throw new CliException($"eim queue: {uri} did not answer");
        }
    }
}
