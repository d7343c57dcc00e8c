using EuiccEmulator.Card;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.Servers.Eim;
using EuiccEmulator.Servers.Es9;
using EuiccEmulator.Servers.Hosting;
using EuiccEmulator.Servers.Ipa;
using EuiccEmulator.Servers.Lpa;
using EuiccEmulator.Servers.Smdp;
using EuiccEmulator.Servers.Tests.Support;
using EuiccEmulator.State;
using EuiccEmulator.Vpcd;

namespace EuiccEmulator.Servers.Tests.Hosting;

/// <summary>
/// The lab's pieces as a user runs them: the card behind the emulator's vpcd client, the test SM-DP+ and the test eIM
/// over HTTPS; the project's LPA and IPA clients reach the card through the vpcd protocol, not in-process.
/// </summary>
public sealed class LabOverVpcdTests
{
    [Fact]
    public async Task Download_notifications_an_eim_enable_package_and_an_indirect_download_over_https_and_vpcd()
    {
        var iccid = Iccid.Parse("8900010000000000124");
        var upp = ProfilePackageBuilder.BuildUsim(new UsimProfileParameters
        {
            Iccid = iccid,
            Imsi = "001010000000124",
            K = Convert.FromHexString("000102030405060708090A0B0C0D0E0F"),
            Opc = Convert.FromHexString("101112131415161718191A1B1C1D1E1F"),
        });
        var metadata = ProfileImporter.Import(upp).Profile!.ToMetadata() with
        {
            NotificationConfigs = [new NotificationConfig(NotificationEvents.Enable, TestSmdpOptions.DefaultAddress)],
        };
        var catalog = new ProfileCatalog();
        catalog.Add(new ServedProfile("LAB-1", upp, metadata, SmdpFaults.None, "test"));
        var iccid2 = Iccid.Parse("8900010000000000132");
        var upp2 = ProfilePackageBuilder.BuildUsim(new UsimProfileParameters
        {
            Iccid = iccid2,
            Imsi = "001010000000132",
            K = Convert.FromHexString("000102030405060708090A0B0C0D0E0F"),
            Opc = Convert.FromHexString("101112131415161718191A1B1C1D1E1F"),
        });
        catalog.Add(new ServedProfile("LAB-2", upp2, ProfileImporter.Import(upp2).Profile!.ToMetadata(), SmdpFaults.None, "test"));
        var eimLog = new List<string>();
        var store = Path.Combine(Path.GetTempPath(), $"lab-eim-{Guid.NewGuid():N}.db");
        var (smdpHost, smdp) = await SmdpServer.StartAsync(new SmdpServerOptions { Listen = new ListenOptions(), Catalog = catalog },
            _ => { });
        // The eIM relays indirect downloads to the SM-DP+ over HTTPS, as two separate servers do.
        using var relayEs9 = new Es9PlusHttpClient(smdpHost.BaseUri);
        var (eimHost, eim) = await EimServer.StartAsync(
            new EimServerOptions { Listen = new ListenOptions(), StorePath = store, SmdpFor = _ => relayEs9 },
            l => { lock (eimLog) eimLog.Add(l); });
        using var euicc = new VirtualEuicc(new InMemoryCardStore(),
            CardIdentityFactory.Create(Eid.Parse("89049032123451234512345678901235")));
        using var reader = new VpcdReader();
        using var stop = new CancellationTokenSource();
        var vpcd = new VpcdClient(euicc.Card, new VpcdClientOptions { Host = "127.0.0.1", Port = reader.Port }).RunAsync(stop.Token);
        try
        {
            await reader.AcceptAsync(TimeSpan.FromSeconds(10));
            reader.PowerOn();
            Assert.False(reader.Atr.IsEmpty);
            // The terminal announces REFRESH (ETSI TS 102 223 §5.2, byte 3 b8), so a profile switch queues one.
            Assert.Equal("9000", Convert.ToHexString(reader.Transmit(Convert.FromHexString("801000000400008000"))));
            var client = new Es10Client(reader);
            using var es9 = new Es9PlusHttpClient(smdpHost.BaseUri);

            var download = await new LpaClient(client, _ => es9).DownloadAsync(new ActivationCode(smdp.Address, "LAB-1"));
            Assert.True(download.Success, download.Text);
            Assert.Contains(smdp.Events, e =>
                e is { Function: "handleNotification", Ok: true } && e.Text.Contains($"installed {iccid}", StringComparison.Ordinal));

            Assert.True(client.Send(eim.AddInitialEimRequest()).IsSuccess);
            using var esipa = new EsipaHttpClient(eimHost.BaseUri);
            var ipa = new IpaClient(client, esipa, eim.EimId);
            await esipa.QueueAsync(euicc.Ecasd.Eid.ToString(), "ipa-data");
            Assert.True((await ipa.PollOnceAsync()).PackageReceived);
            await esipa.QueueAsync(euicc.Ecasd.Eid.ToString(), "enable", iccid.ToString());
            Assert.True((await ipa.PollOnceAsync()).PackageReceived);

            Assert.Contains(eim.Events, e => e is { Function: "provideEimPackageResult", Ok: true }
                && e.Text.Contains("Enable result 0", StringComparison.Ordinal)
                && e.Text.Contains("euiccSignEPR verified", StringComparison.Ordinal));
            Assert.Equal(1, await ipa.SendNotificationsAsync());
            Assert.Contains(eim.Events, e =>
                e is { Function: "handleNotification", Ok: true } && e.Text.Contains("enable", StringComparison.Ordinal));
            Assert.Equal(ProfileState.Enabled, euicc.Engine.Profiles.Single().State);
            // The switch queued a REFRESH (91 0B): the terminal's part, FETCH and TERMINAL RESPONSE, ends the CAT session.
            Assert.Equal("D009810301010482028182" + "9000", Convert.ToHexString(reader.Transmit(Convert.FromHexString("801200000B"))));
            Assert.Equal("9000", Convert.ToHexString(reader.Transmit(Convert.FromHexString("801400000C810301010402028281830100"))));

            // Indirect download: the LPA's ES9+ calls as ESipa messages to the eIM, relayed to the SM-DP+.
            var indirect = await new LpaClient(client, _ => new EsipaEs9Relay(esipa))
                .DownloadAsync(new ActivationCode(smdp.Address, "LAB-2"));
            Assert.True(indirect.Success, indirect.Text + "\n" + string.Join("\n", eimLog));
            Assert.Contains(euicc.Engine.Profiles, p => p.Iccid == iccid2);
            Assert.Contains(eim.Events, e =>
                e is { Function: "getBoundProfilePackage", Ok: true } && e.Text.Contains("relayed", StringComparison.Ordinal));
            Assert.Contains(smdp.Events, e =>
                e is { Function: "handleNotification", Ok: true } && e.Text.Contains($"installed {iccid2}", StringComparison.Ordinal));
        }
        finally
        {
            await stop.CancelAsync();
            await vpcd.WaitAsync(TimeSpan.FromSeconds(10));
            await smdpHost.DisposeAsync();
            await eimHost.DisposeAsync();
            eim.Dispose();
            File.Delete(store);
        }
    }
}
