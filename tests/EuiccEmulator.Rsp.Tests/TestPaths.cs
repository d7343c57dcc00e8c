namespace EuiccEmulator.Rsp.Tests;

/// <summary>Locates the repository root (the folder holding EuiccEmulator.sln) and the test data inside it.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> s_repoRoot = new(FindRepoRoot);

    public static string RepoRoot => s_repoRoot.Value;

    public static string Profiles => Path.Combine(RepoRoot, "profiles");

    public static string Sgp26Keys => Path.Combine(RepoRoot, "keys", "sgp26");

    public static string Ts48 => Path.Combine(RepoRoot, "tests", "data", "ts48");

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EuiccEmulator.sln"))) return dir.FullName;
            dir = dir.Parent;
        }
        throw new InvalidOperationException("EuiccEmulator.sln not found above " + AppContext.BaseDirectory);
    }
}
