using System.CommandLine;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Cli.Parsing;
using EuiccEmulator.Rsp.Pki;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu keys new-ci: a private CI and EUM for labs with their own PKI.</summary>
public static class KeysCommand
{
    public static Command Build(CliContext context)
    {
        var output = Opt.Needed("--out", "DIR", "the directory to write the CI and EUM into",
            "--out: the directory to write the CI into is required");
        var curve = Opt.Parsed("--curve", "nist|brainpool", "the curve of the CI and EUM keys (default nist)", ParseCurve, "nist",
            "brainpool");
        var prefix = Opt.Text("--eid-prefix", "DIGITS", "the EID prefix the EUM certifies (2 to 30 digits, default 89049032)");
        var newCi = new Command("new-ci", "creates a private CI and EUM (a test PKI of your own; TEST ONLY)") { output, curve, prefix };
        newCi.SetAction(p => NewCi(context.Output, p.GetValue(output)!, p.GetValue(curve), p.GetValue(prefix)));
        return new Command("keys", "test PKI of your own") { newCi };
    }

    internal static EcCurve? ParseCurve(string text) =>
        EcCurves.TryParse(text, out var curve) ? curve : throw new CliException($"--curve: '{text}' is not nist or brainpool");

    private static int NewCi(TextWriter output, string dir, EcCurve? chosen, string? eidPrefix)
    {
        var curve = chosen ?? EcCurve.NistP256;
        var prefix = eidPrefix ?? "89049032";
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
