using System.CommandLine;
using System.Globalization;
using EuiccEmulator.Cli.Parsing;
using EuiccEmulator.Cli.ConformanceTargets;
using EuiccEmulator.Conformance;
using EuiccEmulator.Conformance.Cases;
using EuiccEmulator.Rsp;
using EuiccEmulator.State;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu conformance: the SGP.23 / SGP.33-1 style suite against the emulator, a PC/SC card or a card behind vpcd.</summary>
public static class ConformanceCommand
{
    public const int DefaultVpcdPort = 35963;

    public static Command Build(CliContext context)
    {
        var target = Opt.Text("--target", "in-process|pcsc[:READER]|vpcd[:PORT]",
            "the card under test: this emulator in-process (default), a PC/SC reader, or a card that connects to vpcd PORT");
        target.CompletionSources.Add("in-process", "pcsc", "vpcd");
        var sgp32 = Opt.Sgp32("check as an SGP.32 v1.0 or v1.2 card (default 1.2): the cases and values of that version");
        var store = Opt.Text("--store", "FILE", "in-process only: run against this stored card instead of a fresh one");
        var junit = Opt.Text("--junit", "FILE", "also write a JUnit XML report");
        var filter = Opt.Text("--filter", "TEXT", "only the cases whose id, area or section contains TEXT");
        var list = Opt.Flag("--list", "list the cases instead of running them");
        var json = Opt.Json();
        var command = new Command("conformance",
            "the SGP.23 / SGP.33-1 style suite against the emulator or a real card; exit 1 when a case fails")
        {
            target, sgp32, store, junit, filter, list, json,
        };
        command.SetAction(p => Run(context, p.GetValue(target), p.GetValue(sgp32), p.GetValue(store), p.GetValue(junit),
            p.GetValue(filter), p.GetValue(list), p.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string? targetText, Sgp32Version? sgp32, string? store, string? junit, string? filter,
        bool list, bool json)
    {
        var (output, log) = (context.Output, context.Log);
        // --sgp32 1.0: the card is checked as an SGP.32 v1.0 card, with the v1.0 cases and values.
        var version = sgp32 ?? Sgp32Version.V1_2;
        var checkedVersion = version == Sgp32Version.V1_0 ? IotVersion.V1_0 : IotVersion.V1_2;
        var cases = ConformanceRunner.Filter(Catalog.For(checkedVersion), filter).ToList();
        if (list)
        {
            if (json)
            {
                JsonOut.Write(output, new JsonCaseList(version.Text(), [.. cases.Select(c => new JsonCase(c.Id, c.Area, c.Section,
                    c.Title))]));
                return 0;
            }
            foreach (var c in cases) output.WriteLine($"{c.Id,-66} {c.Area,-16} {c.Section}  {c.Title}");
            output.WriteLine($"{cases.Count} cases");
            return 0;
        }
        if (cases.Count == 0) throw new CliException($"--filter: no case matches '{filter}'");
        using var target = OpenTarget(targetText ?? "in-process", store, log, version);
        if (!json)
        {
            output.WriteLine(version == Sgp32Version.V1_2
                ? $"target: {target.Name}; {cases.Count} cases"
                : $"target: {target.Name}; SGP.32 " +
                $"v{version.Text()}; {cases.Count} cases");
            output.WriteLine(Report.Header);
        }
        // Rows are the progress on a terminal; with --json, or with stdout redirected, a progress line on stderr is.
        using var progress = context.Progress("conformance", cases.Count);
        var rowsShowProgress = !json && !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out);
        var runner = new ConformanceRunner(target)
        {
            OnResult = r =>
            {
                if (!json) output.WriteLine(Report.Row(r));
                if (!rowsShowProgress) progress.Step(r.Id);
            },
            Sgp32Version = checkedVersion,
        };
        var results = runner.Run(cases);
        progress.Dispose();
        if (json)
        {
            JsonOut.Write(output, new JsonConformance(target.Name, version.Text(), Count(CaseOutcome.Passed), Count(CaseOutcome.Failed),
                Count(CaseOutcome.Skipped), [.. results.Select(r => new JsonCaseResult(r.Id, r.Outcome.ToString().ToLowerInvariant(),
                    r.Reason,
                    Math.Round(r.Elapsed.TotalMilliseconds, 3)))]));
        }
        else
        {
            output.WriteLine(Report.Summary(results));
        }
        if (junit is not null)
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

        int Count(CaseOutcome outcome) => results.Count(r => r.Outcome == outcome);
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
