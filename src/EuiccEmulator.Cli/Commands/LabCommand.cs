using System.CommandLine;
using EuiccEmulator.Cli.Parsing;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.Servers.Hosting;
using EuiccEmulator.Servers.Smdp;
using EuiccEmulator.State;
using EuiccEmulator.Vpcd;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu lab: the card served to vpcd, the test SM-DP+ and the test eIM over HTTPS, with one test PKI, until Ctrl-C.</summary>
public static class LabCommand
{
    private sealed record Options(
        string? Store, string? Vpcd, string? Listen, string? Profiles, string? Address, bool Http, string? TrustOut, string? EimListen,
        string? EimStore, string? EimId);

    public static Command Build(CliContext context)
    {
        var store = Opt.Store();
        var vpcd = Opt.Text("--vpcd", "HOST:PORT", "where vpcd listens (default 127.0.0.1:35963)");
        var listen = Opt.Text("--listen", "HOST:PORT", "the SM-DP+'s address (default 127.0.0.1:8443)");
        var profiles = Opt.Text("--profiles", "DIR", "the SM-DP+'s ID.der profile packages (default one built-in profile, LAB-1)");
        var address = Opt.Text("--address", "NAME", "the SM-DP+ address (default testsmdpplus1.example.com)");
        var http = Opt.Flag("--http", "plain HTTP instead of HTTPS for both servers");
        var trustOut = Opt.Text("--trust-out", "FILE", "where to write the TLS CA file to trust (default $TMPDIR/euicc-emu-test-ci.pem)");
        var eimListen = Opt.Text("--eim-listen", "HOST:PORT", "the eIM's address (default 127.0.0.1:8444)");
        var eimStore = Opt.Text("--eim-store", "FILE", "the eIM's state (default $XDG_DATA_HOME/euicc-emulator/eim.db)");
        var eimId = Opt.Text("--eim-id", "ID", "the eIM's eimId (default eim.example.com)");
        var command = new Command("lab",
            "the card served to vpcd, the test SM-DP+ and the test eIM over HTTPS with one test PKI, until Ctrl-C")
        {
            store, vpcd, listen, profiles, address, http, trustOut, eimListen, eimStore, eimId,
        };
        command.SetAction(p => Run(context, new Options(p.GetValue(store), p.GetValue(vpcd), p.GetValue(listen), p.GetValue(profiles),
            p.GetValue(address), p.GetValue(http), p.GetValue(trustOut), p.GetValue(eimListen), p.GetValue(eimStore), p.GetValue(eimId))));
        return command;
    }

    private static int Run(CliContext context, Options a)
    {
        var (output, log) = (context.Output, context.Log);
        var endpoint = a.Vpcd ?? $"{VpcdClientOptions.DefaultHost}:{VpcdClientOptions.DefaultPort}";
        if (!VpcdClientOptions.TryParseEndpoint(endpoint, out var vpcdHost, out var vpcdPort))
            throw new CliException($"--vpcd: '{endpoint}' is not HOST:PORT");
        var listen = SmdpCommand.ParseListen(a.Listen ?? "127.0.0.1:8443");
        ProfileCatalog catalog;
        try
        {
            catalog = a.Profiles is { } dir ? ProfileCatalog.Load(dir) : DemoCatalog();
        }
        catch (CatalogException e)
        {
            throw new CliException(e.Message);
        }
        var https = !a.Http;
        var options = new SmdpServerOptions
        {
            Listen = listen, Catalog = catalog, Address = a.Address ?? TestSmdpOptions.DefaultAddress, Https = https,
        };
        var eimOptions = new EimServerOptions
        {
            Listen = SmdpCommand.ParseListen(a.EimListen ?? "127.0.0.1:8444"),
            StorePath = a.EimStore ?? EimCommand.DefaultStore(),
            EimId = a.EimId ?? EuiccEmulator.Peers.Eim.TestEimOptions.DefaultEimId,
            Https = https,
        };

        using var card = CardHost.Open(a.Store, null, log);
        using var stop = new StopSignal();
        var (host, service) = SmdpCommand.StartOrFail(options, output);
        // The lab's eIM relays indirect downloads to the lab's SM-DP+ in-process: no name to resolve.
        var (eimHost, eim) = EimCommand.StartOrFail(eimOptions with { SmdpFor = _ => service }, output);
        using (eim)
        using (eimHost)
        using (host)
        {
            var vpcd = new VpcdClient(card.Euicc.Card, new VpcdClientOptions
            {
                Host = vpcdHost,
                Port = vpcdPort,
                EventObserver = e =>
                {
                    if (e.Kind is VpcdEventKind.Connected or VpcdEventKind.Disconnected) log.WriteLine($"vpcd: {e.Kind} {e.Detail}");
                },
            }).RunAsync(stop.Token);
            var trust = SmdpCommand.WriteTrustFile(a.TrustOut, https);
            output.WriteLine($"card {card.Euicc.Ecasd.Eid} (store {card.Store.Path}) served to vpcd at {vpcdHost}:{vpcdPort}: "
                + "reader 'Virtual PCD 00 00' once pcscd runs");
            foreach (var line in SmdpServer.Instructions(host, service, trust)) output.WriteLine(line);
            foreach (var line in EimServer.Instructions(eimHost, eim, trust)) output.WriteLine(line);
            output.WriteLine($"  this card's EID for eim queue: {card.Euicc.Ecasd.Eid}");
            output.WriteLine("  the card trusts the same SGP.26 TEST CI that issued the SM-DP+ certificates; "
                + "every card signature is verified and printed below");
            stop.Token.WaitHandle.WaitOne();
            vpcd.Wait(TimeSpan.FromSeconds(5));
        }
        log.WriteLine("stopped");
        return 0;
    }

    /// <summary>One generated USIM profile under matching ID LAB-1.</summary>
    private static ProfileCatalog DemoCatalog()
    {
        var iccid = Iccid.Parse("8900010000000000124");
        var upp = ProfilePackageBuilder.BuildUsim(new UsimProfileParameters
        {
            Iccid = iccid,
            Imsi = "001010000000124",
            K = Convert.FromHexString("000102030405060708090A0B0C0D0E0F"),
            Opc = Convert.FromHexString("101112131415161718191A1B1C1D1E1F"),
        });
        var record = ProfileImporter.Import(upp).Profile! with { ServiceProviderName = "Lab Operator", ProfileName = "Lab profile" };
        var catalog = new ProfileCatalog();
        catalog.Add(new ServedProfile("LAB-1", upp, record.ToMetadata(), SmdpFaults.None, "built-in"));
        return catalog;
    }
}
