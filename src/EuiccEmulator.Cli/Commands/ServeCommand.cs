using System.CommandLine;
using System.Globalization;
using EuiccEmulator.Cli.Parsing;
using EuiccEmulator.Rsp;
using EuiccEmulator.Rsp.Trace;
using EuiccEmulator.State;
using EuiccEmulator.Vpcd;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu serve: the card as a vpcd client, until Ctrl-C.</summary>
public static class ServeCommand
{
    /// <summary>
    /// How every line serve writes to its log (stderr) besides the APDU pairs begins: the card's creation and
    /// test-key warning, the banner, vpcd events, internal errors and the stop. A <c>2&gt;&amp;1</c> capture
    /// interleaves them with the APDU lines; <c>trace</c> skips them. None can begin a hex line.
    /// </summary>
    public static IReadOnlyList<string> LogLinePrefixes { get; } =
        ["created card ", "warning: ", "card ", "vpcd: ", "internal error ", "stopped"];

    private sealed record Options(
        string? Store, string? Vpcd, string? Eid, Sgp32Version? Sgp32, bool Verbose, int? Seed, int? Cards, string? StoreDir,
        int? BasePort, string? VpcdHost);

    public static Command Build(CliContext context)
    {
        var store = Opt.Store();
        var vpcd = Opt.Text("--vpcd", "HOST:PORT", "where vpcd listens (default 127.0.0.1:35963)");
        var eid = Opt.Text("--eid", "EID", "the EID of a card created now (32 digits; default the SGP.26 test EID)");
        var sgp32 = Opt.Sgp32("the SGP.32 version of a card created now (default 1.2); refused on a card created as the other");
        var verbose = Opt.Flag("--verbose", "print every APDU pair with its function name on stdout");
        var seed = Opt.Int("--deterministic", "SEED", 0, int.MaxValue, "seeded randomness and RFC 6979 signatures (golden transcripts)");
        var cards = Opt.Int("--cards", "N", 1, 100_000, "fleet mode: N cards, each with its own identity, store and vpcd port");
        var storeDir = Opt.Text("--store-dir", "DIR", "fleet mode: the fleet's directory (default $XDG_DATA_HOME/euicc-emulator/fleet)");
        var basePort = Opt.Int("--vpcd-base-port", "P", 1, 65535, "fleet mode: card i serves vpcd port P+i (default 35963)");
        var vpcdHost = Opt.Text("--vpcd-host", "HOST", "fleet mode: where vpcd listens (default 127.0.0.1)");
        var command = new Command("serve",
            "serves the card to vsmartcard-vpcd (a reader in pcscd) until Ctrl-C; creates the store if missing")
        {
            store, vpcd, eid, sgp32, verbose, seed, cards, storeDir, basePort, vpcdHost,
        };
        command.SetAction(p => Run(context, new Options(p.GetValue(store), p.GetValue(vpcd), p.GetValue(eid), p.GetValue(sgp32),
            p.GetValue(verbose), p.GetValue(seed), p.GetValue(cards), p.GetValue(storeDir), p.GetValue(basePort), p.GetValue(vpcdHost))));
        return command;
    }

    private static int Run(CliContext context, Options a)
    {
        var (output, log) = (context.Output, context.Log);
        if (a.Cards is { } cards) return RunFleet(context, a, cards);
        var fleetOnly = new[]
        {
            ("--store-dir", a.StoreDir), ("--vpcd-base-port", a.BasePort?.ToString(CultureInfo.InvariantCulture)),
            ("--vpcd-host", a.VpcdHost),
        };
        foreach (var (name, value) in fleetOnly)
        {
            if (value is not null) throw new CliException($"{name}: only with --cards N");
        }
        var endpoint = a.Vpcd ?? $"{VpcdClientOptions.DefaultHost}:{VpcdClientOptions.DefaultPort}";
        if (!VpcdClientOptions.TryParseEndpoint(endpoint, out var host, out var port))
            throw new CliException($"--vpcd: '{endpoint}' is not HOST:PORT");
        var seed = a.Seed;
        var verbose = a.Verbose;

        using var host_ = CardHost.Open(a.Store, a.Eid, log, seed, sgp32: a.Sgp32);
        using var stop = new StopSignal();

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
        new VpcdClient(host_.Euicc.Card, options).Run(stop.Token);
        log.WriteLine("stopped");
        return 0;
    }

    /// <summary>
    /// serve --cards N: N cards in this process, card i with its own identity (from the fleet file in DIR, minted if
    /// missing), its own store DIR/card-i.db (opened on demand, released when idle) and its own vpcd port P+i.
    /// Each card's vpcd client is an asynchronous loop: an idle card holds no thread and no frame buffer.
    /// </summary>
    private static int RunFleet(CliContext context, Options a, int cards)
    {
        var (output, log) = (context.Output, context.Log);
        var singleOnly = new[]
        {
            ("--store", a.Store is not null), ("--vpcd", a.Vpcd is not null), ("--eid", a.Eid is not null),
            ("--deterministic", a.Seed is not null), ("--sgp32", a.Sgp32 is not null),
        };
        foreach (var (name, given) in singleOnly)
        {
            if (given) throw new CliException($"{name}: not with --cards (use --store-dir, --vpcd-base-port)");
        }
        var dir = Path.GetFullPath(a.StoreDir ?? Path.Combine(Path.GetDirectoryName(StorePaths.Default())!, "fleet"));
        var basePort = a.BasePort ?? VpcdClientOptions.DefaultPort;
        if (basePort + cards - 1 > 65535) throw new CliException($"--vpcd-base-port: {basePort} + {cards} cards runs past port 65535");
        var host = a.VpcdHost ?? VpcdClientOptions.DefaultHost;
        var verbose = a.Verbose;

        IReadOnlyList<State.CardIdentityRecord> identities;
        using (var minting = context.Progress("minting card identities", cards))
            identities = FleetCommand.LoadOrMint(dir, cards, log, minting);
        var opened = new List<(Storage.LiteDb.LiteDbCardStore Store, Card.VirtualEuicc Euicc)>(cards);
        using var stop = new StopSignal();
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
            log.WriteLine($"{cards} cards ({identities[0].Eid} ..) serving vpcd at {host}:{basePort}..{basePort + cards - 1} "
                + $"(stores in {dir}); Ctrl-C stops");
            output.WriteLine("pcscd reader.conf.d lines for these ports:");
            output.Write(FleetCommand.ReaderConf(cards, basePort));
            stop.Token.WaitHandle.WaitOne();
            Task.WaitAll([.. runs]);
        }
        finally
        {
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
