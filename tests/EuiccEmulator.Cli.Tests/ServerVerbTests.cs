using EuiccEmulator.Peers;
using EuiccEmulator.Peers.Eim;

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
    public void Server_verbs_refuse_bad_arguments_in_one_line(params string[] args)
    {
        using var output = new StringWriter();
        using var log = new StringWriter();
        Assert.Equal(2, Program.Run(args, output, log));
        Assert.StartsWith("error: ", log.ToString(), StringComparison.Ordinal);
        Assert.Single(log.ToString().Trim().Split('\n'));
    }
}
