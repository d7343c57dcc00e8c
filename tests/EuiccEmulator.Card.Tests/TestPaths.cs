namespace EuiccEmulator.Card.Tests;

/// <summary>Locations in the repository, found by walking up from the test binaries to EuiccEmulator.sln.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> s_repoRoot = new(FindRepoRoot);

    public static string RepoRoot => s_repoRoot.Value;

    public static string Sgp26Keys => Path.Combine(RepoRoot, "keys", "sgp26");

    /// <summary>The shared reference folder beside the repository (ASN.1, SGP.26, TS.48).</summary>
    public static string SharedDirectory => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

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
