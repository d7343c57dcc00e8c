using System.CommandLine;
using System.Globalization;
using System.Text;
using EuiccEmulator.Card.Uicc;
using EuiccEmulator.Cli.Parsing;

namespace EuiccEmulator.Cli.Commands;

/// <summary>
/// euicc-emu fs: the enabled profile's UICC file system on a stored card. ls walks the file system the card presents;
/// cat reads a file with SELECT and READ BINARY / READ RECORD on the basic channel, so the file's access rules apply.
/// </summary>
public static class FsCommand
{
    public static Command Build(CliContext context)
    {
        var store = Opt.Store();
        var json = Opt.Json();
        var ls = new Command("ls", "lists every file of the enabled profile (paths from 3F00; ADF files under the ADF's AID)")
        {
            store, json,
        };
        ls.SetAction(p => List(context, p.GetValue(store), p.GetValue(json)));

        var catStore = Opt.Store();
        var catJson = Opt.Json();
        var pin = Opt.Parsed<string?>("--pin", "DIGITS", "verify PIN1 (key reference 01) first, for files that need it", t =>
            t.Length is >= 4 and <= 8 && t.All(char.IsAsciiDigit) ? t : throw new CliException("--pin: 4 to 8 digits"));
        var path = Opt.Arg("PATH", "the file, as fs ls shows it: 3F00/2FE2, 3F00/7F10/6F3A, or AID/6F07 for an ADF's file",
            "fs cat: give the PATH of a file (fs ls lists them)");
        var cat = new Command("cat", "prints a file's content in hex (transparent files) or one line per record, read with UICC commands")
        {
            catStore, catJson, pin, path,
        };
        cat.SetAction(p => Cat(context, p.GetValue(path)!, p.GetValue(pin), p.GetValue(catStore), p.GetValue(catJson)));
        return new Command("fs", "the enabled profile's UICC file system on a stored card") { ls, cat };
    }

    private static int List(CliContext context, string? store, bool json)
    {
        using var card = StoredCard.Open(store, context.Log);
        if (Presented(context, card) is not { } fs) return 1;
        var iccid = card.Host.Euicc.Uicc.PresentedIccid?.Digits ?? "";
        var files = fs.AllFiles().Select(f => new JsonFile(
            PathOf(f), f.Fid.ToString("X4", CultureInfo.InvariantCulture), f.Name, Kind(f.Kind),
            f.IsDirectory ? null : f.Size, f.IsRecord ? f.RecordCount : null, f.IsRecord ? f.RecordLength : null, f.Sfi,
            f.Aid is null ? null : Convert.ToHexString(f.Aid), !f.IsDirectory && f.Modified)).ToList();
        if (json)
        {
            JsonOut.Write(context.Output, new JsonFileList(card.Eid, iccid, files));
            return 0;
        }
        context.Output.WriteLine($"profile {iccid}: {files.Count} files (* changed since installation)");
        context.Output.WriteLine($"{"PATH",-46}  {"KIND",-12}  {"SIZE",9}  NAME");
        foreach (var f in files)
        {
            var size = f.Records is { } n ? $"{n}x{f.RecordLength}" : f.Size?.ToString(CultureInfo.InvariantCulture) ?? "";
            context.Output.WriteLine($"{f.Path,-46}  {f.Kind,-12}  {size,9}  {f.Name}{(f.Modified ? " *" : "")}");
        }
        return 0;
    }

    private static int Cat(CliContext context, string path, string? pin, string? store, bool json)
    {
        using var card = StoredCard.Open(store, context.Log);
        if (Presented(context, card) is not { } fs) return 1;
        var file = Resolve(fs, path) ?? throw new CliException($"fs cat: no file {path} in the enabled profile (fs ls lists them)");
        if (file.IsDirectory) throw new CliException($"fs cat: {path} is a directory (fs ls lists its files)");
        if (file.Kind == FileKind.BerTlv)
            throw new CliException($"fs cat: {path} is a BER-TLV file; fs cat reads transparent and record files");
        if (pin is not null)
        {
            // ETSI TS 102 221 §11.1.9 VERIFY PIN: the PIN in ASCII, padded with FF to 8 bytes.
            byte[] verify = [0x00, 0x20, 0x00, 0x01, 0x08, .. Encoding.ASCII.GetBytes(pin), .. Enumerable.Repeat((byte)0xFF,
                8 - pin.Length)];
            var sw = Sw(card.Transmit(verify));
            if (sw != 0x9000)
                return Fail(context, sw >> 4 == 0x63C ? $"--pin: wrong PIN, {sw & 0xF} tries left" : $"--pin: VERIFY answered {sw:X4}");
        }
        var selected = Select(card, file);
        if (selected != 0x9000 && selected >> 8 != 0x61) return Fail(context, $"fs cat: SELECT {path} answered {selected:X4}");
        var chunks = new List<byte[]>();
        if (file.IsRecord)
        {
            for (var n = 1; n <= file.RecordCount; n++)
            {
                var response = card.Transmit([0x00, 0xB2, (byte)n, 0x04, (byte)file.RecordLength]);
                if (Sw(response) != 0x9000) return ReadFailed(context, path, Sw(response));
                chunks.Add(response[..^2]);
            }
        }
        else
        {
            var data = new List<byte>();
            while (data.Count < file.Size)
            {
                var length = Math.Min(255, file.Size - data.Count);
                var response = card.Transmit([0x00, 0xB0, (byte)(data.Count >> 8), (byte)data.Count, (byte)length]);
                if (Sw(response) != 0x9000) return ReadFailed(context, path, Sw(response));
                data.AddRange(response[..^2]);
            }
            chunks.Add([.. data]);
        }
        var iccid = card.Host.Euicc.Uicc.PresentedIccid?.Digits ?? "";
        if (json)
        {
            JsonOut.Write(context.Output, new JsonFileContent(card.Eid, iccid, PathOf(file), Kind(file.Kind),
                file.IsRecord ? null : Convert.ToHexString(chunks[0]), file.IsRecord ? [.. chunks.Select(Convert.ToHexString)] : null));
            return 0;
        }
        if (!file.IsRecord) context.Output.WriteLine(Convert.ToHexString(chunks[0]));
        else for (var i = 0; i < chunks.Count; i++) context.Output.WriteLine($"{i + 1,3}: {Convert.ToHexString(chunks[i])}");
        return 0;
    }

    private static UiccFileSystem? Presented(CliContext context, StoredCard card)
    {
        if (card.Host.Euicc.Uicc.Current is { } fs) return fs;
        Fail(context, card.Host.Euicc.Engine.EnabledProfile is null
            ? "fs: no profile is enabled; the file system is the enabled profile's (euicc-emu profiles enable ICCID)"
            : "fs: the enabled profile's package cannot be presented as a file system");
        return null;
    }

    // TS 102 221 §11.1.1: an ADF by its AID, then a path from it (P1 09); an MF file by its path from the MF (P1 08).
    private static int Select(StoredCard card, UiccFile file)
    {
        var chain = new List<UiccFile>();
        for (var f = file; f.Kind is not (FileKind.Mf or FileKind.Adf); f = f.Parent!) chain.Insert(0, f);
        var application = chain.Count == 0 ? file : chain[0].Parent!;
        var path = chain.SelectMany(f => new[] { (byte)(f.Fid >> 8), (byte)f.Fid }).ToArray();
        if (application.Kind == FileKind.Adf)
        {
            var sw = Sw(card.Transmit([0x00, 0xA4, 0x04, 0x04, (byte)application.Aid!.Length, .. application.Aid]));
            if (sw != 0x9000 && sw >> 8 != 0x61) return sw;
            return Sw(card.Transmit([0x00, 0xA4, 0x09, 0x04, (byte)path.Length, .. path]));
        }
        return Sw(card.Transmit([0x00, 0xA4, 0x08, 0x04, (byte)path.Length, .. path]));
    }

    private static int ReadFailed(CliContext context, string path, int sw) => Fail(context, sw == 0x6982
        ? $"fs cat: reading {path} needs a PIN verification (6982 security status not satisfied); give --pin"
        : $"fs cat: reading {path} answered {sw:X4}");

    private static int Fail(CliContext context, string message)
    {
        context.Log.WriteLine("error: " + message);
        return 1;
    }

    private static int Sw(byte[] response) => response.Length < 2 ? 0x6F00 : response[^2] << 8 | response[^1];

    /// <summary>"3F00/7F10/6F3A", or "AID/6F07" under an ADF (ADFs are selected by AID, not by a path).</summary>
    internal static string PathOf(UiccFile file)
    {
        var parts = new List<string>();
        for (var f = file; f is not null; f = f.Parent)
        {
            if (f.Kind == FileKind.Adf && f.Aid is not null)
            {
                parts.Add(Convert.ToHexString(f.Aid));
                break;
            }
            parts.Add(f.Fid.ToString("X4", CultureInfo.InvariantCulture));
            if (f.Kind == FileKind.Mf) break;
        }
        parts.Reverse();
        return string.Join('/', parts);
    }

    /// <summary>A path as fs ls prints it; the leading 3F00 may be left out, an ADF may be named by its AID or temporary FID.</summary>
    internal static UiccFile? Resolve(UiccFileSystem fs, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || !segments.All(s => s.Length % 2 == 0 && s.All(char.IsAsciiHexDigit))) return null;
        var current = fs.Mf;
        for (var i = 0; i < segments.Length; i++)
        {
            var bytes = Convert.FromHexString(segments[i]);
            if (bytes.Length > 2)
            {
                if (i != 0) return null;
                current = fs.FindAdf(bytes);
                if (current is null) return null;
                continue;
            }
            if (bytes.Length != 2) return null;
            var fid = (ushort)(bytes[0] << 8 | bytes[1]);
            if (i == 0 && fid == 0x3F00) continue;
            var next = current.Child(fid);
            if (next is null && current == fs.Mf) next = fs.Adfs.Find(a => a.Fid == fid);
            if (next is null) return null;
            current = next;
        }
        return current;
    }

    private static string Kind(FileKind kind) => kind switch
    {
        FileKind.Mf => "mf",
        FileKind.Df => "df",
        FileKind.Adf => "adf",
        FileKind.Transparent => "transparent",
        FileKind.LinearFixed => "linear-fixed",
        FileKind.Cyclic => "cyclic",
        _ => "ber-tlv",
    };
}
