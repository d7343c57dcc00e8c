using System.Runtime.InteropServices;
using EuiccEmulator.Rsp;
using EuiccEmulator.Rsp.Trace;
using EuiccEmulator.State;
using EuiccEmulator.Vpcd;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu serve: the card as a vpcd client, until Ctrl-C.</summary>
public static class ServeCommand
{
    public const string Usage = "serve [--store FILE] [--vpcd HOST:PORT] [--eid EID] [--sgp32 1.0|1.2] [--verbose] [--deterministic SEED]\n"
        + "  euicc-emu serve --cards N [--store-dir DIR] [--vpcd-base-port P] [--vpcd-host HOST]";

    /// <summary>
    /// How every line serve writes to its log (stderr) besides the APDU pairs begins: the card's creation and
    /// test-key warning, the banner, vpcd events, internal errors and the stop. A <c>2&gt;&amp;1</c> capture
    /// interleaves them with the APDU lines; <c>trace</c> skips them. None can begin a hex line.
    /// </summary>
    public static IReadOnlyList<string> LogLinePrefixes { get; } =
        ["created card ", "warning: ", "card ", "vpcd: ", "internal error ", "stopped"];

    public static int Run(string[] args, TextWriter output, TextWriter log)
    {
        var a = new CliArgs(args, new HashSet<string> { "verbose" },
            new HashSet<string> { "store", "vpcd", "eid", "deterministic", "cards", "store-dir", "vpcd-base-port", "vpcd-host", "sgp32" });
        if (a.Positional.Count > 0) throw new CliException($"serve: unexpected argument '{a.Positional[0]}'");
        if (a.Int("cards", 1, 100_000) is { } cards) return RunFleet(a, cards, output, log);
        foreach (var fleetOnly in new[] { "store-dir", "vpcd-base-port", "vpcd-host" })
            if (a.Value(fleetOnly) is not null) throw new CliException($"--{fleetOnly}: only with --cards N");
        var endpoint = a.Value("vpcd") ?? $"{VpcdClientOptions.DefaultHost}:{VpcdClientOptions.DefaultPort}";
        if (!VpcdClientOptions.TryParseEndpoint(endpoint, out var host, out var port))
            throw new CliException($"--vpcd: '{endpoint}' is not HOST:PORT");
        var seed = a.Int("deterministic", 0, int.MaxValue);
        var verbose = a.Flag("verbose");

        using var host_ = CardHost.Open(a.Value("store"), a.Value("eid"), log, seed, sgp32: CardHost.ParseSgp32(a.Value("sgp32")));
        using var stop = new CancellationTokenSource();
        void OnCancelKey(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true; // shut down cleanly: close the socket, then the store
            stop.Cancel();
        }
        Console.CancelKeyPress += OnCancelKey;
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        var options = new VpcdClientOptions
        {
            Host = host,
            Port = port,
            ApduObserver = verbose ? (command, response) => output.WriteLine(
                $"> {Convert.ToHexString(command)}  [{InstructionNames.Describe(command, host_.Euicc.Options.Sgp32Version)}]\n"
                    + $"< {Convert.ToHexString(response)}") : null,
            EventObserver = e =>
            {
                if (e.Kind is VpcdEventKind.Connected or VpcdEventKind.Disconnected || verbose && e.Kind != VpcdEventKind.AtrRequested)
                    log.WriteLine($"vpcd: {e.Kind} {e.Detail}");
            },
        };
        log.WriteLine($"card {host_.Euicc.Ecasd.Eid} (SGP.32 v{host_.Euicc.Options.Sgp32Version.Text()}) serving vpcd at {host}:{port} "
            + $"(store {host_.Store.Path}); Ctrl-C stops");
        try
        {
            new VpcdClient(host_.Euicc.Card, options).Run(stop.Token);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKey;
        }
        log.WriteLine("stopped");
        return 0;
    }

    /// <summary>
    /// serve --cards N: N cards in this process, card i with its own identity (from the fleet file in DIR, minted if
    /// missing), its own store DIR/card-i.db (opened on demand, released when idle) and its own vpcd port P+i.
    /// </summary>
    private static int RunFleet(CliArgs a, int cards, TextWriter output, TextWriter log)
    {
        foreach (var single in new[] { "store", "vpcd", "eid", "deterministic", "sgp32" })
            if (a.Value(single) is not null) throw new CliException($"--{single}: not with --cards (use --store-dir, --vpcd-base-port)");
        var dir = Path.GetFullPath(a.Value("store-dir") ?? Path.Combine(Path.GetDirectoryName(StorePaths.Default())!, "fleet"));
        var basePort = a.Int("vpcd-base-port", 1, 65535) ?? VpcdClientOptions.DefaultPort;
        if (basePort + cards - 1 > 65535) throw new CliException($"--vpcd-base-port: {basePort} + {cards} cards runs past port 65535");
        var host = a.Value("vpcd-host") ?? VpcdClientOptions.DefaultHost;
        var verbose = a.Flag("verbose");

        var identities = FleetCommand.LoadOrMint(dir, cards, log);
        var opened = new List<(Storage.LiteDb.LiteDbCardStore Store, Card.VirtualEuicc Euicc)>(cards);
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
        var runs = new List<Task>(cards);
        try
        {
            for (var i = 0; i < cards; i++)
            {
                var index = i;
                opened.Add(FleetCommand.OpenCard(dir, i, identities[i],
                    e => log.WriteLine($"card {index}: internal error (answered 6F00): {e.GetType().Name}: {e.Message}")));
            }
            for (var i = 0; i < cards; i++)
            {
                var index = i;
                var options = new VpcdClientOptions
                {
                    Host = host,
                    Port = basePort + i,
                    EventObserver = e =>
                    {
                        if (verbose && e.Kind is VpcdEventKind.Connected or VpcdEventKind.Disconnected)
                            log.WriteLine($"card {index} vpcd: {e.Kind} {e.Detail}");
                    },
                };
                runs.Add(new VpcdClient(opened[i].Euicc.Card, options).RunAsync(stop.Token));
            }
            log.WriteLine($"{cards} cards ({identities[0].Eid} ..) serving vpcd at {host}:{basePort}..{basePort + cards - 1} (stores in "
                + $"{dir}); Ctrl-C stops");
            output.WriteLine("pcscd reader.conf.d lines for these ports:");
            output.Write(FleetCommand.ReaderConf(cards, basePort));
            stop.Token.WaitHandle.WaitOne();
            Task.WaitAll([.. runs]);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKey;
            stop.Cancel();
            foreach (var (store, euicc) in opened)
            {
                euicc.Dispose();
                store.Dispose();
            }
        }
        log.WriteLine("stopped");
        return 0;
    }
}
