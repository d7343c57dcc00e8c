using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Rsp;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;
using EuiccEmulator.Storage.LiteDb;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu init: creates a card identity (EID, key pair, CERT.EUICC) in a store.</summary>
public static class InitCommand
{
    public const string Usage = "init [--store FILE] [--eid EID | --random-eid] [--ci DIR]... [--no-sgp26] [--sgp32 1.0|1.2]";

    public static int Run(string[] args, TextWriter output, TextWriter log)
    {
        var a = new CliArgs(args, new HashSet<string> { "random-eid", "no-sgp26" }, new HashSet<string> { "store", "eid", "ci", "sgp32" });
        if (a.Positional.Count > 0) throw new CliException($"init: unexpected argument '{a.Positional[0]}'");
        var sgp32 = CardHost.ParseSgp32(a.Value("sgp32")) ?? Sgp32Version.V1_2;
        var bundles = a.Values("ci").Select(LoadBundle).ToList();
        var withSgp26 = !a.Flag("no-sgp26");
        if (bundles.Count == 0 && !withSgp26) throw new CliException("--no-sgp26: needs at least one --ci DIR to sign with");
        var chains = new List<CiBundle>();
        if (withSgp26 && bundles.Count == 0) chains.Add(TestPki.Sgp26Nist);
        chains.AddRange(bundles);

        Eid eid;
        if (a.Value("eid") is { } text) eid = CardHost.ParseEid(text);
        else if (a.Flag("random-eid") || bundles.Count > 0)
            eid = EidGenerator.Generate(chains[0].EidPrefix.Length is > 0 and <= 30 ? chains[0].EidPrefix : EidGenerator.DefaultPrefix);
        else eid = Eid.Parse(CardHost.DefaultEid);

        var identityOptions = new CardIdentityOptions { Chains = chains, TrustSgp26Cis = withSgp26 };
        CardIdentityRecord identity;
        try
        {
            identity = CardIdentityFactory.Create(eid, identityOptions) with { Sgp32Version = sgp32 };
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--eid: {e.Message}");
        }

        using var store = LiteDbCardStore.Open(a.Value("store") ?? StorePaths.Default());
        if (store.LoadIdentity() is { } existing)
            throw new CliException($"{store.Path}: already holds card {existing.Eid}; nothing was changed");
        store.SaveIdentity(identity);
        CardHost.WarnIfTestKeys(identity, log);
        output.WriteLine($"card {identity.Eid} created in {store.Path}");
        return 0;
    }

    private static CiBundle LoadBundle(string dir)
    {
        try
        {
            return CiBundle.Load(dir);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new CliException($"--ci: {e.Message}");
        }
    }
}
