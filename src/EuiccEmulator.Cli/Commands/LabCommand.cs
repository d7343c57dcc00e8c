using System.Runtime.InteropServices;
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
    public const string Usage = "lab [--store FILE] [--vpcd HOST:PORT] [--listen HOST:PORT] [--profiles DIR] [--address NAME] [--http] "
        + "[--trust-out FILE] [--eim-listen HOST:PORT] [--eim-store FILE] [--eim-id ID]";

    public static int Run(string[] args, TextWriter output, TextWriter log)
    {
        var a = new CliArgs(args, new HashSet<string> { "http" },
            new HashSet<string> { "store", "vpcd", "listen", "profiles", "address", "trust-out", "eim-listen", "eim-store", "eim-id" });
        if (a.Positional.Count > 0) throw new CliException($"lab: unexpected argument '{a.Positional[0]}'");
        var endpoint = a.Value("vpcd") ?? $"{VpcdClientOptions.DefaultHost}:{VpcdClientOptions.DefaultPort}";
        if (!VpcdClientOptions.TryParseEndpoint(endpoint, out var vpcdHost, out var vpcdPort))
            throw new CliException($"--vpcd: '{endpoint}' is not HOST:PORT");
        var listen = SmdpCommand.ParseListen(a.Value("listen") ?? "127.0.0.1:8443");
        ProfileCatalog catalog;
        try
        {
            catalog = a.Value("profiles") is { } dir ? ProfileCatalog.Load(dir) : DemoCatalog();
        }
        catch (CatalogException e)
        {
            throw new CliException(e.Message);
        }
        var https = !a.Flag("http");
        var options = new SmdpServerOptions { Listen = listen, Catalog = catalog,
            Address = a.Value("address") ?? TestSmdpOptions.DefaultAddress, Https = https };
        var eimOptions = new EimServerOptions
        {
            Listen = SmdpCommand.ParseListen(a.Value("eim-listen") ?? "127.0.0.1:8444"),
            StorePath = a.Value("eim-store") ?? EimCommand.DefaultStore(),
            EimId = a.Value("eim-id") ?? EuiccEmulator.Peers.Eim.TestEimOptions.DefaultEimId,
            Https = https,
        };

        using var card = CardHost.Open(a.Value("store"), null, log);
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
                var trust = SmdpCommand.WriteTrustFile(a.Value("trust-out"), https);
                output.WriteLine($"card {card.Euicc.Ecasd.Eid} (store {card.Store.Path}) served to vpcd at {vpcdHost}:{vpcdPort}: "
                    + $"reader 'Virtual PCD 00 00' once pcscd runs");
                foreach (var line in SmdpServer.Instructions(host, service, trust)) output.WriteLine(line);
                foreach (var line in EimServer.Instructions(eimHost, eim, trust)) output.WriteLine(line);
                output.WriteLine($"  this card's EID for eim queue: {card.Euicc.Ecasd.Eid}");
                output.WriteLine("  the card trusts the same SGP.26 TEST CI that issued the SM-DP+ certificates; "
                    + "every card signature is verified and printed below");
                stop.Token.WaitHandle.WaitOne();
                vpcd.Wait(TimeSpan.FromSeconds(5));
            }
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKey;
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
