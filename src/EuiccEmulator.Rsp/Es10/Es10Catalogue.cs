using System.Collections.Frozen;

namespace EuiccEmulator.Rsp.Es10;

/// <summary>
/// Every ES10 function the card knows, one entry each, with its hex vectors beside it (the partial files by
/// interface). The card dispatches on it, the trace decoder names functions from it.
/// </summary>
// Vectors: responses are those of the test card (SGP.26 test identity, EID 89049032123451234512345678901235, seed 1,
// default options); OneProfile is described on Es10Fixture.
internal static partial class Es10Catalogue
{
    // A nested class, so the index is built after every entry above is.
    private static class Index
    {
        public static readonly IReadOnlyList<Es10Function> All =
    [
        GetEuiccConfiguredAddresses, SetDefaultDpAddress,
        GetEuiccInfo1, GetEuiccInfo2, GetEuiccChallenge, ListNotification, RetrieveNotificationsList,
        RemoveNotificationFromList, AuthenticateServer, PrepareDownload, LoadBoundProfilePackage, CancelSession, GetRat,
        GetProfilesInfo, EnableProfile, DisableProfile, DeleteProfile, EuiccMemoryReset, GetEid, SetNickname,
        LoadEuiccPackage, AddInitialEim, EuiccMemoryResetIot, EuiccMemoryResetV1_0, GetCerts, ImmediateEnable, EnableUsingDd,
        ProfileRollback, ConfigureImmediateProfileEnabling, GetEimConfigurationData, ExecuteFallbackMechanism,
        ReturnFromFallback, EnableEmergencyProfile, DisableEmergencyProfile, GetConnectivityParameters, SetDefaultDpAddressIot,
    ];

        public static readonly FrozenDictionary<(int, Sgp32Releases), Es10Function> ByTag =
            All.SelectMany(f => new[] { Sgp32Releases.V1_0, Sgp32Releases.V1_2 }.Where(r => f.Releases.HasFlag(r)).Select(r => (f, r)))
                .ToFrozenDictionary(x => (x.f.Tag, x.r), x => x.f);

        public static readonly FrozenDictionary<int, Es10Function> ByContinuationTag =
            All.SelectMany(f => f.Segments.Skip(1).Select(s => (s.Tag, f))).ToFrozenDictionary(x => x.Tag, x => x.f);
    }

    /// <summary>Every entry, SGP.22 functions first.</summary>
    public static IReadOnlyList<Es10Function> All => Index.All;

    /// <summary>The functions a card of this SGP.32 version has.</summary>
    public static IEnumerable<Es10Function> In(Sgp32Releases release) => All.Where(f => f.Releases.HasFlag(release));

    /// <summary>The function whose request has this outer tag on a card of this version, or null.</summary>
    public static Es10Function? Find(int tag, Sgp32Releases release) => Index.ByTag.GetValueOrDefault((tag, release));

    /// <summary>The segmented function (the BPP) a segment with this leading tag belongs to after its first one.</summary>
    public static Es10Function? FindContinuation(int leadingTag) => Index.ByContinuationTag.GetValueOrDefault(leadingTag);

    /// <summary>
    /// The name to show: the function's name, with " (IoT)" on an SGP.32 function whose name an SGP.22 function of
    /// the same card also has (eUICCMemoryReset BF64, SetDefaultDpAddress BF65).
    /// </summary>
    public static string Label(Es10Function function, Sgp32Releases release)
    {
        var name = function.NameIn(release);
        var shared = function.Sgp32 && In(release).Any(f => f != function && !f.Sgp32 && f.NameIn(release) == name);
        return shared ? name + " (IoT)" : name;
    }

    private static Es10Vector Valid(string request, string response, string note, Es10Fixture fixture = Es10Fixture.NewCard) =>
        Es10Vector.Valid(request, response, note, fixture);

    private static Es10Vector Accepted(string request, string note, Es10Fixture fixture = Es10Fixture.NewCard) =>
        Es10Vector.Accepted(request, note, fixture);

    private static Es10Vector Malformed(string request, string note, Es10Fixture fixture = Es10Fixture.NewCard) =>
        Es10Vector.Malformed(request, note, fixture);

    private static Es10Vector Refused(string request, string statusWord, string note) =>
        new(request, Es10Outcome.StatusWord, statusWord, note, Es10Fixture.NewCard);
}
