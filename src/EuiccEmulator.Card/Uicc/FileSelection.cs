namespace EuiccEmulator.Card.Uicc;

/// <summary>One logical channel's current DF, EF, record and application (ETSI TS 102 221 §8.4).</summary>
internal sealed class FileSelection
{
    /// <summary>The file system these selections belong to; another one (a switch) starts again at the MF.</summary>
    public UiccFileSystem? FileSystem { get; private set; }

    public UiccFile? Df { get; set; }

    public UiccFile? Ef { get; set; }

    /// <summary>Current record number (1-based), 0 when none.</summary>
    public int Record { get; set; }

    /// <summary>The current application: an ADF, or the MF when none is selected.</summary>
    public UiccFile? Application { get; set; }

    /// <summary>Makes the selection valid for <paramref name="fs"/>: after a reset or a switch, the MF is current.</summary>
    public void Attach(UiccFileSystem fs)
    {
        if (ReferenceEquals(fs, FileSystem) && Df is not null) return;
        FileSystem = fs;
        Df = fs.Mf;
        Ef = null;
        Record = 0;
        Application = fs.Mf;
    }

    public void Clear()
    {
        FileSystem = null;
        Df = null;
        Ef = null;
        Record = 0;
        Application = null;
    }
}
