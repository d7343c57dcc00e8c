namespace EuiccEmulator.Conformance.Cases;

/// <summary>Every case of the suite, in run order.</summary>
public static class Catalog
{
    public static IReadOnlyList<ConformanceCase> All { get; } =
    [
        .. TransportCases.All(),
        .. Es10aCases.All(),
        .. Es10bCases.All(),
        .. DownloadCases.All(),
        .. Es10cCases.All(),
        .. IotCases.All(),
        .. StateCases.All(),
        .. OptionCases.All(),
        .. UiccCases.All(),
    ];

    /// <summary>
    /// The cases for a card of the given SGP.32 version: v1.2 runs <see cref="All"/>; v1.0 runs the SGP.22 cases and
    /// the v1.0 cases (the v1.2 IoT, state and option cases assume v1.2 functions).
    /// </summary>
    public static IReadOnlyList<ConformanceCase> For(IotVersion version) => version == IotVersion.V1_0
        ?
        [
            .. TransportCases.All(),
            .. Es10aCases.All(),
            .. Es10bCases.All(),
            .. DownloadCases.All(),
            .. Es10cCases.All(),
            .. V10Cases.All(),
            .. UiccCases.All(),
        ]
        : All;

    internal static ConformanceCase Case(string id, string area, string title, string section, Precondition pre, Action<CaseContext> run) =>
        new(id, area, title, section, pre, run);
}
