using System.Globalization;
using System.Text.Json;

namespace EuiccEmulator.Card.Uicc;

/// <summary>File structures of ETSI TS 102 221 §11.1.1.4.3, plus the directory kinds.</summary>
internal enum FileKind
{
    Mf,
    Df,
    Adf,
    Transparent,
    LinearFixed,
    Cyclic,
    BerTlv,
}

/// <summary>One file of a SAIP template (Annex A row).</summary>
internal sealed record TemplateFile
{
    /// <summary>The ASN.1 component name, e.g. ef-imsi.</summary>
    public required string Name { get; init; }

    /// <summary>Null for ADFs (temporary FID from the PE), DF.EAP and files of unknown FID.</summary>
    public ushort? Fid { get; init; }

    public required FileKind Kind { get; init; }

    /// <summary>A sub-DF of the template that holds this file (e.g. 5F50 DF.GRAPHICS); null: the base DF.</summary>
    public ushort? ParentFid { get; init; }

    public bool Mandatory { get; init; }

    /// <summary>Transparent/BER-TLV size in bytes; null when the PE must give it.</summary>
    public int? Size { get; init; }

    public int? RecordLength { get; init; }

    public int? RecordCount { get; init; }

    public int? Sfi { get; init; }

    public ushort ArrFid { get; init; }

    public byte ArrRecord { get; init; }

    /// <summary>Template default content in the data's notation ('AB...CD' or plain hex); null: none.</summary>
    public string? DefaultContent { get; init; }

    public bool DefaultRepeat { get; init; }

    public bool HighUpdate { get; init; }
}

/// <summary>One template (SAIP v3.3.1 Annex A table), named by its OID.</summary>
internal sealed record Template
{
    public required string Oid { get; init; }

    /// <summary>The ProfileElement CHOICE name (mf, usim, opt-usim, ...).</summary>
    public required string PeType { get; init; }

    /// <summary>Created by default: every mandatory file exists when the PE is present.</summary>
    public bool CreatedByDefault { get; init; }

    /// <summary>For OPT-* templates: the OID of the template whose base DF this one adds files to.</summary>
    public string? Extends { get; init; }

    /// <summary>The parent of the base DF: "3F00", "ADF.USIM", ... (null for the MF).</summary>
    public string? ParentPath { get; init; }

    public required IReadOnlyList<TemplateFile> Files { get; init; }

    public TemplateFile? Find(string name) => Files.FirstOrDefault(f => f.Name == name);
}

/// <summary>The SAIP v3.3.1 templates, read once from the embedded <c>Uicc/Templates/templates.json</c>.</summary>
internal sealed class TemplateCatalog
{
    private const string Resource = "uicc/templates.json";
    private static readonly Lazy<TemplateCatalog> s_default = new(Load);
    private readonly Dictionary<string, Template> _byOid;

    private TemplateCatalog(Dictionary<string, Template> byOid, IReadOnlyDictionary<int, byte[][]> accessRules)
    {
        _byOid = byOid;
        AccessRules = accessRules;
    }

    public static TemplateCatalog Default => s_default.Value;

    public IReadOnlyCollection<Template> Templates => _byOid.Values;

    /// <summary>The access rules of section 9.9 by record number: AM_DO/SC_DO lists.</summary>
    public IReadOnlyDictionary<int, byte[][]> AccessRules { get; }

    public Template? Find(string oid) => _byOid.GetValueOrDefault(oid);

    private static TemplateCatalog Load()
    {
        using var stream = typeof(TemplateCatalog).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"embedded resource {Resource} is missing");
        using var json = JsonDocument.Parse(stream);
        var root = json.RootElement;
        var templates = new Dictionary<string, Template>(StringComparer.Ordinal);
        foreach (var t in root.GetProperty("templates").EnumerateArray())
        {
            var files = t.GetProperty("files").EnumerateArray().Select(ReadFile).ToList();
            var template = new Template
            {
                Oid = t.GetProperty("oid").GetString()!,
                PeType = t.GetProperty("pe_type").GetString()!,
                CreatedByDefault = t.GetProperty("created_by_default").GetBoolean(),
                Extends = Str(t, "extends"),
                ParentPath = Str(t, "parent_path"),
                Files = files,
            };
            templates[template.Oid] = template;
        }
        var rules = new Dictionary<int, byte[][]>();
        foreach (var p in root.GetProperty("arr_definitions").EnumerateObject())
        {
            rules[int.Parse(p.Name, CultureInfo.InvariantCulture)] =
                [.. p.Value.EnumerateArray().Select(v => Convert.FromHexString(v.GetString()!))];
        }

        return new TemplateCatalog(templates, rules);
    }

    private static TemplateFile ReadFile(JsonElement f)
    {
        int? size = null, recordLength = null, recordCount = null;
        if (f.TryGetProperty("size", out var s))
        {
            if (s.ValueKind == JsonValueKind.Number)
            {
                size = s.GetInt32();
            }
            else if (s.ValueKind == JsonValueKind.Object)
            {
                recordLength = Int(s, "rec_len");
                recordCount = Int(s, "nb_rec");
            }
        }
        ushort arrFid = 0;
        byte arrRecord = 0;
        if (f.TryGetProperty("arr", out var arr) && arr.ValueKind == JsonValueKind.Object)
        {
            arrFid = Fid(Str(arr, "fid")) ?? 0;
            arrRecord = (byte)(Int(arr, "record") ?? 0);
        }
        var fidText = Str(f, "fid");
        if (fidText is null && f.TryGetProperty("fid_range", out var range) && range.ValueKind == JsonValueKind.Array)
            fidText = range[0].GetString();
        return new TemplateFile
        {
            Name = Str(f, "name")!,
            Fid = Fid(fidText),
            Kind = Str(f, "type") switch
            {
                "MF" => FileKind.Mf,
                "DF" => FileKind.Df,
                "ADF" => FileKind.Adf,
                "LF" => FileKind.LinearFixed,
                "CY" => FileKind.Cyclic,
                "BT" => FileKind.BerTlv,
                _ => FileKind.Transparent,
            },
            ParentFid = Fid(Str(f, "parent_fid")),
            Mandatory = f.TryGetProperty("mandatory", out var m) && m.ValueKind == JsonValueKind.True,
            Size = size,
            RecordLength = recordLength,
            RecordCount = recordCount,
            Sfi = Int(f, "sfi"),
            ArrFid = arrFid,
            ArrRecord = arrRecord,
            DefaultContent = Str(f, "default_content"),
            DefaultRepeat = f.TryGetProperty("default_repeat", out var r) && r.ValueKind == JsonValueKind.True,
            HighUpdate = f.TryGetProperty("high_update", out var h) && h.ValueKind == JsonValueKind.True,
        };
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static ushort? Fid(string? hex) =>
        hex is { Length: 4 } && ushort.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v) ? v : null;
}
