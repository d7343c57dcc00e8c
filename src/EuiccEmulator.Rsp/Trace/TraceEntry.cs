namespace EuiccEmulator.Rsp.Trace;

/// <summary>What a <see cref="TraceEntry"/> stands for.</summary>
public enum TraceEntryKind
{
    /// <summary>An ES10 function: its STORE DATA blocks reassembled, its response with every GET RESPONSE.</summary>
    Es10,

    /// <summary>A SELECT and its answer (the FCI decoded when there is one).</summary>
    Select,

    /// <summary>Any other command: its instruction name, bytes and answer.</summary>
    Command,

    /// <summary>A STORE DATA block before the last one that the card refused.</summary>
    StoreDataRefused,

    /// <summary>A GET RESPONSE with no response pending on its channel.</summary>
    GetResponseWithoutPending,

    /// <summary>Bytes that are not a command APDU.</summary>
    Malformed,
}

/// <summary>
/// One decoded step of a trace, in the order the log has them: the same content as the text output, for --json.
/// An entry whose response is still being read by GET RESPONSE is complete once the log has the last part.
/// </summary>
public sealed class TraceEntry
{
    internal TraceEntry(TraceEntryKind kind, int line, int channel, string name, string? comment)
    {
        Kind = kind;
        Line = line;
        Channel = channel;
        Name = name;
        Comment = comment;
    }

    /// <summary>What the entry stands for.</summary>
    public TraceEntryKind Kind { get; }

    /// <summary>The line of the (first) command in the log.</summary>
    public int Line { get; }

    /// <summary>The logical channel (0-19).</summary>
    public int Channel { get; }

    /// <summary>The ES10 function or instruction name.</summary>
    public string Name { get; }

    /// <summary>The '#' comment line just before the command, if any.</summary>
    public string? Comment { get; }

    /// <summary>The command bytes, for entries that are one command (not an ES10 function).</summary>
    public byte[]? CommandBytes { get; internal set; }

    /// <summary>STORE DATA blocks of an ES10 function.</summary>
    public int? Blocks { get; internal set; }

    /// <summary>The reassembled ES10 request, whole.</summary>
    public byte[]? Request { get; internal set; }

    /// <summary>The request decoded by ASN.1 path.</summary>
    public IReadOnlyList<TraceField> RequestFields { get; internal set; } = [];

    /// <summary>The final status word; null when the log ends before it.</summary>
    public ushort? StatusWord { get; internal set; }

    /// <summary>The response data, every GET RESPONSE part joined.</summary>
    public byte[] Response { get; internal set; } = [];

    /// <summary>The response decoded by ASN.1 path (ES10 and SELECT).</summary>
    public IReadOnlyList<TraceField> ResponseFields { get; internal set; } = [];

    /// <summary>Why the entry is incomplete: its response abandoned by the next command, or the log ends inside it.</summary>
    public string? Note { get; internal set; }
}
