using EuiccEmulator.Card;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.Servers.Es9;
using EuiccEmulator.Servers.Hosting;
using EuiccEmulator.Servers.Lpa;
using EuiccEmulator.Servers.Smdp;
using EuiccEmulator.State;

namespace EuiccEmulator.Servers.Tests.Hosting;

public class SmdpServerTests
{
    // An LPA posts notifications to https://notificationAddress/: off port 443 the address the card signs for carries the port.
    [Theory]
    [InlineData("testsmdpplus1.example.com", 8443, "testsmdpplus1.example.com:8443")]
    [InlineData("127.0.0.1", 18443, "127.0.0.1:18443")]
    [InlineData("testsmdpplus1.example.com", 443, "testsmdpplus1.example.com")]
    [InlineData("testsmdpplus1.example.com", 0, "testsmdpplus1.example.com")]
    [InlineData("smdp.example.com:9443", 8443, "smdp.example.com:9443")]
    public void The_served_address_carries_the_port_unless_it_is_443(string address, int port, string expected) =>
        Assert.Equal(expected, SmdpServer.ServedAddress(address, port));

    [Fact]
    public async Task Activation_codes_printed_name_the_address_the_card_signs_for()
    {
        var catalog = new EuiccEmulator.Servers.Smdp.ProfileCatalog();
        var (host, service) = await SmdpServer.StartAsync(
            new SmdpServerOptions { Listen = new ListenOptions(), Catalog = catalog, Https = false }, _ => { });
        await using (host)
        {
            // Port 0 (any free port): the address stays the name, the printed code adds the bound port once.
            Assert.Equal(EuiccEmulator.Peers.TestSmdpOptions.DefaultAddress, service.Address);
            var lines = SmdpServer.Instructions(host, service, null).ToList();
            Assert.Contains(lines, l => l.Contains($"'LPA:1${service.Address}:{host.Port}$MATCHINGID'", StringComparison.Ordinal));
            Assert.Contains(lines, l => l == $"  hosts-file line: {host.BaseUri.Host} {service.Address}");
        }
    }

    // smdp serve --ci DIR: DPauth, DPpb and the TLS certificate under a private CI; a card of that CI downloads, and a
    // client that trusts only the SGP.26 CI refuses the TLS certificate.
    [Fact]
    public async Task A_private_ci_signs_the_session_and_the_tls_certificate()
    {
        var ci = PrivateCiFactory.Create(new PrivateCiOptions());
        var iccid = Iccid.Parse("8900010000000000124");
        var upp = ProfilePackageBuilder.BuildUsim(new UsimProfileParameters
        {
            Iccid = iccid,
            Imsi = "001010000000124",
            K = Convert.FromHexString("000102030405060708090A0B0C0D0E0F"),
            Opc = Convert.FromHexString("101112131415161718191A1B1C1D1E1F"),
        });
        var catalog = new ProfileCatalog();
        catalog.Add(new ServedProfile("PRIV-1", upp, ProfileImporter.Import(upp).Profile!.ToMetadata(), SmdpFaults.None, "test"));
        var (host, service) = await SmdpServer.StartAsync(
            new SmdpServerOptions { Listen = new ListenOptions(), Catalog = catalog, Ci = ci }, _ => { });
        await using (host)
        {
            var identity = CardIdentityFactory.Create(Eid.Parse("89049032123451234512345678901235"),
                new CardIdentityOptions { Chains = [ci], TrustSgp26Cis = false });
            using var euicc = new VirtualEuicc(new InMemoryCardStore(), identity);
            euicc.Card.PowerOn();
            using var http = new HttpClient(
                new HttpClientHandler { ServerCertificateCustomValidationCallback = TestTls.TrustCi(ci.CiCertificate.ToArray()) });
            using var es9 = new Es9PlusHttpClient(host.BaseUri, http);

            var result = await new LpaClient(new Es10Client(euicc.Card), _ => es9)
                .DownloadAsync(new ActivationCode(service.Address, "PRIV-1"));

            Assert.True(result.Success, result.Text);
            Assert.Contains(service.Events, e =>
                e is { Function: "authenticateClient", Ok: true } && e.Text.Contains("euiccSignature1 verified", StringComparison.Ordinal));
            using var sgp26Only = new Es9PlusHttpClient(host.BaseUri);
            await Assert.ThrowsAsync<HttpRequestException>(() =>
                sgp26Only.InitiateAuthenticationAsync(new byte[16], null, service.Address));
        }
    }
}
