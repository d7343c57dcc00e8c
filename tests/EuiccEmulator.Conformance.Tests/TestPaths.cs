using EuiccEmulator.Testing;

namespace EuiccEmulator.Conformance.Tests;

/// <summary>Locations in the repository, found by walking up from the test binaries to EuiccEmulator.sln.</summary>
internal static class TestPaths
{
    public static string RepoRoot => RepoPaths.Root;

    /// <summary>The ASN.1 modules of SGP.22 and SGP.32 carried in the repository.</summary>
    public static string Asn1 => Path.Combine(RepoRoot, "tests", "data", "asn1");

    public static string Sgp26Keys => Path.Combine(RepoRoot, "keys", "sgp26");
}
