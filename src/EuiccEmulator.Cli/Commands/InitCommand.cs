using System.CommandLine;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Cli.Parsing;
using EuiccEmulator.Rsp;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;
using EuiccEmulator.Storage.LiteDb;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu init: creates a card identity (EID, key pair, CERT.EUICC) in a store.</summary>
public static class InitCommand
{
    public static Command Build(CliContext context)
    {
        var store = Opt.Store();
        var eid = Opt.Text("--eid", "EID", "the card's EID (32 digits with valid check digits; default the SGP.26 test EID)");
        var randomEid = Opt.Flag("--random-eid", "a random EID under the CI's EID prefix");
        var ci = Opt.Many("--ci", "DIR", "sign under this private CI (euicc-emu keys new-ci); may be given more than once");
        var noSgp26 = Opt.Flag("--no-sgp26", "do not trust the SGP.26 test CIs (needs --ci)");
        var sgp32 = Opt.Sgp32("the SGP.32 version the card is created as, for good (default 1.2)");
        var command = new Command("init", "creates a card identity (EID, eUICC key pair, CERT.EUICC) in a store that holds none")
        {
            store, eid, randomEid, ci, noSgp26, sgp32,
        };
        command.Validators.Add(r =>
        {
            if (r.GetResult(eid) is not null && r.GetResult(randomEid) is not null) r.AddError("--random-eid: not with --eid");
        });
        command.SetAction(p => Run(context, p.GetValue(store), p.GetValue(eid), p.GetValue(randomEid), p.GetValue(ci) ?? [],
            p.GetValue(noSgp26), p.GetValue(sgp32)));
        return command;
    }

    private static int Run(CliContext context, string? store, string? eidText, bool randomEid, string[] ciDirs, bool noSgp26,
        Sgp32Version? version)
    {
        var (output, log) = (context.Output, context.Log);
        var sgp32 = version ?? Sgp32Version.V1_2;
        var bundles = ciDirs.Select(LoadBundle).ToList();
        var withSgp26 = !noSgp26;
        if (bundles.Count == 0 && !withSgp26) throw new CliException("--no-sgp26: needs at least one --ci DIR to sign with");
        var chains = new List<CiBundle>();
        if (withSgp26 && bundles.Count == 0) chains.Add(TestPki.Sgp26Nist);
        chains.AddRange(bundles);

        Eid eid;
        if (eidText is { } text) eid = CardHost.ParseEid(text);
        else if (randomEid || bundles.Count > 0)
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

        using var cardStore = LiteDbCardStore.Open(store ?? StorePaths.Default());
        if (cardStore.LoadIdentity() is { } existing)
            throw new CliException($"{cardStore.Path}: already holds card {existing.Eid}; nothing was changed");
        cardStore.SaveIdentity(identity);
        CardHost.WarnIfTestKeys(identity, log);
        output.WriteLine($"card {identity.Eid} created in {cardStore.Path}");
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
