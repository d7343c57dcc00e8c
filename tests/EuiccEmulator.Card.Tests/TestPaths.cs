using EuiccEmulator.Testing;

namespace EuiccEmulator.Card.Tests;

/// <summary>Locations in the repository, found by walking up from the test binaries to EuiccEmulator.sln.</summary>
public static class TestPaths
{
    public static string RepoRoot => RepoPaths.Root;

    public static string Sgp26Keys => Path.Combine(RepoRoot, "keys", "sgp26");

    /// <summary>The GSMA TS.48 test profiles carried in the repository.</summary>
    public static string Ts48 => Path.Combine(RepoRoot, "tests", "data", "ts48");
}
