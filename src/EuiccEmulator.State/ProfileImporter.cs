using System.Text.Json;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.State;

namespace EuiccEmulator.State;

/// <summary>Profile metadata given explicitly; every non-null field replaces the JSON side file value.</summary>
public sealed record ProfileMetadataOverrides
{
    /// <summary>Replaces the service provider name.</summary>
    public string? ServiceProviderName { get; init; }
    /// <summary>Replaces the profile name.</summary>
    public string? ProfileName { get; init; }
    /// <summary>Replaces the profile class.</summary>
    public ProfileClass? ProfileClass { get; init; }
    /// <summary>Replaces the icon type.</summary>
    public IconType? IconType { get; init; }
    /// <summary>Replaces the icon.</summary>
    public byte[]? Icon { get; init; }
    /// <summary>Sets the nickname.</summary>
    public string? Nickname { get; init; }
    /// <summary>Replaces the notification configuration.</summary>
    public IReadOnlyList<NotificationConfig>? NotificationConfigs { get; init; }
    /// <summary>Replaces the profile owner.</summary>
    public OperatorId? ProfileOwner { get; init; }
    /// <summary>Replaces the profile policy rules.</summary>
    public PprIds? Pprs { get; init; }
    /// <summary>Marks the profile as the emergency profile, or not.</summary>
    public bool? EcallIndication { get; init; }
    /// <summary>Allows the fallback attribute, or not.</summary>
    public bool? FallbackAllowed { get; init; }
}

/// <summary>Where the inputs came from, for error lines, plus the SAIP checks to apply.</summary>
public sealed record ProfileImportOptions
{
    /// <summary>Name of the package in error lines (e.g. its file name).</summary>
    public string PackageName { get; init; } = "package";

    /// <summary>Name of the metadata side file in error lines.</summary>
    public string MetadataName { get; init; } = "metadata.json";

    internal SaipOptions Saip { get; init; } = SaipOptions.Default;
}

/// <summary>An imported profile, or one line saying what is wrong.</summary>
public sealed class ProfileImportResult
{
    private ProfileImportResult(
        ProfileRecord? profile, byte[]? package, ProfilePackageSummary? summary, string? error, SaipError? packageError)
    {
        Profile = profile;
        Package = package;
        Summary = summary;
        Error = error;
        PackageError = packageError;
    }

    /// <summary>Whether the import succeeded; then <see cref="Profile"/> and <see cref="Package"/> are set.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>The profile template; IsdpAid is empty (the card assigns it).</summary>
    public ProfileRecord? Profile { get; }

    /// <summary>The unprotected profile package bytes.</summary>
    public byte[]? Package { get; }

    internal ProfilePackageSummary? Summary { get; }

    /// <summary>One line naming the file or field that is wrong.</summary>
    public string? Error { get; }

    /// <summary>The SAIP failure when the package itself was refused.</summary>
    public SaipError? PackageError { get; }

    internal static ProfileImportResult Ok(ProfileRecord profile, byte[] package, ProfilePackageSummary summary) =>
        new(profile, package, summary, null, null);

    internal static ProfileImportResult Fail(string error, SaipError? packageError = null) =>
        new(null, null, null, error, packageError);
}

/// <summary>Turns a profile package plus optional metadata into a profile the card can store.</summary>
// SGP.22 StoreMetadataRequest / ProfileInfo size limits (RSPDefinitions): SPN 0..32, name 0..64, icon 0..1024, nickname 0..64.
public static class ProfileImporter
{
    /// <summary>Longest service provider name (RSPDefinitions).</summary>
    public const int MaxServiceProviderName = 32;
    /// <summary>Longest profile name.</summary>
    public const int MaxProfileName = 64;
    /// <summary>Largest icon, in bytes.</summary>
    public const int MaxIcon = 1024;
    /// <summary>Longest nickname.</summary>
    public const int MaxNickname = 64;

    /// <summary>Validates the package and merges metadata: defaults, then the JSON side file, then overrides.</summary>
    public static ProfileImportResult Import(ReadOnlySpan<byte> package, string? metadataJson = null,
        ProfileMetadataOverrides? overrides = null, ProfileImportOptions? options = null)
    {
        options ??= new ProfileImportOptions();
        var result = ProfilePackage.Validate(package, options.Saip);
        if (!result.IsSuccess) return ProfileImportResult.Fail($"{options.PackageName}: {result.Error}", result.Error);
        var summary = result.Summary!;

        var profile = new ProfileRecord
        {
            Iccid = summary.Iccid,
            IsdpAid = [],
            ServiceProviderName = Limit(summary.ProfileType, MaxServiceProviderName) ?? "ICCID " + summary.Iccid.Digits,
            ProfileName = Limit(summary.ProfileType, MaxProfileName) ?? "Profile " + summary.Iccid.Digits,
            PackageSize = package.Length,
            Origin = "import",
        };

        if (metadataJson is not null)
        {
            try
            {
                profile = ProfileMetadataJson.Apply(profile, metadataJson);
            }
            catch (MetadataException ex)
            {
                return ProfileImportResult.Fail($"{options.MetadataName}: {ex.Message}");
            }
        }
        if (overrides is not null)
        {
            profile = Apply(profile, overrides);
            if (Check(profile) is { } problem) return ProfileImportResult.Fail("overrides: " + problem);
        }
        return ProfileImportResult.Ok(profile, package.ToArray(), summary);
    }

    private static ProfileRecord Apply(ProfileRecord p, ProfileMetadataOverrides o) => p with
    {
        ServiceProviderName = o.ServiceProviderName ?? p.ServiceProviderName,
        ProfileName = o.ProfileName ?? p.ProfileName,
        ProfileClass = o.ProfileClass ?? p.ProfileClass,
        IconType = o.IconType ?? p.IconType,
        Icon = o.Icon ?? p.Icon,
        Nickname = o.Nickname ?? p.Nickname,
        NotificationConfigs = o.NotificationConfigs ?? p.NotificationConfigs,
        ProfileOwner = o.ProfileOwner ?? p.ProfileOwner,
        Pprs = o.Pprs ?? p.Pprs,
        EcallIndication = o.EcallIndication ?? p.EcallIndication,
        FallbackAllowed = o.FallbackAllowed ?? p.FallbackAllowed,
    };

    /// <summary>The first metadata limit the profile breaks, as "field: problem", or null.</summary>
    internal static string? Check(ProfileRecord p)
    {
        if (p.ServiceProviderName.Length > MaxServiceProviderName)
            return $"serviceProviderName: longer than {MaxServiceProviderName} characters";
        if (p.ProfileName.Length > MaxProfileName) return $"profileName: longer than {MaxProfileName} characters";
        if (p.Nickname is { Length: > MaxNickname }) return $"nickname: longer than {MaxNickname} characters";
        if (p.Icon is { Length: > MaxIcon }) return $"icon: larger than {MaxIcon} bytes";
        if (p.Icon is not null && p.IconType is null) return "iconType: required with icon";
        if (p.Icon is null && p.IconType is not null) return "icon: required with iconType";
        if (p.ProfileOwner is { } owner && owner.MccMnc.Length != 3) return "profileOwner: mccMnc: expected 3 bytes";
        foreach (var n in p.NotificationConfigs)
        {
            if (n.Events == NotificationEvents.None || string.IsNullOrEmpty(n.Address))
                return "notifications: each entry needs events and an address";
        }

        return null;
    }

    private static string? Limit(string? text, int max) =>
        string.IsNullOrEmpty(text) ? null : text.Length <= max ? text : text[..max];
}

/// <summary>A metadata side file problem, as "field: problem".</summary>
internal sealed class MetadataException(string message) : Exception(message);

/// <summary>Reads the JSON metadata side file; unknown keys are errors so that typos do not pass silently.</summary>
internal static class ProfileMetadataJson
{
    private static readonly string[] s_keys =
    [
        "serviceProviderName", "profileName", "profileClass", "iconType", "icon", "nickname", "notifications",
        "profileOwner", "ppr", "ecallIndication", "fallbackAllowed",
    ];

    public static ProfileRecord Apply(ProfileRecord profile, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new MetadataException("not valid JSON: " + ex.Message.Split('\n')[0].TrimEnd());
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new MetadataException("expected a JSON object");
            foreach (var property in root.EnumerateObject())
            {
                if (!s_keys.Contains(property.Name, StringComparer.Ordinal))
                    throw new MetadataException($"{property.Name}: unknown key (expected one of {string.Join(", ", s_keys)})");
                profile = ApplyOne(profile, property.Name, property.Value);
            }
        }
        if (ProfileImporter.Check(profile) is { } problem) throw new MetadataException(problem);
        return profile;
    }

    private static ProfileRecord ApplyOne(ProfileRecord p, string key, JsonElement value) => key switch
    {
        "serviceProviderName" => p with { ServiceProviderName = Text(key, value, ProfileImporter.MaxServiceProviderName) },
        "profileName" => p with { ProfileName = Text(key, value, ProfileImporter.MaxProfileName) },
        "nickname" => p with { Nickname = Text(key, value, ProfileImporter.MaxNickname) },
        "profileClass" => p with
        {
            ProfileClass = Text(key, value, 20) switch
            {
                "test" => ProfileClass.Test,
                "provisioning" => ProfileClass.Provisioning,
                "operational" => ProfileClass.Operational,
                _ => throw new MetadataException($"{key}: expected one of test, provisioning, operational"),
            },
        },
        "iconType" => p with
        {
            IconType = Text(key, value, 10) switch
            {
                "jpg" => IconType.Jpg,
                "png" => IconType.Png,
                _ => throw new MetadataException($"{key}: expected one of jpg, png"),
            },
        },
        "icon" => p with { Icon = Base64(key, value) },
        "notifications" => p with { NotificationConfigs = Notifications(value) },
        "profileOwner" => p with { ProfileOwner = Owner(value) },
        "ppr" => p with { Pprs = Pprs(value) },
        "ecallIndication" => p with { EcallIndication = Bool(key, value) },
        "fallbackAllowed" => p with { FallbackAllowed = Bool(key, value) },
        _ => throw new MetadataException($"{key}: unknown key"),
    };

    private static string Text(string field, JsonElement value, int max)
    {
        if (value.ValueKind != JsonValueKind.String) throw new MetadataException($"{field}: expected a string");
        var text = value.GetString()!;
        if (text.Length > max) throw new MetadataException($"{field}: longer than {max} characters");
        return text;
    }

    private static bool Bool(string field, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new MetadataException($"{field}: expected true or false"),
    };

    private static byte[] Base64(string field, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String || !value.TryGetBytesFromBase64(out var bytes))
            throw new MetadataException($"{field}: expected base64");
        if (bytes.Length > ProfileImporter.MaxIcon) throw new MetadataException($"{field}: larger than {ProfileImporter.MaxIcon} bytes");
        return bytes;
    }

    private static byte[] Hex(string field, JsonElement value, int? exactBytes)
    {
        if (value.ValueKind != JsonValueKind.String) throw new MetadataException($"{field}: expected a hex string");
        var text = value.GetString()!;
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            throw new MetadataException($"{field}: expected a hex string");
        }
        if (exactBytes is { } n && bytes.Length != n)
            throw new MetadataException($"{field}: expected {n * 2} hex digits");
        return bytes;
    }

    private static List<NotificationConfig> Notifications(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array) throw new MetadataException("notifications: expected an array");
        var list = new List<NotificationConfig>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var at = $"notifications[{index++}]";
            if (item.ValueKind != JsonValueKind.Object) throw new MetadataException($"{at}: expected an object");
            var events = NotificationEvents.None;
            string? address = null;
            foreach (var property in item.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "events":
                        if (property.Value.ValueKind != JsonValueKind.Array)
                            throw new MetadataException($"{at}.events: expected an array");
                        foreach (var e in property.Value.EnumerateArray())
                        {
                            events |= (e.ValueKind == JsonValueKind.String ? e.GetString() : null) switch
                            {
                                "install" => NotificationEvents.Install,
                                "enable" => NotificationEvents.Enable,
                                "disable" => NotificationEvents.Disable,
                                "delete" => NotificationEvents.Delete,
                                _ => throw new MetadataException($"{at}.events: expected install, enable, disable or delete"),
                            };
                        }

                        break;
                    case "address":
                        address = Text($"{at}.address", property.Value, 255);
                        break;
                    default:
                        throw new MetadataException($"{at}.{property.Name}: unknown key (expected events, address)");
                }
            }
            if (events == NotificationEvents.None) throw new MetadataException($"{at}.events: at least one event required");
            if (string.IsNullOrEmpty(address)) throw new MetadataException($"{at}.address: required");
            list.Add(new NotificationConfig(events, address));
        }
        return list;
    }

    private static OperatorId Owner(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object) throw new MetadataException("profileOwner: expected an object");
        byte[]? mccMnc = null, gid1 = null, gid2 = null;
        foreach (var property in value.EnumerateObject())
        {
            switch (property.Name)
            {
                case "mccMnc": mccMnc = Hex("profileOwner.mccMnc", property.Value, 3); break;
                case "gid1": gid1 = Hex("profileOwner.gid1", property.Value, null); break;
                case "gid2": gid2 = Hex("profileOwner.gid2", property.Value, null); break;
                default: throw new MetadataException($"profileOwner.{property.Name}: unknown key (expected mccMnc, gid1, gid2)");
            }
        }
        return mccMnc is null ? throw new MetadataException("profileOwner.mccMnc: required") : new OperatorId(mccMnc, gid1, gid2);
    }

    private static PprIds Pprs(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array) throw new MetadataException("ppr: expected an array");
        var pprs = PprIds.None;
        foreach (var e in value.EnumerateArray())
        {
            pprs |= (e.ValueKind == JsonValueKind.String ? e.GetString() : null) switch
            {
                "ppr1" => PprIds.Ppr1DisableNotAllowed,
                "ppr2" => PprIds.Ppr2DeleteNotAllowed,
                "updateControl" => PprIds.UpdateControl,
                _ => throw new MetadataException("ppr: expected ppr1, ppr2 or updateControl"),
            };
        }

        return pprs;
    }
}
