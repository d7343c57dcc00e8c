using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EuiccEmulator.Cli;

/// <summary>
/// The --json output of the read verbs: one JSON object per run, camelCase names, absent values as null, and a
/// "schema" member naming the document and its version (docs/cli-json.md). Members are only ever added.
/// </summary>
public static class JsonOut
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Names and addresses print as typed, not as \u escapes; the output is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write<T>(TextWriter output, T document) where T : JsonDocumentBase =>
        output.WriteLine(JsonSerializer.Serialize(document, Options));
}

/// <summary>Every document starts with its schema name, e.g. "euicc-emu/profiles-list/1".</summary>
public abstract record JsonDocumentBase([property: JsonPropertyOrder(-10)] string Schema);

// apdu
public sealed record JsonApdu(string Command, string Data, string Sw);

public sealed record JsonApduList(string Eid, IReadOnlyList<JsonApdu> Exchanges) : JsonDocumentBase("euicc-emu/apdu/1");

// info
public sealed record JsonCi(string SubjectKeyIdentifier, string? Name);

public sealed record JsonVersions(
    string? Svn, string? ProfileVersion, string? EuiccFirmwareVer, string? Ts102241Version, string? GlobalplatformVersion,
    string? PpVersion, string Sgp32, IReadOnlyList<string> IotVersions);

public sealed record JsonCounts(int Profiles, int Notifications, int PackageResults, int Eims);

public sealed record JsonCardOptions(
    string? EuiccCategory, string? RspCapability, string? IpaMode, string? DefaultDpAddress, string? RootDsAddress,
    bool ImmediateEnable, bool EmergencyActive, string? FallbackProfile);

public sealed record JsonInfo(
    string Eid, string Store, string? EnabledProfile, JsonVersions Versions, IReadOnlyList<JsonCi> CisForVerification,
    IReadOnlyList<JsonCi> CisForSigning, JsonCardOptions Options, JsonCounts Counts) : JsonDocumentBase("euicc-emu/info/1");

// profiles list
public sealed record JsonProfile(
    string Iccid, string IsdpAid, string State, string ProfileClass, string? ServiceProviderName, string? ProfileName,
    string? Nickname, string? ProfileOwnerMccMnc, IReadOnlyList<string> Pprs, bool EcallIndication, bool FallbackAllowed,
    bool FallbackAttribute, string Origin, int PackageSize);

public sealed record JsonProfileList(string Eid, IReadOnlyList<JsonProfile> Profiles) : JsonDocumentBase("euicc-emu/profiles-list/1");

// profiles apps
public sealed record JsonLoadPackage(string Aid, string? SecurityDomainAid, int LoadBlockLength, string? Hash);

public sealed record JsonAppInstance(string InstanceAid, string ClassAid, string PackageAid, string Privileges, string LifeCycleState);

public sealed record JsonProfileApps(string Eid, string Iccid, IReadOnlyList<JsonLoadPackage> LoadPackages,
    IReadOnlyList<JsonAppInstance> Instances) : JsonDocumentBase("euicc-emu/profiles-apps/1");

// profiles enable|disable|delete|nickname, notifications remove, eim remove
public sealed record JsonAction(string Eid, string Function, string Target, int Result, string ResultName, bool Ok)
    : JsonDocumentBase("euicc-emu/action/1");

// notifications list
public sealed record JsonNotification(long SeqNumber, string Operation, string? NotificationAddress, string? Iccid);

public sealed record JsonNotificationList(string Eid, IReadOnlyList<JsonNotification> Notifications)
    : JsonDocumentBase("euicc-emu/notifications-list/1");

// eim list
public sealed record JsonEim(
    string EimId, string? EimFqdn, string? EimIdType, long? CounterValue, long? AssociationToken, string? EimPublicKeyData,
    IReadOnlyList<string> SupportedProtocols, string? EuiccCiPkId, bool IndirectProfileDownload);

public sealed record JsonEimList(string Eid, IReadOnlyList<JsonEim> Eims) : JsonDocumentBase("euicc-emu/eim-list/1");

// results list
public sealed record JsonResultData(string Kind, int? Code);

public sealed record JsonPackageResult(
    long? SeqNumber, string Kind, string EimId, long? CounterValue, string? TransactionId, int? ErrorCode,
    IReadOnlyList<JsonResultData> Results, string Encoded);

public sealed record JsonPackageResultList(string Eid, IReadOnlyList<JsonPackageResult> Results)
    : JsonDocumentBase("euicc-emu/results-list/1");

// fs ls, fs cat
public sealed record JsonFile(
    string Path, string Fid, string Name, string Kind, int? Size, int? Records, int? RecordLength, int? Sfi, string? Aid, bool Modified);

public sealed record JsonFileList(string Eid, string Iccid, IReadOnlyList<JsonFile> Files) : JsonDocumentBase("euicc-emu/fs-ls/1");

public sealed record JsonFileContent(string Eid, string Iccid, string Path, string Kind, string? Data, IReadOnlyList<string>? Records)
    : JsonDocumentBase("euicc-emu/fs-cat/1");

// store check
public sealed record JsonStoreCheck(string Path, bool Healthy, int Profiles, int Notifications, IReadOnlyList<string> Problems)
    : JsonDocumentBase("euicc-emu/store-check/1");

// trace
public sealed record JsonTraceField(string Path, int Depth, string? Tag, string Name, string? Value, string? Note);

public sealed record JsonTraceEntry(
    int Line, string Kind, int? Channel, string Name, string? Comment, string? Command, int? Blocks, string? Request,
    IReadOnlyList<JsonTraceField> RequestFields, string? Sw, string? Status, string Response, IReadOnlyList<JsonTraceField> ResponseFields,
    string? Note);

public sealed record JsonTrace(string File, string Sgp32, int Exchanges, IReadOnlyList<JsonTraceEntry> Entries)
    : JsonDocumentBase("euicc-emu/trace/1");

// conformance
public sealed record JsonCase(string Id, string Area, string Section, string Title);

public sealed record JsonCaseList(string Sgp32, IReadOnlyList<JsonCase> Cases) : JsonDocumentBase("euicc-emu/conformance-list/1");

public sealed record JsonCaseResult(string Id, string Outcome, string? Detail, double Milliseconds);

public sealed record JsonConformance(string Target, string Sgp32, int Passed, int Failed, int Skipped,
    IReadOnlyList<JsonCaseResult> Results)
    : JsonDocumentBase("euicc-emu/conformance/1");
