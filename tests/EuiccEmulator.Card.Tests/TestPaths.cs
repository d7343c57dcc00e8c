namespace EuiccEmulator.Card.Tests;

/// <summary>Locations in the repository, found by walking up from the test binaries to EuiccEmulator.sln.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> s_repoRoot = new(FindRepoRoot);

    public static string RepoRoot => s_repoRoot.Value;

    public static string Sgp26Keys => Path.Combine(RepoRoot, "keys", "sgp26");

    /// <summary>The GSMA TS.48 test profiles carried in the repository.</summary>
    public static string Ts48 => Path.Combine(RepoRoot, "tests", "data", "ts48");

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
