using EuiccEmulator.Peers;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Servers.Hosting;

namespace EuiccEmulator.Cli.Tests;

public class ServerVerbTests
{
    [Fact]
    public void Eim_add_initial_request_prints_one_BF57_line_with_the_sgp26_key_and_token_minus_one()
    {
        using var output = new StringWriter();
        using var log = new StringWriter();
        Assert.Equal(0, Program.Run(["eim", "add-initial-request"], output, log));
        var line = output.ToString().Trim();
        Assert.DoesNotContain('\n', line);
        var bytes = Convert.FromHexString(line);
        var entry = TlvCodec.ReadSingle(TlvCodec.ReadSingle(bytes).Value).Children()[0];
        var config = EimConfigurationData.Parse(entry.Raw);
        Assert.Equal(TestEimOptions.DefaultEimId, config.EimId);
        Assert.Equal(EimConfigurationData.AssignAssociationToken, config.AssociationToken);
        using var eim = new TestEim();
        Assert.Equal(eim.KeyData.Der, config.EimPublicKeyData!.Der);
    }

    [Theory]
    [InlineData("smdp", "serve", "--listen", "nohost", "--profiles", ".")]
    [InlineData("smdp", "serve", "--listen", "127.0.0.1:8464", "--profiles", "/nonexistent-dir")]
    [InlineData("smdp", "serve", "--profiles", ".")]
    [InlineData("smdp", "start")]
    [InlineData("eim", "serve")]
    [InlineData("eim", "serve", "--listen", "nohost")]
    [InlineData("eim", "queue", "--eid", "89049032123451234512345678901235", "list-profiles")]
    [InlineData("eim", "queue", "--server", "ftp://x", "--eid", "89049032123451234512345678901235", "list-profiles")]
    [InlineData("eim", "queue", "--server", "https://127.0.0.1:9", "--eid", "89049032123451234512345678901235")]
    [InlineData("eim", "queue", "--server", "https://127.0.0.1:9", "--eid", "89049032123451234512345678901235", "enable")]
    [InlineData("eim", "queue", "--server", "https://127.0.0.1:9", "--eid", "89049032123451234512345678901235", "reboot")]
    [InlineData("eim", "queue", "--server", "https://127.0.0.1:9", "--eid", "89049032123451234512345678901235", "download")]
    [InlineData("eim", "queue", "--server", "https://127.0.0.1:9", "--eid", "89049032123451234512345678901235", "list-profiles")]
    public void Server_verbs_refuse_bad_arguments_in_one_line(params string[] args)
    {
        using var output = new StringWriter();
        using var log = new StringWriter();
        Assert.Equal(2, Program.Run(args, output, log));
        Assert.StartsWith("error: ", log.ToString(), StringComparison.Ordinal);
        Assert.Single(log.ToString().Trim().Split('\n'));
    }

    [Theory]
    [InlineData("smdp")]
    [InlineData("eim")]
    [InlineData("lab")]
    [InlineData("store")]
    public void Every_verb_answers_help_with_its_usage(string verb)
    {
        using var output = new StringWriter();
        using var log = new StringWriter();
        Assert.Equal(0, Program.Run([verb, "--help"], output, log));
        Assert.StartsWith($"usage: euicc-emu {verb}", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(log.ToString());
    }

    [Fact]
    public async Task Eim_queue_puts_a_signed_package_on_the_running_eim_over_https()
    {
        var store = Path.Combine(Path.GetTempPath(), $"eim-cli-{Guid.NewGuid():N}.db");
        try
        {
            var (host, service) = await EimServer.StartAsync(new EimServerOptions { Listen = new ListenOptions(), StorePath = store },
                _ => { });
            using (service)
            await using (host)
            {
                using var output = new StringWriter();
                using var log = new StringWriter();
                var eid = "89049032123451234512345678901235";
                Assert.Equal(0,
                    Program.Run(["eim", "queue", "--server", host.BaseUri.ToString(), "--eid", eid, "enable", "8900010000000000124"],
                        output, log));
                Assert.Equal($"queued #1 for {eid}: enable 8900010000000000124, counter 1", output.ToString().Trim());
                var (card, items) = service.State(eid);
                Assert.Equal(1, card!.LastCounter);
                Assert.Equal("queued", items.Single().State);
                Assert.Equal(0xBF51, TlvCodec.ReadSingle(items.Single().Encoded).Tag);
            }
        }
        finally
        {
            File.Delete(store);
        }
    }
}
