namespace EuiccEmulator.Rsp.Es10;

/// <summary>
/// One ES10 function: the outer tag of its request (and response) as wire bytes, its name as the specification
/// writes it, its interface, the section defining it, the SGP.32 card versions having it and its hex vectors.
/// </summary>
internal sealed record Es10Function(
    int Tag,
    string Name,
    Es10Interface Interface,
    string Section,
    Sgp32Releases Releases,
    IReadOnlyList<Es10Vector> Vectors)
{
    /// <summary>The v1.0 name where SGP.32 v1.0 names the same function differently.</summary>
    public string? NameV1_0 { get; init; }

    /// <summary>Segments of a request that is sent in pieces rather than as one TLV (only the BPP).</summary>
    public IReadOnlyList<Es10Segment> Segments { get; init; } = [];

    /// <summary>Whether the request comes in segments that are not complete TLVs (SGP.22 §2.5.5).</summary>
    public bool Segmented => Segments.Count > 0;

    /// <summary>The name a card of this SGP.32 version uses.</summary>
    public string NameIn(Sgp32Releases release) => release == Sgp32Releases.V1_0 && NameV1_0 is not null ? NameV1_0 : Name;

    /// <summary>Whether this is one of the SGP.32 functions (SGP.32 §5.9) rather than an SGP.22 one.</summary>
    public bool Sgp32 => Section.StartsWith("SGP.32", StringComparison.Ordinal);

    public override string ToString() => $"{Name} ({Tag:X4})";
}

/// <summary>One segment of a segmented request: its leading tag and the component it carries.</summary>
internal sealed record Es10Segment(int Tag, string Component);
