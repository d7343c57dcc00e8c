using EuiccEmulator.Servers.Hosting;

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
        var (host, service) = await SmdpServer.StartAsync(new SmdpServerOptions { Listen = new ListenOptions(), Catalog = catalog, Https = false }, _ => { });
        await using (host)
        {
            // Port 0 (any free port): the address stays the name, the printed code adds the bound port once.
            Assert.Equal(EuiccEmulator.Peers.TestSmdpOptions.DefaultAddress, service.Address);
            var lines = SmdpServer.Instructions(host, service, null).ToList();
            Assert.Contains(lines, l => l.Contains($"'LPA:1${service.Address}:{host.Port}$MATCHINGID'", StringComparison.Ordinal));
            Assert.Contains(lines, l => l == $"  hosts-file line: {host.BaseUri.Host} {service.Address}");
        }
    }
}
