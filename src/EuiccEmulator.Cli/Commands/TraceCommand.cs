using EuiccEmulator.Rsp;
using EuiccEmulator.Rsp.Trace;

namespace EuiccEmulator.Cli.Commands;

/// <summary>
/// euicc-emu trace: decodes a logged APDU exchange (the --verbose log of serve, golden transcripts, or plain hex lines
/// alternating command and response) into ES10 functions and fields named by ASN.1 path (the library's TraceDecoder).
/// </summary>
public static class TraceCommand
{
    public const string Usage = "trace FILE [--sgp32 1.0|1.2]   (a serve --verbose log, '> hex' / '< hex' pairs, or alternating hex lines)";

    public static int Run(string[] args, TextWriter output, TextWriter log)
    {
        var a = new CliArgs(args, new HashSet<string>(), new HashSet<string> { "sgp32" });
        if (a.Positional.Count != 1) throw new CliException("trace: give one FILE");
        var path = a.Positional[0];
        var version = CardHost.ParseSgp32(a.Value("sgp32")) ?? Sgp32Version.V1_2;
        if (!File.Exists(path)) throw new CliException($"{path}: no such file");
        int count;
        try
        {
            count = TraceDecoder.Decode(path, output, version, ServeCommand.LogLinePrefixes);
        }
        catch (TraceFormatException e)
        {
            throw new CliException(e.Message);
        }
        catch (IOException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }
        output.WriteLine($"{count} exchanges");
        return 0;
    }
}
