using System.Text.RegularExpressions;

namespace EuiccEmulator.Conformance.Ts48;

/// <summary>One file of a TS.48 listing: its PE, the ADF it is in (null: under MF), its path, FID, size and content.</summary>
internal sealed record ListedFile(string Pe, string? Aid, List<string> Path, string Fid, int? Size, bool BerTlv, byte[]? Content);

/// <summary>
/// The files a TS.48 test profile defines, read from the ASN.1 value notation of its package (the listing published
/// with it), independently of any card's file-system builder; and PIN1 and ADM1 to reach them.
/// </summary>
// GSMA TS.48 Annex (profile listings); SAIP v3.3.1 §8.3 (template PEs), §8.6 (GenericFileManagement).
internal sealed partial record Ts48Listing(IReadOnlyList<ListedFile> Files, string Pin1, string Adm1)
{
    private const string ResourcePrefix = "ts48/";

    /// <summary>The names (without extension) of the embedded TS.48 packages that have a listing.</summary>
    public static IReadOnlyList<string> Embedded { get; } =
    [
        .. typeof(Ts48Listing).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".txt", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^4]).Order(StringComparer.Ordinal),
    ];

    /// <summary>An embedded package (".der") or listing (".txt") by name.</summary>
    public static byte[] Resource(string name)
    {
        using var stream = typeof(Ts48Listing).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"no embedded TS.48 file {name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The header ICCID the listing gives (header iccid '...'H).</summary>
    public static string HeaderIccid(string[] lines) =>
        lines.Select(l => IccidLine().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value
            ?? throw new InvalidOperationException("the listing has no header ICCID");

    [GeneratedRegex(@"^\s+iccid '([0-9A-Fa-f]{20})'H")]
    private static partial Regex IccidLine();

    /// <summary>
    /// Checks through APDUs that the enabled profile presents every listed file: SELECT by path from MF (with PIN1
    /// and ADM1 verified) gives the FCP with the FID and size, and READ BINARY / READ RECORD the listed content.
    /// Returns what differs; <paramref name="contents"/> counts the contents compared.
    /// </summary>
    public List<string> Check(Func<string, string> transmit, out int contents, out List<string> unsized)
    {
        var problems = new List<string>();
        contents = 0;
        unsized = [];
        foreach (var f in Files)
        {
            var what = $"{f.Pe} {(f.Aid ?? "MF")}/{string.Join('/', f.Path)}";
            transmit("00A4000C023F00");
            if (f.Aid is not null && transmit($"00A4040C{f.Aid.Length / 2:X2}{f.Aid}") is var sa && sa != "9000")
            {
                problems.Add($"{what}: SELECT of its ADF gave {sa}");
                continue;
            }
            if (transmit($"0020000108{Pin1}") is var p1 && p1 != "9000") problems.Add($"{what}: VERIFY PIN1 gave {p1}");
            if (transmit("0020000A08" + Adm1) is var pa && pa != "9000") problems.Add($"{what}: VERIFY ADM1 gave {pa}");
            var path = string.Concat(f.Path);
            var r = transmit(f.Path.Count == 0 ? "00A40004023F00" : $"00A40904{path.Length / 2:X2}{path}00");
            // Known gap of the template data: unverified CSIM rows with no size, where TS.48 gives none either.
            if (f.Pe is "csim" or "opt-csim" && f.Size is null && !f.Fid.StartsWith("5F", StringComparison.Ordinal)
                && !f.Fid.StartsWith("7F", StringComparison.Ordinal) && r == "6A82")
            {
                unsized.Add(f.Fid);
                continue;
            }
            if (!r.EndsWith("9000", StringComparison.Ordinal))
            {
                problems.Add($"{what}: SELECT gave {r}");
                continue;
            }
            var fcp = Convert.FromHexString(r[..^4]);
            if (Find(fcp, 0x83) is not { } fid || Convert.ToHexString(fid) != f.Fid)
                problems.Add($"{what}: FCP file identifier {(Find(fcp, 0x83) is { } x ? Convert.ToHexString(x) : "missing")}");
            if (f.Size is { } size && !f.BerTlv && (Find(fcp, 0x80) is { Length: 2 } s ? s[0] << 8 | s[1] : -1) is var got && got != size)
                problems.Add($"{what}: FCP file size {got}, listed {size}");
            if (f.Content is null || f.BerTlv) continue;
            if (Find(fcp, 0x82) is not { Length: >= 1 } fdb)
            {
                problems.Add($"{what}: FCP without a file descriptor");
                continue;
            }
            string read;
            int compared;
            if ((fdb[0] & 0x07) == 1)
            {
                compared = Math.Min(f.Content.Length, 255);
                read = transmit($"00B00000{compared:X2}");
            }
            else if (fdb.Length >= 4)
            {
                compared = Math.Min(f.Content.Length, fdb[3]);
                read = transmit($"00B20104{fdb[3]:X2}");
            }
            else
            {
                problems.Add($"{what}: record file descriptor without a record length");
                continue;
            }
            if (!read.EndsWith("9000", StringComparison.Ordinal)
                || !read.StartsWith(Convert.ToHexString(f.Content.AsSpan(0, compared)), StringComparison.Ordinal))
            {
                problems.Add($"{what}: read {read}, listed {Convert.ToHexString(f.Content.AsSpan(0, compared))}");
                continue;
            }
            contents++;
        }
        return problems;
    }

    private static byte[]? Find(byte[] fcp, byte tag)
    {
        if (fcp.Length < 2) return null;
        var i = fcp[1] == 0x81 ? 3 : 2;
        while (i + 1 < fcp.Length)
        {
            var t = fcp[i];
            var l = fcp[i + 1];
            if (i + 2 + l > fcp.Length) return null;
            if (t == tag) return fcp.AsSpan(i + 2, l).ToArray();
            i += 2 + l;
        }
        return null;
    }

    [GeneratedRegex(@"^value\d+ ProfileElement ::= ([\w-]+) :")]
    private static partial Regex PeLine();

    [GeneratedRegex(@"^  ([\w-]+) \{$")]
    private static partial Regex ComponentLine();

    [GeneratedRegex(@"^\s+(fileID|efFileSize|fileDescriptor|dfName|filePath|pinValue) :? ?'([0-9A-Fa-f]*)'H")]
    private static partial Regex ValueLine();

    [GeneratedRegex(@"^\s+fillFileContent : '([0-9A-Fa-f]*)'H")]
    private static partial Regex ContentLine();

    // The ASN.1 value notation of each PE, read independently of the card's builder: template PE components in
    // their base DF (sub-DFs of DF.TELECOM and the NAA DFs in ASN.1 order), GenericFileManagement by filePath.
    public static Ts48Listing Parse(string[] lines)
    {
        var result = new List<ListedFile>();
        var tempFids = new Dictionary<string, string>();
        var lastAdf = new Dictionary<string, string>();
        string pe = "", component = "";
        string? aid = null;
        var basePath = new List<string>();
        var subDf = new List<string>();
        ListedFile? current = null;
        bool offsetSeen = false, inPin1 = false, inAdm1 = false, currentIsDir = false;
        string pin1 = "", adm1 = "";
        foreach (var line in lines)
        {
            if (PeLine().Match(line) is { Success: true } m)
            {
                Flush();
                pe = m.Groups[1].Value;
                basePath = [];
                subDf = [];
                aid = pe switch
                {
                    "opt-usim" or "gsm-access" or "df-5gs" or "df-saip" => lastAdf.GetValueOrDefault("usim"),
                    "opt-isim" => lastAdf.GetValueOrDefault("isim"),
                    "opt-csim" => lastAdf.GetValueOrDefault("csim"),
                    _ => null,
                };
                continue;
            }
            if (line.Contains("keyReference pinAppl1", StringComparison.Ordinal)) inPin1 = true;
            if (line.Contains("keyReference adm1", StringComparison.Ordinal)) inAdm1 = true;
            if (ComponentLine().Match(line) is { Success: true } c && pe is not ("genericFileManagement" or "header"))
            {
                Flush();
                component = c.Groups[1].Value;
                if (component.EndsWith("-header", StringComparison.Ordinal)) { component = ""; continue; }
                current = new ListedFile(pe, aid, [], "", null, false, null);
                offsetSeen = false;
                continue;
            }
            if (ContentLine().Match(line) is { Success: true } fc)
            {
                if (current is not null && current.Content is null && !offsetSeen)
                    current = current with { Content = Convert.FromHexString(fc.Groups[1].Value) };
                continue;
            }
            if (line.Contains("fillFileOffset", StringComparison.Ordinal)) { offsetSeen = true; continue; }
            if (line.Contains("createFCP", StringComparison.Ordinal))
            {
                Flush();
                current = new ListedFile(pe, aid, [.. basePath], "", null, false, null);
                component = "gfm";
                offsetSeen = false;
                continue;
            }
            if (ValueLine().Match(line) is not { Success: true } v) continue;
            var value = v.Groups[2].Value.ToUpperInvariant();
            switch (v.Groups[1].Value)
            {
                case "pinValue":
                    if (inPin1) pin1 = value;
                    if (inAdm1) adm1 = value;
                    inPin1 = inAdm1 = false;
                    break;
                case "filePath":
                    Flush();
                    aid = null;
                    basePath = [];
                    for (var i = 0; i < value.Length; i += 4)
                    {
                        var fid = value.Substring(i, 4);
                        if (i == 0 && tempFids.TryGetValue(fid, out var a)) aid = a;
                        else basePath.Add(fid);
                    }
                    break;
                case "fileID" when current is not null:
                    current = current with { Fid = value };
                    break;
                case "efFileSize" when current is not null:
                    current = current with { Size = Convert.ToInt32(value, 16) };
                    break;
                case "fileDescriptor" when current is not null && value.Length >= 2:
                    current = current with { BerTlv = (Convert.ToByte(value[..2], 16) & 0x3F) == 0x39 };
                    currentIsDir = (Convert.ToByte(value[..2], 16) & 0x38) == 0x38 && (Convert.ToByte(value[..2], 16) & 7) == 0;
                    break;
                case "dfName" when current is not null:
                    tempFids[current.Fid] = value;
                    current = current with { Aid = value, Fid = "ADF" };
                    break;
            }
        }
        Flush();
        return new Ts48Listing(result, pin1, adm1);

        void Flush()
        {
            if (current is null) return;
            var f = current;
            current = null;
            var wasDir = currentIsDir;
            currentIsDir = false;
            if (f.Fid == "ADF")
            {
                // The ADF itself: its temporary FID (first fileID) maps paths to its AID.
                var adfAid = f.Aid!;
                lastAdf[pe] = adfAid;
                aid = adfAid;
                return;
            }
            if (f.Fid.Length != 4) return;
            if (component == "gfm")
            {
                result.Add(f with { Aid = aid, Path = [.. basePath, f.Fid] });
                if (wasDir) basePath = [.. basePath, f.Fid]; // a created DF becomes current
                return;
            }
            var isDf = component.StartsWith("df-", StringComparison.Ordinal) || component == "mf";
            if (component == "mf") { result.Add(f with { Path = [] }); return; }
            if (isDf && basePath.Count == 0 && pe is "telecom" or "cd" or "gsm-access" or "df-5gs" or "df-saip" or "eap")
            {
                basePath = [f.Fid];
                result.Add(f with { Aid = aid, Path = [f.Fid] });
                return;
            }
            if (isDf)
            {
                subDf = [f.Fid];
                result.Add(f with { Aid = aid, Path = [.. basePath, f.Fid] });
                return;
            }
            result.Add(f with { Aid = aid, Path = [.. basePath, .. subDf, f.Fid] });
        }
    }
}
