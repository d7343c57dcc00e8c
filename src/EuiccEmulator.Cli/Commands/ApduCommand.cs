using System.CommandLine;
using EuiccEmulator.Cli.Parsing;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu apdu: sends APDUs to the in-process card and prints each response.</summary>
public static class ApduCommand
{
    public static Command Build(CliContext context)
    {
        var store = Opt.Store();
        var seed = Opt.Int("--deterministic", "SEED", 0, int.MaxValue,
            "seeded randomness and RFC 6979 signatures (reproducible responses)");
        var json = Opt.Json();
        var apdus = Opt.Args("HEX", "command APDUs in hex (spaces and colons ignored)", "apdu: give at least one APDU in hex");
        var command = new Command("apdu", "sends APDUs to the in-process card (created if missing) and prints each response in hex")
        {
            store, seed, json, apdus,
        };
        command.SetAction(p => Run(context, p.GetValue(store), p.GetValue(seed), p.GetValue(json), p.GetValue(apdus)!));
        return command;
    }

    private static int Run(CliContext context, string? store, int? seed, bool json, string[] texts)
    {
        var apdus = texts.Select((text, i) =>
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
        using var host = CardHost.Open(store, null, context.Log, seed);
        host.Euicc.Card.PowerOn();
        var exchanges = new List<JsonApdu>();
        foreach (var apdu in apdus)
        {
            var response = host.Euicc.Card.Transmit(apdu);
            if (!json)
            {
                context.Output.WriteLine(Convert.ToHexString(response));
                continue;
            }
            exchanges.Add(new JsonApdu(Convert.ToHexString(apdu), Convert.ToHexString(response.AsSpan(0, response.Length - 2)),
                Convert.ToHexString(response.AsSpan(response.Length - 2))));
        }
        if (json) JsonOut.Write(context.Output, new JsonApduList(host.Euicc.Ecasd.Eid.Digits, exchanges));
        return 0;
    }
}
