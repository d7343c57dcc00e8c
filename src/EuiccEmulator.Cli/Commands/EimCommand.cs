using EuiccEmulator.Peers.Eim;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu eim: the test eIM (SGP.32). Today: the AddInitialEim request that associates a card with it.</summary>
public static class EimCommand
{
    public const string Usage = "eim add-initial-request [--eim-id ID] [--address FQDN]";

    public static int Run(string[] args, TextWriter output, TextWriter log)
    {
        if (args.Length == 0) throw new CliException($"eim: expected a subcommand; usage: {Usage}");
        switch (args[0])
        {
            case "add-initial-request":
            {
                var a = new CliArgs(args[1..], new HashSet<string>(), new HashSet<string> { "eim-id", "address" });
                if (a.Positional.Count > 0) throw new CliException($"eim add-initial-request: unexpected argument '{a.Positional[0]}'");
                output.WriteLine(Convert.ToHexString(AddInitialRequest(a.Value("eim-id"), a.Value("address"))));
                return 0;
            }
            case "serve" or "queue":
                throw new CliException($"eim {args[0]}: the eIM network server is not available yet");
            default:
                throw new CliException($"eim: unknown subcommand '{args[0]}'; usage: {Usage}");
        }
    }

    /// <summary>BF57 with the test eIM's eimId, address, SGP.26 signing key (NIST) and associationToken -1.</summary>
    // SGP.32 §5.9.4: associationToken -1 asks the card to assign one.
    internal static byte[] AddInitialRequest(string? eimId, string? address)
    {
        using var eim = new TestEim(new TestEimOptions { EimId = eimId ?? TestEimOptions.DefaultEimId, EimFqdn = address ?? eimId ?? TestEimOptions.DefaultEimId });
        return TestEim.BuildAddInitialEimRequest(eim.ConfigurationData with { AssociationToken = EimConfigurationData.AssignAssociationToken });
    }
}
