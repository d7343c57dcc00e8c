namespace EuiccEmulator.Card.Uicc;

/// <summary>
/// One file of a profile's file system: a directory (MF, DF, ADF) or an EF with its content. Record files keep their
/// records back to back in <see cref="Data"/>.
/// </summary>
// ETSI TS 102 221 §8 (file types), §11.1.1.4 (FCP).
internal sealed class UiccFile
{
    private readonly List<UiccFile> _children = [];
    private byte[] _data = [];

    public UiccFile(ushort fid, FileKind kind, string name)
    {
        Fid = fid;
        Kind = kind;
        Name = name;
    }

    public ushort Fid { get; }

    public FileKind Kind { get; }

    /// <summary>SAIP component name (ef-imsi) or "fid-XXXX" for generic files.</summary>
    public string Name { get; }

    public UiccFile? Parent { get; private set; }

    public IReadOnlyList<UiccFile> Children => _children;

    public bool IsDirectory => Kind is FileKind.Mf or FileKind.Df or FileKind.Adf;

    public bool IsRecord => Kind is FileKind.LinearFixed or FileKind.Cyclic;

    /// <summary>The AID of an ADF (dfName).</summary>
    public byte[]? Aid { get; set; }

    public int? Sfi { get; set; }

    public ushort ArrFid { get; set; }

    public byte ArrRecord { get; set; }

    /// <summary>Life cycle status integer (ETSI TS 102 221 §11.1.1.4.9): 05 activated, 04 deactivated.</summary>
    public byte Lcsi { get; set; } = 0x05;

    /// <summary>Key references of the PIN status template (SAIP pinStatusTemplateDO), directories only.</summary>
    public byte[]? PinKeyReferences { get; set; }

    /// <summary>SAIP specialFileInformation: b8 high update activity, b7 readable/updatable when deactivated.</summary>
    public byte SpecialInfo { get; set; }

    public int RecordLength { get; set; }

    /// <summary>Local PINs defined for this DF/ADF (key references 81..88, 8A..8E).</summary>
    public PinTable? LocalPins { get; set; }

    /// <summary>A link file's target path (SAIP linkPath); the content is the target's.</summary>
    public byte[]? LinkPath { get; set; }

    /// <summary>Resolved link target, set once the whole profile is built.</summary>
    public UiccFile? LinkTarget { get; set; }

    /// <summary>Raw PE-AKAParameter content of the NAA this ADF belongs to.</summary>
    public byte[]? AkaParameter { get; set; }

    /// <summary>An NAA's persistent authentication state (SQN array), opaque here; null until first used.</summary>
    public byte[]? AuthState { get; set; }

    /// <summary>The file whose content this file shows: itself, or its link target.</summary>
    public UiccFile ContentFile => LinkTarget ?? this;

    /// <summary>Content (EF): transparent bytes or records back to back.</summary>
    public byte[] Data
    {
        get => ContentFile._data;
        set => ContentFile._data = value;
    }

    /// <summary>Changed since the profile was installed: kept in the profile's persistent state.</summary>
    public bool Modified
    {
        get => ContentFile._modified;
        set => ContentFile._modified = value;
    }

    private bool _modified;

    public int Size => Data.Length;

    public int RecordCount => RecordLength == 0 ? 0 : Data.Length / RecordLength;

    public void Add(UiccFile child)
    {
        child.Parent = this;
        _children.Add(child);
    }

    /// <summary>An ADF hangs off the MF for ARR lookup and paths, but is not one of its children (selected by AID).</summary>
    public void AttachTo(UiccFile parent) => Parent = parent;

    public UiccFile? Child(ushort fid) => _children.Find(c => c.Fid == fid);

    /// <summary>The ADF or MF this file sits in (TS 102 221 §8.4: the current application).</summary>
    public UiccFile Application
    {
        get
        {
            for (var f = this; ; f = f.Parent!)
                if (f.Kind is FileKind.Adf or FileKind.Mf || f.Parent is null) return f;
        }
    }

    /// <summary>A stable key for the persistent state: FIDs from the MF, ADFs by their AID.</summary>
    public string Key
    {
        get
        {
            var parts = new List<string>();
            for (var f = this; f is not null; f = f.Parent)
            {
                parts.Add(f.Kind == FileKind.Adf && f.Aid is not null
                    ? Convert.ToHexString(f.Aid)
                    : f.Fid.ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            parts.Reverse();
            return string.Join('/', parts);
        }
    }

    public override string ToString() => $"{Name} {Fid:X4}";
}
