using System.Globalization;
using EuiccEmulator.Cli.ConformanceTargets;
using EuiccEmulator.Conformance;
using EuiccEmulator.Conformance.Cases;
using EuiccEmulator.Rsp;
using EuiccEmulator.State;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu conformance: the SGP.23 / SGP.33-1 style suite against the emulator, a PC/SC card or a card behind vpcd.</summary>
public static class ConformanceCommand
{
    public const string Usage = "conformance [--target in-process|pcsc[:READER]|vpcd[:PORT]] [--sgp32 1.0|1.2] [--store FILE] [--junit " +
        "FILE] [--filter TEXT] [--list]";

    public const int DefaultVpcdPort = 35963;

    public static int Run(string[] args, TextWriter output, TextWriter log)
    {
        var a = new CliArgs(args, new HashSet<string> { "list" }, new HashSet<string> { "target", "store", "junit", "filter", "sgp32" });
        if (a.Positional.Count > 0) throw new CliException($"conformance: unexpected argument '{a.Positional[0]}'");
        // --sgp32 1.0: the card is checked as an SGP.32 v1.0 card, with the v1.0 cases and values.
        var version = CardHost.ParseSgp32(a.Value("sgp32")) ?? Sgp32Version.V1_2;
        var checkedVersion = version == Sgp32Version.V1_0 ? IotVersion.V1_0 : IotVersion.V1_2;
        var cases = ConformanceRunner.Filter(Catalog.For(checkedVersion), a.Value("filter")).ToList();
        if (a.Flag("list"))
        {
            foreach (var c in cases) output.WriteLine($"{c.Id,-66} {c.Area,-16} {c.Section}  {c.Title}");
            output.WriteLine($"{cases.Count} cases");
            return 0;
        }
        if (cases.Count == 0) throw new CliException($"--filter: no case matches '{a.Value("filter")}'");
        using var target = OpenTarget(a.Value("target") ?? "in-process", a.Value("store"), log, version);
        output.WriteLine(version == Sgp32Version.V1_2 ? $"target: {target.Name}; {cases.Count} cases" : $"target: {target.Name}; SGP.32 " +
            $"v{version.Text()}; {cases.Count} cases");
        output.WriteLine(Report.Header);
        var runner = new ConformanceRunner(target) { OnResult = r => output.WriteLine(Report.Row(r)), Sgp32Version = checkedVersion };
        var results = runner.Run(cases);
        output.WriteLine(Report.Summary(results));
        if (a.Value("junit") is { } junit)
        {
            try
            {
                using var file = File.Create(junit);
                Report.WriteJUnit(results, target.Name, file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"--junit: {junit}: {e.Message}");
            }
        }
        return results.Any(r => r.Outcome == CaseOutcome.Failed) ? 1 : 0;
    }

    private static IConformanceTarget OpenTarget(string target, string? store, TextWriter log, Sgp32Version version)
    {
        if (target == "in-process")
        {
            if (store is null) return InProcessTarget.CreateFresh(new Card.CardOs.CardOptions { Sgp32Version = version });
            var host = CardHost.Open(store, null, log, sgp32: version);
            host.Euicc.Card.PowerOn();
            return new InProcessTarget(host.Euicc.Card, $"in-process ({host.Store.Path})", host.Dispose);
        }
        if (store is not null) throw new CliException("--store: only with --target in-process (other cards keep their own state)");
        if (target == "pcsc" || target.StartsWith("pcsc:", StringComparison.Ordinal))
        {
            var card = PcscTarget.Open(target.Length > 5 ? target[5..] : null);
            return new CardTarget($"pcsc ({card.Reader})", card, canReset: true, owner: card, passesShortApdus: false);
        }
        if (target == "vpcd" || target.StartsWith("vpcd:", StringComparison.Ordinal))
        {
            var port = DefaultVpcdPort;
            if (target.Length > 5 && (!int.TryParse(target[5..], NumberStyles.None, CultureInfo.InvariantCulture, out port)
                || port is < 0 or > 65535))
            {
                throw new CliException($"--target: '{target[5..]}' is not a port number");
            }

            VpcdServerCard server;
            try
            {
                server = new VpcdServerCard(port);
            }
            catch (System.Net.Sockets.SocketException e)
            {
                throw new CliException($"--target: cannot listen on port {port}: {e.Message}");
            }
            log.WriteLine($"waiting for a card on 127.0.0.1:{server.Port} (e.g. euicc-emu serve --vpcd 127.0.0.1:{server.Port}) ...");
            try
            {
                server.Accept(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException e)
            {
                server.Dispose();
                throw new CliException("--target: " + e.Message);
            }
            // One-byte payloads are control codes in the vpcd protocol, so the short-command cases cannot be sent.
            return new CardTarget($"vpcd (card on port {server.Port})", server, canReset: true, owner: server, passesShortApdus: false);
        }
        throw new CliException($"--target: '{target}' is not in-process, pcsc[:READER] or vpcd[:PORT]");
    }
}
