using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Rsp.Saip;

/// <summary>One PE of a package as listed in the summary.</summary>
internal sealed record ProfileElementInfo(int Tag, string Name, int? Identification, bool Mandated, int Size, long Offset);

/// <summary>What a validated package contains.</summary>
internal sealed record ProfilePackageSummary
{
    public required Iccid Iccid { get; init; }

    public required int MajorVersion { get; init; }

    public required int MinorVersion { get; init; }

    public string? ProfileType { get; init; }

    /// <summary>Header iotOptions present or a PE-IoT seen.</summary>
    // SAIP v3.3.1 §7.5: IoT Minimal Profile.
    public required bool IsIotMinimal { get; init; }

    public byte[]? IotPix { get; init; }

    public required IReadOnlyList<SaipService> MandatoryServices { get; init; }

    public required IReadOnlyList<string> MandatoryTemplates { get; init; }

    public required IReadOnlyList<ProfileElementInfo> Elements { get; init; }

    /// <summary>Total package size in bytes.</summary>
    public required long Size { get; init; }
}
