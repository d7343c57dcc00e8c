using System.Formats.Asn1;
using System.Globalization;
using System.Text;
using EuiccEmulator.Core.Apdu;

namespace EuiccEmulator.Cli.Commands;

/// <summary>
/// euicc-emu trace: decodes a logged APDU exchange (the --verbose log of serve, golden transcripts, or plain
/// hex lines alternating command and response) into ES10 functions and ASN.1 trees.
/// </summary>
public static class TraceCommand
{
    public const string Usage = "trace FILE   (a serve --verbose log, '> hex' / '< hex' pairs, or alternating hex lines)";

    private const int MaxShownBytes = 48;

    public static int Run(string[] args, TextWriter output, TextWriter log)
    {
        var a = new CliArgs(args, new HashSet<string>(), new HashSet<string>());
        if (a.Positional.Count != 1) throw new CliException("trace: give one FILE");
        var path = a.Positional[0];
        if (!File.Exists(path)) throw new CliException($"{path}: no such file");
        var exchanges = ReadExchanges(path);
        var tracer = new Tracer(path, output);
        foreach (var exchange in exchanges) tracer.Add(exchange);
        tracer.Finish();
        output.WriteLine($"{exchanges.Count} exchanges");
        return 0;
    }

    /// <summary>One logged command and its response, with the line of the command and the last comment before it.</summary>
    public sealed record Exchange(int Line, string? Comment, byte[] Command, byte[] Response);

    /// <summary>
    /// Reads '&gt; hex' / '&lt; hex' lines (anything after two spaces or '[' ignored), '#' comments and bare hex lines;
    /// skips the log lines of serve.
    /// </summary>
    public static List<Exchange> ReadExchanges(string path)
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
            // serve --verbose captured with 2>&1: its log lines sit between the APDU lines.
            if (ServeCommand.LogLinePrefixes.Any(p => line.StartsWith(p, StringComparison.Ordinal))) continue;
            bool? isCommand = line[0] switch { '>' => true, '<' => false, _ => null };
            var text = isCommand is null ? line : line[1..];
            var bracket = text.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0) text = text[..bracket];
            var hex = text.Replace(" ", "", StringComparison.Ordinal);
            if (hex.Length == 0 || hex.Length % 2 != 0 || !hex.All(Uri.IsHexDigit))
                throw new CliException($"{path}:{lineNo}: expected '> HEX', '< HEX' or a hex line, not '{Shorten(line)}'");
            var bytes = Convert.FromHexString(hex);
            isCommand ??= pending is null;
            if (isCommand.Value)
            {
                if (pending is { } p) throw new CliException($"{path}:{lineNo}: a command follows the command on line {p.Line} without a response");
                pending = (lineNo, bytes, comment);
                comment = null;
            }
            else
            {
                if (pending is not { } p) throw new CliException($"{path}:{lineNo}: a response without a command");
                if (bytes.Length < 2) throw new CliException($"{path}:{lineNo}: a response needs at least a status word");
                result.Add(new Exchange(p.Line, p.Comment, p.Apdu, bytes));
                pending = null;
            }
        }
        if (pending is { } last) throw new CliException($"{path}:{last.Line}: a command without a response");
        return result;
    }

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;

    /// <summary>Follows channels: STORE DATA reassembly, 61xx / GET RESPONSE chains, BPP segments.</summary>
    private sealed class Tracer(string path, TextWriter output)
    {
        private readonly Dictionary<int, ChannelState> _channels = [];

        private sealed class ChannelState
        {
            public List<byte> Request { get; } = [];
            public int FirstLine { get; set; }
            public int Blocks { get; set; }
            public List<byte> Response { get; } = [];
            public string? AwaitingResponseOf { get; set; }
            public int AwaitingRequestTag { get; set; }
            public bool InBpp { get; set; }
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
                    if (sw != 0x9000) output.WriteLine($"{where}  STORE DATA block {command.P2}{ch} refused -> {Status(sw)}");
                    return;
                }
                var request = state.Request.ToArray();
                var blocks = state.Blocks;
                state.Blocks = 0;
                var tag = request.Length > 0 ? FirstTag(request) : -1;
                var name = FunctionName(state, tag);
                output.WriteLine($"{path}:{state.FirstLine}  ES10 {name}{ch}  ({blocks} STORE DATA block{(blocks == 1 ? "" : "s")}, {request.Length} bytes)");
                output.WriteLine("  request:");
                PrintTree(request, tag, "    ");
                Begin(state, name, tag, data, sw, where, ch);
                return;
            }

            var instruction = Es10Names.Describe(exchange.Command);
            if (command.Ins == 0xA4)
            {
                output.WriteLine($"{where}  SELECT{ch} {Convert.ToHexString(command.Data.Span)}");
                Begin(state, "SELECT", -1, data, sw, where, ch);
                return;
            }
            output.WriteLine($"{where}  {instruction}{ch} {Convert.ToHexString(exchange.Command)} -> {(data.IsEmpty ? "" : Convert.ToHexString(data) + " ")}{Status(sw)}");
        }

        public void Finish()
        {
            foreach (var state in _channels.Values)
                if (state.AwaitingResponseOf is { } name) output.WriteLine($"  (log ends inside the response of {name})");
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
            if (response.Length > 0) PrintTree(response, state.AwaitingRequestTag, "    ");
            if (response.Length > 0 && FirstTag(response) == 0xBF37) state.InBpp = false;
            state.AwaitingResponseOf = null;
            state.Response.Clear();
            _ = where;
            _ = ch;
        }

        private static string FunctionName(ChannelState state, int tag)
        {
            if (tag == 0xBF36)
            {
                state.InBpp = true;
                return "LoadBoundProfilePackage (initialiseSecureChannel)";
            }
            if (state.InBpp && Es10Names.BppSegment(tag) is { } segment) return $"LoadBoundProfilePackage ({segment})";
            state.InBpp = false;
            return tag < 0 ? "(empty STORE DATA)" : Es10Names.Function(tag) ?? $"unknown function, tag {tag:X2}";
        }

        private void PrintTree(byte[] bytes, int function, string indent)
        {
            try
            {
                Walk(bytes, function, -1, indent, 0);
            }
            catch (AsnContentException e)
            {
                output.WriteLine($"{indent}(not BER: {e.Message}) {Hex(bytes)}");
            }
        }

        private void Walk(ReadOnlySpan<byte> bytes, int function, int parent, string indent, int depth)
        {
            while (!bytes.IsEmpty)
            {
                if (bytes.Length >= 2 && bytes[0] == 0 && bytes[1] == 0) return; // end-of-contents / padding
                var tag = Asn1Tag.Decode(bytes, out var tagLength);
                var raw = TagNumber(bytes[..tagLength]);
                if (tag.IsConstructed && Truncated(bytes, tagLength) is { } header)
                {
                    // A BPP segment opens a TLV whose content comes in later segments (SGP.22 §2.5.5).
                    var label = depth == 0 && Es10Names.Function(raw) is { } m ? m : Es10Names.Field(function, parent, raw) ?? Generic(tag);
                    output.WriteLine($"{indent}{raw:X2} {label} (header: {header.Declared} bytes declared, {bytes.Length - header.Offset} here, the rest in later segments)");
                    Walk(bytes[header.Offset..], Es10Names.Function(raw) is not null ? raw : function, raw, indent + "  ", depth + 1);
                    return;
                }
                AsnDecoder.ReadEncodedValue(bytes, AsnEncodingRules.BER, out var contentOffset, out var contentLength, out var consumed);
                var content = bytes.Slice(contentOffset, contentLength);
                // A nested structure that is itself an ES10 message (EUICCInfo2 in AuthenticateServer, ...) names its own fields.
                var inner = Es10Names.Function(raw) is not null || raw is 0xBF2F or 0xBF37 or 0xBF27 ? raw : function;
                var name = depth == 0 && Es10Names.Function(raw) is { } message ? message
                    : Es10Names.Field(function, parent, raw) ?? Es10Names.Function(raw) ?? Generic(tag);
                if (Certificate(bytes[..consumed]) is { } certificate)
                {
                    output.WriteLine($"{indent}{raw:X2} certificate: {certificate} ({consumed} bytes)");
                }
                else if (tag.IsConstructed && depth < 12)
                {
                    output.WriteLine($"{indent}{raw:X2} {name}");
                    Walk(content, inner, raw, indent + "  ", depth + 1);
                }
                else
                {
                    output.WriteLine($"{indent}{raw:X2} {name}: {Value(raw, content)}");
                }
                bytes = bytes[consumed..];
            }
        }
    }

    /// <summary>The definite length and content offset of a TLV whose content runs past the end of the buffer, else null.</summary>
    private static (int Declared, int Offset)? Truncated(ReadOnlySpan<byte> bytes, int tagLength)
    {
        if (tagLength >= bytes.Length) return null;
        var first = bytes[tagLength];
        int declared, offset;
        if (first < 0x80)
        {
            (declared, offset) = (first, tagLength + 1);
        }
        else
        {
            var n = first & 0x7F;
            if (n is 0 or > 3 || tagLength + 1 + n > bytes.Length) return null;
            declared = 0;
            for (var i = 0; i < n; i++) declared = declared << 8 | bytes[tagLength + 1 + i];
            offset = tagLength + 1 + n;
        }
        return offset + declared > bytes.Length ? (declared, offset) : null;
    }

    /// <summary>"subject CN" when the TLV is an X.509 certificate, else null.</summary>
    private static string? Certificate(ReadOnlySpan<byte> tlv)
    {
        // Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version v3 ...
        if (tlv.Length < 16 || tlv[0] != 0x30 || tlv.IndexOf((ReadOnlySpan<byte>)[0xA0, 0x03, 0x02, 0x01, 0x02]) is < 0 or > 10) return null;
        try
        {
            using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(tlv);
            return $"subject \"{certificate.Subject}\", issuer \"{certificate.Issuer}\"";
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
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

    private static string Generic(Asn1Tag tag) => tag.TagClass switch
    {
        TagClass.Universal => ((UniversalTagNumber)tag.TagValue) switch
        {
            UniversalTagNumber.Sequence => "SEQUENCE",
            UniversalTagNumber.Set => "SET",
            UniversalTagNumber.Integer => "INTEGER",
            UniversalTagNumber.OctetString => "OCTET STRING",
            UniversalTagNumber.BitString => "BIT STRING",
            UniversalTagNumber.ObjectIdentifier => "OBJECT IDENTIFIER",
            UniversalTagNumber.UTF8String => "UTF8String",
            UniversalTagNumber.Boolean => "BOOLEAN",
            UniversalTagNumber.Null => "NULL",
            UniversalTagNumber.PrintableString => "PrintableString",
            UniversalTagNumber.UtcTime => "UTCTime",
            UniversalTagNumber.Enumerated => "ENUMERATED",
            var u => u.ToString(),
        },
        TagClass.ContextSpecific => $"[{tag.TagValue}]",
        TagClass.Application => $"[APPLICATION {tag.TagValue}]",
        _ => $"[PRIVATE {tag.TagValue}]",
    };

    private static string Value(int tag, ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty) return "(empty)";
        if (tag == 0x5A && content.Length == 16) return Convert.ToHexString(content) + " (EID)";
        if (tag == 0x5A && content.Length == 10) return SwappedDigits(content) + " (ICCID)";
        if (tag == 0x06)
        {
            try
            {
                return AsnDecoder.ReadObjectIdentifier([0x06, (byte)content.Length, .. content], AsnEncodingRules.BER, out _);
            }
            catch (AsnContentException)
            {
                return Hex(content);
            }
        }
        if (content.Length >= 3 && content.ToArray().All(b => b is >= 0x20 and < 0x7F))
            return $"\"{Encoding.ASCII.GetString(content)}\"";
        if (content.Length <= 4 && tag is 0x02 or 0x80 or 0x81 or 0x82 or 0x83 or 0x84 or 0x9F70 or 0x95)
        {
            long number = 0;
            foreach (var b in content) number = number << 8 | b;
            return $"{Convert.ToHexString(content)} ({number.ToString(CultureInfo.InvariantCulture)})";
        }
        return Hex(content);
    }

    private static string SwappedDigits(ReadOnlySpan<byte> bcd)
    {
        var text = new StringBuilder();
        foreach (var b in bcd)
        {
            foreach (var nibble in new[] { b & 0x0F, b >> 4 })
                if (nibble < 10) text.Append((char)('0' + nibble));
        }
        return text.ToString();
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => bytes.Length <= MaxShownBytes
        ? Convert.ToHexString(bytes)
        : $"{Convert.ToHexString(bytes[..MaxShownBytes])}… ({bytes.Length} bytes)";

    private static string Status(ushort sw) => $"SW {sw:X4}" + (sw switch
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
