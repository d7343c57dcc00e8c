using System.CommandLine;
using EuiccEmulator.Cli.Parsing;
using EuiccEmulator.Rsp;
using EuiccEmulator.Rsp.Trace;

namespace EuiccEmulator.Cli.Commands;

/// <summary>
/// euicc-emu trace: decodes a logged APDU exchange (the --verbose log of serve, golden transcripts, or plain hex lines
/// alternating command and response) into ES10 functions and fields named by ASN.1 path (the library's TraceDecoder).
/// </summary>
public static class TraceCommand
{
    public static Command Build(CliContext context)
    {
        var file = Opt.Arg("FILE", "a serve --verbose log (2>&1 is fine), '> hex' / '< hex' pairs, or alternating hex lines",
            "trace: give one FILE");
        var sgp32 = Opt.Sgp32("decode as an SGP.32 v1.0 or v1.2 card (default 1.2)");
        var command = new Command("trace", "decodes a logged APDU exchange into ES10 functions, every field named by its ASN.1 path")
        {
            file, sgp32,
        };
        command.SetAction(p => Run(context, p.GetValue(file)!, p.GetValue(sgp32) ?? Sgp32Version.V1_2));
        return command;
    }

    private static int Run(CliContext context, string path, Sgp32Version version)
    {
        if (!File.Exists(path)) throw new CliException($"{path}: no such file");
        int count;
        try
        {
            count = TraceDecoder.Decode(path, context.Output, version, ServeCommand.LogLinePrefixes);
        }
        catch (TraceFormatException e)
        {
            throw new CliException(e.Message);
        }
        catch (IOException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }
        context.Output.WriteLine($"{count} exchanges");
        return 0;
    }
}
