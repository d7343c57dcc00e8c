namespace EuiccEmulator.Card.Uicc;

/// <summary>One profile's file system as the terminal sees it: the MF tree, the ADFs, PINs and PUKs.</summary>
internal sealed class UiccFileSystem
{
    internal UiccFileSystem(UiccFile mf)
    {
        Mf = mf;
        GlobalPins = new PinTable { Scope = "3F00" };
    }

    public UiccFile Mf { get; }

    /// <summary>ADFs in creation order; an ADF's FID is the PE's temporary FID.</summary>
    public List<UiccFile> Adfs { get; } = [];

    /// <summary>Global PINs and ADM keys (key references 01-08, 0A-0E).</summary>
    public PinTable GlobalPins { get; }

    public Dictionary<byte, Puk> Puks { get; } = [];

    /// <summary>Java Card load packages and instances of the profile (PE-Application), kept but not executed.</summary>
    public List<ReadOnlyMemory<byte>> Applications { get; } = [];

    /// <summary>Every file, depth first.</summary>
    public IEnumerable<UiccFile> AllFiles()
    {
        var stack = new Stack<UiccFile>();
        for (var i = Adfs.Count - 1; i >= 0; i--) stack.Push(Adfs[i]);
        stack.Push(Mf);
        while (stack.Count > 0)
        {
            var f = stack.Pop();
            yield return f;
            for (var i = f.Children.Count - 1; i >= 0; i--) stack.Push(f.Children[i]);
        }
    }

    /// <summary>All PIN tables: global first, then the local tables of DFs/ADFs (each once).</summary>
    public IEnumerable<PinTable> PinTables()
    {
        yield return GlobalPins;
        var seen = new HashSet<PinTable>();
        foreach (var f in AllFiles())
            if (f.LocalPins is { } t && seen.Add(t)) yield return t;
    }

    /// <summary>The AIDs listed in EF.DIR (ETSI TS 102 221 §13.1), in record order.</summary>
    public IReadOnlyList<byte[]> DirAids()
    {
        var dir = Mf.Child(0x2F00);
        var aids = new List<byte[]>();
        if (dir is null || !dir.IsRecord) return aids;
        for (var r = 0; r < dir.RecordCount; r++)
        {
            var record = dir.Data.AsSpan(r * dir.RecordLength, dir.RecordLength);
            // 61 L { 4F L AID ... }
            if (record.Length < 4 || record[0] != 0x61 || record[2] != 0x4F) continue;
            var length = record[3];
            if (length is < 1 or > 16 || 4 + length > record.Length) continue;
            aids.Add(record.Slice(4, length).ToArray());
        }
        return aids;
    }

    /// <summary>The ADF for a full or right-truncated AID listed in EF.DIR (first match, as in its records).</summary>
    public UiccFile? FindAdf(ReadOnlySpan<byte> aid)
    {
        foreach (var listed in DirAids())
        {
            if (!listed.AsSpan().StartsWith(aid)) continue;
            var adf = Adfs.Find(a => a.Aid is not null && a.Aid.AsSpan().SequenceEqual(listed));
            if (adf is not null) return adf;
        }
        // An ADF the EF.DIR does not list is still selectable by its full AID.
        foreach (var adf in Adfs)
            if (adf.Aid is not null && adf.Aid.AsSpan().SequenceEqual(aid)) return adf;
        return null;
    }

    /// <summary>A path of FIDs from the MF (the MF's own 3F00 optional); ADFs by their temporary FID.</summary>
    public UiccFile? Resolve(ReadOnlySpan<byte> path)
    {
        if (path.Length % 2 != 0) return null;
        var current = Mf;
        for (var i = 0; i < path.Length; i += 2)
        {
            var fid = (ushort)(path[i] << 8 | path[i + 1]);
            if (i == 0 && fid == 0x3F00) continue;
            var next = current.Child(fid);
            if (next is null && current == Mf) next = Adfs.Find(a => a.Fid == fid);
            if (next is null) return null;
            current = next;
        }
        return current;
    }
}
