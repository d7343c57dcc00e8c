namespace EuiccEmulator.Rsp.Saip;

/// <summary>What the card claims to support when it checks a profile package header and its PEs.</summary>
// SAIP v3.3.1 §8.1: eUICC-Mandatory-services, -GFSTEList, -AIDs; UICCCapability.
internal sealed record SaipCapabilities
{
    /// <summary>
    /// Services the card offers; a package requiring another one fails with feature-not-supported. EUICCInfo2
    /// uiccCapability is derived from this set, so the card claims what its installer accepts and no more.
    /// javacard: load packages and instances (PE-Application) are kept with the profile and listed, not executed.
    /// </summary>
    public IReadOnlySet<SaipService> Services { get; init; } = new HashSet<SaipService>
    {
        SaipService.Usim, SaipService.Isim, SaipService.Csim, SaipService.Milenage, SaipService.Tuak128,
        SaipService.Tuak256, SaipService.UsimTestAlgorithm, SaipService.BerTlv, SaipService.GetIdentity,
        SaipService.ProfileAX25519, SaipService.ProfileBP256, SaipService.Javacard,
    };

    /// <summary>UICCCapability iotminimal(31): IoT Minimal Profiles (header iotOptions, PE-IoT).</summary>
    public bool IotMinimal { get; init; } = true;

    /// <summary>Template OIDs the card can instantiate.</summary>
    public IReadOnlySet<string> Templates { get; init; } = TemplateOids.All;

    /// <summary>PE types the card can process (wire tags); mandated PEs of other types fail with pe-not-supported.</summary>
    public IReadOnlySet<int> Elements { get; init; } = DefaultElements();

    /// <summary>Application AIDs (hex, upper case) present on the card, for eUICC-Mandatory-AIDs.</summary>
    public IReadOnlySet<string> Aids { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Supported SAIP versions: major version to the highest minor version accepted.</summary>
    public IReadOnlyDictionary<int, int> Versions { get; init; } = new Dictionary<int, int> { [2] = 3, [3] = 3 };

    public static SaipCapabilities Default { get; } = new();

    private static HashSet<int> DefaultElements()
    {
        var set = new HashSet<int>();
        foreach (var type in Enum.GetValues<ProfileElementType>())
            if (!ProfileElementTypes.IsReserved((int)type)) set.Add((int)type);
        return set;
    }
}

/// <summary>Capabilities and limits used to check one package.</summary>
internal sealed record SaipOptions
{
    public SaipCapabilities Capabilities { get; init; } = SaipCapabilities.Default;

    public SaipLimits Limits { get; init; } = SaipLimits.Default;

    public static SaipOptions Default { get; } = new();
}
