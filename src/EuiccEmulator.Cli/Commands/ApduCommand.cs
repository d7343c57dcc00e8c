namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu apdu: sends APDUs to the in-process card and prints each response.</summary>
public static class ApduCommand
{
    public const string Usage = "apdu [--store FILE] [--deterministic SEED] HEX...";

    public static int Run(string[] args, TextWriter output, TextWriter log)
    {
        var a = new CliArgs(args, new HashSet<string>(), new HashSet<string> { "store", "deterministic" });
        if (a.Positional.Count == 0) throw new CliException("apdu: give at least one APDU in hex");
        var apdus = a.Positional.Select((text, i) =>
        {
            var hex = text.Replace(" ", "", StringComparison.Ordinal).Replace(":", "", StringComparison.Ordinal);
            try
            {
                return Convert.FromHexString(hex);
            }
            catch (FormatException)
            {
                throw new CliException($"apdu: argument {i + 1} '{text}' is not hex");
            }
        }).ToList();
        using var host = CardHost.Open(a.Value("store"), null, log, a.Int("deterministic", 0, int.MaxValue));
        host.Euicc.Card.PowerOn();
        foreach (var apdu in apdus)
            output.WriteLine(Convert.ToHexString(host.Euicc.Card.Transmit(apdu)));
        return 0;
    }
}
