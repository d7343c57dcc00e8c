using System.Formats.Asn1;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Rsp.Trace;

/// <summary>A trace file line that is not a command, a response or a comment.</summary>
public sealed class TraceFormatException(string message) : FormatException(message);

/// <summary>
/// Decodes a logged APDU exchange (a serve --verbose log, golden transcripts, or plain hex lines alternating command
/// and response): follows channels, STORE DATA chains, GET RESPONSE and BPP segments, and decodes every ES10 request and
/// response by ASN.1 path (<see cref="AsnPathDecoder"/>) for the SGP.32 version given.
/// </summary>
public static class TraceDecoder
{
    /// <summary>
    /// Decodes the file to <paramref name="output"/>; returns the number of exchanges. Lines starting with one of
    /// <paramref name="skippedLinePrefixes"/> (a host's log lines captured between the APDU lines) are passed over.
    /// </summary>
    public static int Decode(string path, TextWriter output, Sgp32Version version = Sgp32Version.V1_2,
        IReadOnlyList<string>? skippedLinePrefixes = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var exchanges = ReadExchanges(path, skippedLinePrefixes);
        var tracer = new Tracer(path, output, Es10Schema.For(version));
        foreach (var exchange in exchanges) tracer.Add(exchange);
        tracer.Finish();
        return exchanges.Count;
    }

    /// <summary>
    /// Decodes the file into entries (the content of <see cref="Decode"/>'s text, as data); <paramref name="exchanges"/>
    /// is the number of command/response pairs read.
    /// </summary>
    public static IReadOnlyList<TraceEntry> DecodeEntries(string path, out int exchanges, Sgp32Version version = Sgp32Version.V1_2,
        IReadOnlyList<string>? skippedLinePrefixes = null)
    {
        var read = ReadExchanges(path, skippedLinePrefixes);
        var tracer = new Tracer(path, TextWriter.Null, Es10Schema.For(version));
        foreach (var exchange in read) tracer.Add(exchange);
        tracer.Finish();
        exchanges = read.Count;
        return tracer.Entries;
    }

    /// <summary>One decoded line: indentation by depth, tag, name, value and note.</summary>
    public static string Line(TraceField field, string indent = "")
    {
        ArgumentNullException.ThrowIfNull(field);
        var pad = indent + new string(' ', field.Depth * 2);
        var tag = field.Tag < 0 ? "" : $"{field.Tag:X2} ";
        var value = field.Value is null ? "" : ": " + field.Value;
        var note = field.Note is null ? "" : $" ({field.Note})";
        return $"{pad}{tag}{field.Name}{value}{note}";
    }

    /// <summary>The top-level components a BPP segment may start with (SGP.22 §2.5.5).</summary>
    private static IReadOnlyList<AsnField> BppSegments(Es10Schema schema)
    {
        var bpp = (SeqType)schema.BoundProfilePackage;
        var inner = bpp.Fields.Where(f => f.Type is SeqOfType).Select(f => ((SeqOfType)f.Type).Element);
        return [.. bpp.Fields, .. inner];
    }

    /// <summary>The segment a LoadBoundProfilePackage STORE DATA sequence carries, by its first tag (SGP.22 §2.5.5).</summary>
    private static string? BppSegment(int tag) =>
        Es10Catalogue.LoadBoundProfilePackage.Segments.Skip(1).FirstOrDefault(s => s.Tag == tag)?.Component;

    /// <summary>One logged command and its response, with the line of the command and the last comment before it.</summary>
    public sealed record Exchange(int Line, string? Comment, byte[] Command, byte[] Response);

    /// <summary>Reads '&gt; hex' / '&lt; hex' lines (anything after two spaces or '[' ignored), '#' comments and bare hex lines.</summary>
    public static List<Exchange> ReadExchanges(string path, IReadOnlyList<string>? skippedLinePrefixes = null)
    {
        var result = new List<Exchange>();
        (int Line, byte[] Apdu, string? Comment)? pending = null;
        string? comment = null;
        var lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (line[0] == '#')
            {
                if (!line.StartsWith("#@", StringComparison.Ordinal)) comment = line[1..].Trim();
                continue;
            }
            if (skippedLinePrefixes is not null && skippedLinePrefixes.Any(p => line.StartsWith(p, StringComparison.Ordinal))) continue;
            bool? isCommand = line[0] switch { '>' => true, '<' => false, _ => null };
            var text = isCommand is null ? line : line[1..];
            var bracket = text.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0) text = text[..bracket];
            var hex = text.Replace(" ", "", StringComparison.Ordinal);
            if (hex.Length == 0 || hex.Length % 2 != 0 || !hex.All(Uri.IsHexDigit))
                throw new TraceFormatException($"{path}:{lineNo}: expected '> HEX', '< HEX' or a hex line, not '{Shorten(line)}'");
            var bytes = Convert.FromHexString(hex);
            isCommand ??= pending is null;
            if (isCommand.Value)
            {
                if (pending is { } p)
                    throw new TraceFormatException($"{path}:{lineNo}: a command follows the command on line {p.Line} without a response");
                pending = (lineNo, bytes, comment);
                comment = null;
            }
            else
            {
                if (pending is not { } p) throw new TraceFormatException($"{path}:{lineNo}: a response without a command");
                if (bytes.Length < 2) throw new TraceFormatException($"{path}:{lineNo}: a response needs at least a status word");
                result.Add(new Exchange(p.Line, p.Comment, p.Apdu, bytes));
                pending = null;
            }
        }
        if (pending is { } last) throw new TraceFormatException($"{path}:{last.Line}: a command without a response");
        return result;
    }

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;

    /// <summary>Follows channels: STORE DATA reassembly, 61xx / GET RESPONSE chains, BPP segments.</summary>
    private sealed class Tracer(string path, TextWriter output, Es10Schema schema)
    {
        private readonly Dictionary<int, ChannelState> _channels = [];
        private readonly List<TraceEntry> _entries = [];

        public IReadOnlyList<TraceEntry> Entries => _entries;

        private Es10Schema Schema => schema;

        // A BPP segment other than the BF36 header: A0..A3 sequences and the 86/87/88 TLVs inside them.
        private static bool state_InBppSegment(int tag) => BppSegment(tag) is not null;

        private sealed class ChannelState
        {
            public List<byte> Request { get; } = [];
            public int FirstLine { get; set; }
            public int Blocks { get; set; }
            public List<byte> Response { get; } = [];
            public string? AwaitingResponseOf { get; set; }
            public int AwaitingRequestTag { get; set; }
            public bool InBpp { get; set; }
            public TraceEntry? Pending { get; set; }
        }

        private TraceEntry Entry(TraceEntryKind kind, int line, int channel, string name, Exchange exchange)
        {
            var entry = new TraceEntry(kind, line, channel, name, exchange.Comment);
            _entries.Add(entry);
            return entry;
        }

        public void Add(Exchange exchange)
        {
            if (exchange.Comment is { } comment) output.WriteLine($"# {comment}");
            var where = $"{path}:{exchange.Line}";
            var sw = (ushort)(exchange.Response[^2] << 8 | exchange.Response[^1]);
            var data = exchange.Response.AsSpan(0, exchange.Response.Length - 2);
            CommandApdu command;
            try
            {
                command = CommandApdu.Parse(exchange.Command);
            }
            catch (CardException)
            {
                output.WriteLine($"{where}  malformed command {Convert.ToHexString(exchange.Command)} -> {Status(sw)}");
                var malformed = Entry(TraceEntryKind.Malformed, exchange.Line, -1, "malformed command", exchange);
                malformed.CommandBytes = exchange.Command;
                malformed.StatusWord = sw;
                malformed.Response = data.ToArray();
                return;
            }
            var channel = ChannelOf(command.Cla);
            if (!_channels.TryGetValue(channel, out var state)) _channels[channel] = state = new ChannelState();
            var ch = channel == 0 ? "" : $" (channel {channel})";

            if (command.Ins == 0xC0)
            {
                if (state.AwaitingResponseOf is null)
                {
                    output.WriteLine($"{where}  GET RESPONSE{ch} with nothing pending -> {Status(sw)}");
                    var orphan = Entry(TraceEntryKind.GetResponseWithoutPending, exchange.Line, channel, "GET RESPONSE", exchange);
                    orphan.CommandBytes = exchange.Command;
                    orphan.StatusWord = sw;
                    orphan.Response = data.ToArray();
                    return;
                }
                state.Response.AddRange(data.ToArray());
                if (sw >> 8 == 0x61) return;
                Complete(state, where, ch, sw);
                return;
            }
            if (state.AwaitingResponseOf is not null)
            {
                output.WriteLine($"  (response of {state.AwaitingResponseOf} abandoned after {state.Response.Count} bytes)");
                if (state.Pending is { } abandoned)
                {
                    abandoned.Response = [.. state.Response];
                    abandoned.Note = $"response abandoned after {state.Response.Count} bytes";
                    state.Pending = null;
                }
                state.AwaitingResponseOf = null;
                state.Response.Clear();
            }

            if (command.Ins == 0xE2)
            {
                if (command.P2 == 0 || state.Blocks == 0)
                {
                    state.Request.Clear();
                    state.Blocks = 0;
                    state.FirstLine = exchange.Line;
                }
                state.Request.AddRange(command.Data.ToArray());
                state.Blocks++;
                var last = (command.P1 & 0x80) != 0;
                if (!last)
                {
                    if (sw != 0x9000)
                    {
                        output.WriteLine($"{where}  STORE DATA block {command.P2}{ch} refused -> {Status(sw)}");
                        var refused = Entry(TraceEntryKind.StoreDataRefused, exchange.Line, channel, "STORE DATA", exchange);
                        refused.CommandBytes = exchange.Command;
                        refused.StatusWord = sw;
                    }
                    return;
                }
                var request = state.Request.ToArray();
                var blocks = state.Blocks;
                state.Blocks = 0;
                var tag = request.Length > 0 ? FirstTag(request) : -1;
                var name = FunctionName(state, tag);
                output.WriteLine($"{path}:{state.FirstLine}  ES10 {name}{ch}  ({blocks} STORE DATA block{(blocks == 1 ? "" : "s")}, "
                    + $"{request.Length} bytes)");
                output.WriteLine("  request:");
                var es10 = Entry(TraceEntryKind.Es10, state.FirstLine, channel, name, exchange);
                es10.Blocks = blocks;
                es10.Request = request;
                es10.RequestFields = PrintTree(request, tag, false, "    ");
                state.Pending = es10;
                Begin(state, name, tag, data, sw, where, ch);
                return;
            }

            var instruction = InstructionNames.Describe(exchange.Command);
            if (command.Ins == 0xA4)
            {
                output.WriteLine($"{where}  SELECT{ch} {Convert.ToHexString(command.Data.Span)}");
                var select = Entry(TraceEntryKind.Select, exchange.Line, channel, "SELECT", exchange);
                select.CommandBytes = exchange.Command;
                state.Pending = select;
                Begin(state, "SELECT", -1, data, sw, where, ch);
                return;
            }
            output.WriteLine($"{where}  {instruction}{ch} {Convert.ToHexString(exchange.Command)} -> "
                + $"{(data.IsEmpty ? "" : Convert.ToHexString(data) + " ")}{Status(sw)}");
            var other = Entry(TraceEntryKind.Command, exchange.Line, channel, instruction, exchange);
            other.CommandBytes = exchange.Command;
            other.StatusWord = sw;
            other.Response = data.ToArray();
        }

        public void Finish()
        {
            foreach (var state in _channels.Values)
            {
                if (state.AwaitingResponseOf is not { } name) continue;
                output.WriteLine($"  (log ends inside the response of {name})");
                if (state.Pending is { } open)
                {
                    open.Response = [.. state.Response];
                    open.Note = "the log ends inside the response";
                }
            }
        }

        private void Begin(ChannelState state, string name, int tag, ReadOnlySpan<byte> data, ushort sw, string where, string ch)
        {
            state.Response.Clear();
            state.Response.AddRange(data.ToArray());
            state.AwaitingResponseOf = name;
            state.AwaitingRequestTag = tag;
            if (sw >> 8 == 0x61) return;
            Complete(state, where, ch, sw);
        }

        private void Complete(ChannelState state, string where, string ch, ushort sw)
        {
            var response = state.Response.ToArray();
            output.WriteLine($"  response{(response.Length > 0 ? $" ({response.Length} bytes)" : "")}: {Status(sw)}");
            var fields = response.Length > 0 ? PrintTree(response, state.AwaitingRequestTag, true, "    ") : [];
            if (state.Pending is { } done)
            {
                done.StatusWord = sw;
                done.Response = response;
                done.ResponseFields = fields;
                state.Pending = null;
            }
            if (response.Length > 0 && FirstTag(response) == 0xBF37) state.InBpp = false;
            state.AwaitingResponseOf = null;
            state.Response.Clear();
            _ = where;
            _ = ch;
        }

        private string FunctionName(ChannelState state, int tag)
        {
            var bpp = Es10Catalogue.LoadBoundProfilePackage;
            if (tag == bpp.Tag)
            {
                state.InBpp = true;
                return $"{bpp.Name} ({bpp.Segments[0].Component})";
            }
            if (state.InBpp && BppSegment(tag) is { } segment) return $"{bpp.Name} ({segment})";
            state.InBpp = false;
            return tag < 0 ? "(empty STORE DATA)" : Schema.Function(tag)?.Name ?? $"unknown function, tag {tag:X2}";
        }

        private IReadOnlyList<TraceField> PrintTree(byte[] bytes, int function, bool response, string indent)
        {
            var schema = Schema;
            IReadOnlyList<TraceField> fields;
            if (function == -1 && response && bytes is [0x6F, ..])
            {
                fields = AsnPathDecoder.Decode(bytes, "SELECT", new AsnField(0x6F, "fci", schema.Fci));
            }
            else if (state_InBppSegment(function) && !response)
            {
                fields = AsnPathDecoder.Decode(bytes, "LoadBoundProfilePackage",
                    new AsnField(-1, "request", new ChoiceType(BppSegments(schema))));
            }
            else if ((response && bytes is [0xBF, 0x37, ..] ? 0xBF36 : function) is var fn && schema.Function(fn) is { } f)
            {
                var root = response && fn == 0xBF36 ? 0xBF37 : fn;
                fields = AsnPathDecoder.Decode(bytes, f.Name,
                    new AsnField(root, response ? "response" : "request", response ? f.Response : f.Request));
            }
            else
            {
                fields = AsnPathDecoder.Decode(bytes, "", new AsnField(-1, "data", new ChoiceType([])));
            }
            foreach (var field in fields) output.WriteLine(Line(field, indent));
            return fields;
        }

    }

    private static int ChannelOf(byte cla) => (cla & 0x40) != 0 ? 4 + (cla & 0x0F) : cla & 0x03;

    private static int FirstTag(ReadOnlySpan<byte> bytes)
    {
        try
        {
            Asn1Tag.Decode(bytes, out var tagLength);
            return TagNumber(bytes[..tagLength]);
        }
        catch (AsnContentException)
        {
            return bytes.IsEmpty ? -1 : bytes[0];
        }
    }

    private static int TagNumber(ReadOnlySpan<byte> tagBytes)
    {
        var value = 0;
        foreach (var b in tagBytes) value = value << 8 | b;
        return value;
    }

    /// <summary>"SW 9000 ok", "SW 6A88 referenced data not found", ...: the status word and its ISO 7816-4 meaning.</summary>
    public static string Status(ushort sw) => $"SW {sw:X4}" + (sw switch
    {
        0x9000 => " ok",
        >= 0x6100 and <= 0x61FF => $" ({sw & 0xFF} bytes more)",
        >= 0x9100 and <= 0x91FF => $" ok, proactive command of {sw & 0xFF} bytes pending",
        0x6700 => " wrong length",
        0x6881 => " logical channel not supported",
        0x6982 => " security status not satisfied",
        0x6985 => " conditions of use not satisfied",
        0x6A80 => " incorrect data",
        0x6A81 => " function not supported",
        0x6A82 => " application not found",
        0x6A86 => " incorrect P1/P2",
        0x6A88 => " referenced data not found",
        0x6D00 => " instruction not supported",
        0x6E00 => " class not supported",
        0x6F00 => " no precise diagnosis",
        _ => "",
    });
}
