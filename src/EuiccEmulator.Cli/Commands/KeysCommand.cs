using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Rsp.Pki;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu keys new-ci: a private CI and EUM for labs with their own PKI.</summary>
public static class KeysCommand
{
    public const string Usage = "keys new-ci --out DIR [--curve nist|brainpool] [--eid-prefix DIGITS]";

    public static int Run(string[] args, TextWriter output, TextWriter log)
    {
        if (args.Length == 0 || args[0] != "new-ci") throw new CliException($"keys: expected 'new-ci'; usage: {Usage}");
        var a = new CliArgs(args[1..], new HashSet<string>(), new HashSet<string> { "out", "curve", "eid-prefix" });
        if (a.Positional.Count > 0) throw new CliException($"keys new-ci: unexpected argument '{a.Positional[0]}'");
        var dir = a.Value("out") ?? throw new CliException("--out: the directory to write the CI into is required");
        var curve = EcCurve.NistP256;
        if (a.Value("curve") is { } text && !EcCurves.TryParse(text, out curve))
            throw new CliException($"--curve: '{text}' is not nist or brainpool");
        var prefix = a.Value("eid-prefix") ?? "89049032";
        if (prefix.Length is < 2 or > 30 || !prefix.All(char.IsAsciiDigit))
            throw new CliException("--eid-prefix: 2 to 30 decimal digits");
        try
        {
            PrivateCiFactory.CreateInDirectory(dir, new PrivateCiOptions { Curve = curve, EidPrefix = prefix });
        }
        catch (IOException e)
        {
            throw new CliException($"--out: {e.Message}");
        }
        output.WriteLine($"private CI ({curve}) and EUM for EIDs {prefix}... written to {Path.GetFullPath(dir)}: TEST ONLY");
        return 0;
    }
}
