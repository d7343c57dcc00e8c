namespace EuiccEmulator.Rsp.Saip;

/// <summary>Bounds on what the PE reader buffers; a package beyond them is refused with not-enough-memory.</summary>
internal sealed record SaipLimits
{
    /// <summary>Largest single PE TLV accepted (tag, length and content).</summary>
    public int MaxElementSize { get; init; } = 256 * 1024;

    /// <summary>Largest whole package accepted.</summary>
    public long MaxPackageSize { get; init; } = 4 * 1024 * 1024;

    public static SaipLimits Default { get; } = new();
}
