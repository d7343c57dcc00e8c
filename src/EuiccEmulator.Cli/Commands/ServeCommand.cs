using System.Runtime.InteropServices;
using EuiccEmulator.Vpcd;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu serve: the card as a vpcd client, until Ctrl-C.</summary>
public static class ServeCommand
{
    public const string Usage = "serve [--store FILE] [--vpcd HOST:PORT] [--eid EID] [--verbose] [--deterministic SEED]";

    public static int Run(string[] args, TextWriter output, TextWriter log)
    {
        var a = new CliArgs(args, new HashSet<string> { "verbose" }, new HashSet<string> { "store", "vpcd", "eid", "deterministic" });
        if (a.Positional.Count > 0) throw new CliException($"serve: unexpected argument '{a.Positional[0]}'");
        var endpoint = a.Value("vpcd") ?? $"{VpcdClientOptions.DefaultHost}:{VpcdClientOptions.DefaultPort}";
        if (!VpcdClientOptions.TryParseEndpoint(endpoint, out var host, out var port))
            throw new CliException($"--vpcd: '{endpoint}' is not HOST:PORT");
        var seed = a.Int("deterministic", 0, int.MaxValue);
        var verbose = a.Flag("verbose");

        using var host_ = CardHost.Open(a.Value("store"), a.Value("eid"), log, seed);
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
                $"> {Convert.ToHexString(command)}  [{Es10Names.Describe(command)}]\n< {Convert.ToHexString(response)}") : null,
            EventObserver = e =>
            {
                if (e.Kind is VpcdEventKind.Connected or VpcdEventKind.Disconnected || verbose && e.Kind != VpcdEventKind.AtrRequested)
                    log.WriteLine($"vpcd: {e.Kind} {e.Detail}");
            },
        };
        log.WriteLine($"card {host_.Euicc.Ecasd.Eid} serving vpcd at {host}:{port} (store {host_.Store.Path}); Ctrl-C stops");
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
}
