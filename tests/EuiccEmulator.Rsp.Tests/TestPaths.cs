using EuiccEmulator.Testing;

namespace EuiccEmulator.Rsp.Tests;

/// <summary>Locates the repository root (the folder holding EuiccEmulator.sln) and the test data inside it.</summary>
internal static class TestPaths
{
    public static string RepoRoot => RepoPaths.Root;

    public static string Profiles => Path.Combine(RepoRoot, "profiles");

    public static string Sgp26Keys => Path.Combine(RepoRoot, "keys", "sgp26");

    public static string Ts48 => Path.Combine(RepoRoot, "tests", "data", "ts48");

    /// <summary>The TS.48 packages that come with a value-notation listing (v6 and v7), relative to <see cref="Ts48"/>.</summary>
    public static TheoryData<string> Ts48Packages()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Ts48, "*.der", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            if (File.Exists(Path.ChangeExtension(file, ".txt"))) data.Add(Path.GetRelativePath(Ts48, file));
        return data;
    }
}
