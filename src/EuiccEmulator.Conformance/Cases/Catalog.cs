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
    ];

    internal static ConformanceCase Case(string id, string area, string title, string section, Precondition pre, Action<CaseContext> run) =>
        new(id, area, title, section, pre, run);
}
