using System.CommandLine;
using System.Globalization;
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
        var json = Opt.Json();
        var command = new Command("trace", "decodes a logged APDU exchange into ES10 functions, every field named by its ASN.1 path")
        {
            file, sgp32, json,
        };
        command.SetAction(p => Run(context, p.GetValue(file)!, p.GetValue(sgp32) ?? Sgp32Version.V1_2, p.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string path, Sgp32Version version, bool json)
    {
        if (!File.Exists(path)) throw new CliException($"{path}: no such file");
        int count;
        try
        {
            if (json)
            {
                var entries = TraceDecoder.DecodeEntries(path, out count, version, ServeCommand.LogLinePrefixes);
                JsonOut.Write(context.Output, new JsonTrace(path, version == Sgp32Version.V1_0 ? "1.0" : "1.2", count,
                    [.. entries.Select(ToJson)]));
                return 0;
            }
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

    private static JsonTraceEntry ToJson(TraceEntry e) => new(
        e.Line, Kind(e.Kind), e.Channel < 0 ? null : e.Channel, e.Name, e.Comment, Hex(e.CommandBytes), e.Blocks, Hex(e.Request),
        [.. e.RequestFields.Select(ToJson)], e.StatusWord is { } sw ? sw.ToString("X4", CultureInfo.InvariantCulture) : null,
        e.StatusWord is { } s ? TraceDecoder.Status(s) : null, Convert.ToHexString(e.Response), [.. e.ResponseFields.Select(ToJson)],
        e.Note);

    private static JsonTraceField ToJson(TraceField f) => new(
        f.Path, f.Depth, f.Tag < 0 ? null : f.Tag.ToString("X2", CultureInfo.InvariantCulture), f.Name, f.Value, f.Note);

    private static string? Hex(byte[]? bytes) => bytes is null ? null : Convert.ToHexString(bytes);

    private static string Kind(TraceEntryKind kind) => kind switch
    {
        TraceEntryKind.Es10 => "es10",
        TraceEntryKind.Select => "select",
        TraceEntryKind.Command => "command",
        TraceEntryKind.StoreDataRefused => "store-data-refused",
        TraceEntryKind.GetResponseWithoutPending => "get-response-without-pending",
        _ => "malformed",
    };
}
