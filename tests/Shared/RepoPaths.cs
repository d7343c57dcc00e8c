namespace EuiccEmulator.Testing;

/// <summary>The repository root: the folder holding EuiccEmulator.sln, found by walking up from the test binaries.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EuiccEmulator.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no EuiccEmulator.sln above {AppContext.BaseDirectory}");
    });

    public static string Root => s_root.Value;
}
