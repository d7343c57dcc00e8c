namespace EuiccEmulator.Conformance.Tests;

/// <summary>Locations in the repository, found by walking up from the test binaries to EuiccEmulator.sln.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> s_repoRoot = new(FindRepoRoot);

    public static string RepoRoot => s_repoRoot.Value;

    /// <summary>The ASN.1 modules of SGP.22 and SGP.32 carried in the repository.</summary>
    public static string Asn1 => Path.Combine(RepoRoot, "tests", "data", "asn1");

    public static string Sgp26Keys => Path.Combine(RepoRoot, "keys", "sgp26");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EuiccEmulator.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no EuiccEmulator.sln above {AppContext.BaseDirectory}");
    }
}
