namespace EuiccEmulator.Testing;

/// <summary>
/// Gates for checks that need a tool or a service outside the test process. A missing tool makes the test
/// Skipped with the reason; under CI (CI=true) it fails instead, so a CI run can never count an unrun check as passed.
/// </summary>
internal static class Requires
{
    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (or, under CI, fails) unless <paramref name="available"/>.</summary>
    public static void That(bool available, string missing)
    {
        if (available) return;
        if (UnderCi) throw new Xunit.Sdk.XunitException($"{missing} (CI=true: a check that cannot run fails)");
        throw new SkipException(missing);
    }

    /// <summary>True when an executable of that name is on PATH.</summary>
    public static bool OnPath(string executable) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, executable)));
}
