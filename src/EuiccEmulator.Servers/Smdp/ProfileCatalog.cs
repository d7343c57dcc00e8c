using System.Text.Json;
using System.Text.Json.Serialization;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.State;

namespace EuiccEmulator.Servers.Smdp;

/// <summary>A profile the SM-DP+ serves under a matching ID, with the faults to inject for it.</summary>
public sealed record ServedProfile(string MatchingId, byte[] Upp, ProfileMetadata Metadata, SmdpFaults Faults, string Source);

/// <summary>
/// The profiles of a test SM-DP+ by matching ID: DIR/ID.der (metadata from DIR/ID.json when present, else the
/// package header), faults from DIR/ID.faults.json (the <see cref="SmdpFaults"/> properties in JSON) and, for every
/// session from InitiateAuthentication on, DIR/faults.json.
/// </summary>
public sealed class ProfileCatalog
{
    /// <summary>Matching IDs are what an activation code may carry (SGP.22 §4.1: no '$').</summary>
    public const int MaxMatchingIdLength = 255;

    private static readonly JsonSerializerOptions s_faultJson = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private readonly Dictionary<string, ServedProfile> _profiles = new(StringComparer.Ordinal);

    /// <summary>Faults for every session, also before the matching ID is known (serverSignature1, CERT.DPauth...).</summary>
    public SmdpFaults SessionFaults { get; private set; } = SmdpFaults.None;

    public IReadOnlyCollection<ServedProfile> Profiles => _profiles.Values;

    public bool TryGet(string matchingId, out ServedProfile profile) => _profiles.TryGetValue(matchingId, out profile!);

    public void Add(ServedProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.MatchingId.Length is 0 or > MaxMatchingIdLength || profile.MatchingId.Contains('$', StringComparison.Ordinal))
            throw new ArgumentException($"matching ID '{profile.MatchingId}' is empty, too long or has a '$'", nameof(profile));
        _profiles[profile.MatchingId] = profile;
    }

    /// <summary>Reads every *.der of <paramref name="directory"/>.</summary>
    /// <exception cref="CatalogException">A file cannot be read or is not a valid profile package (one line naming it).</exception>
    public static ProfileCatalog Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new CatalogException($"{directory}: no such directory");
        var catalog = new ProfileCatalog();
        var all = Path.Combine(directory, "faults.json");
        if (File.Exists(all)) catalog.SessionFaults = ReadFaults(all);
        foreach (var file in Directory.EnumerateFiles(directory, "*.der").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(file);
            var upp = Read(file);
            var json = Path.ChangeExtension(file, ".json");
            var imported = ProfileImporter.Import(upp, File.Exists(json) ? File.ReadAllText(json) : null, null,
                new ProfileImportOptions { PackageName = file, MetadataName = json });
            if (!imported.IsSuccess) throw new CatalogException(imported.Error!);
            var faultsFile = Path.Combine(directory, id + ".faults.json");
            var faults = File.Exists(faultsFile) ? ReadFaults(faultsFile) : SmdpFaults.None;
            try
            {
                catalog.Add(new ServedProfile(id, upp, imported.Profile!.ToMetadata(), faults, file));
            }
            catch (ArgumentException e)
            {
                throw new CatalogException($"{file}: {e.Message}");
            }
        }
        return catalog;
    }

    /// <summary>Parses <see cref="SmdpFaults"/> from JSON, e.g. {"BadSmdpSignature2": true} or {"PbCertificate": "OtherCi"}.</summary>
    public static SmdpFaults ParseFaults(string json, string name)
    {
        try
        {
            return JsonSerializer.Deserialize<SmdpFaults>(json, s_faultJson) ?? SmdpFaults.None;
        }
        catch (JsonException e)
        {
            throw new CatalogException($"{name}: {e.Message}");
        }
    }

    private static SmdpFaults ReadFaults(string file) => ParseFaults(File.ReadAllText(file), file);

    private static byte[] Read(string file)
    {
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CatalogException($"{file}: {e.Message}");
        }
    }
}

/// <summary>A profile directory problem, one line naming the file.</summary>
public sealed class CatalogException(string message) : Exception(message);
