using EuiccEmulator.Testing;

namespace EuiccEmulator.Architecture.Tests;

/// <summary>
/// No line of C# source is longer than 140 characters (max_line_length in .editorconfig, which the compiler does not
/// check): every .cs file under src/, tests/, bench/, fuzz/ and samples/, build output (bin/, obj/) left out.
/// </summary>
public sealed class LineLengthTests
{
    private const int MaxLineLength = 140;
    private const int Listed = 20;

    private static readonly string[] Roots = ["src", "tests", "bench", "fuzz", "samples"];

    [Fact]
    public void No_source_line_is_longer_than_the_limit()
    {
        var files = SourceFiles().ToList();
        Assert.NotEmpty(files);
        var offending = files
            .SelectMany(file => File.ReadLines(file)
                .Select((line, index) => (Line: index + 1, line.Length))
                .Where(l => l.Length > MaxLineLength)
                .Select(l => $"{Relative(file)}:{l.Line} ({l.Length} characters)"))
            .ToList();
        Assert.True(offending.Count == 0,
            $"{offending.Count} lines longer than {MaxLineLength} characters"
            + (offending.Count > Listed ? $" (the first {Listed})" : "") + ":\n  "
            + string.Join("\n  ", offending.Take(Listed)));
    }

    private static IEnumerable<string> SourceFiles() =>
        Roots.Select(r => Path.Combine(RepoPaths.Root, r))
            .Where(Directory.Exists)
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories))
            .Where(file => !Relative(file).Split('/').Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    private static string Relative(string file) => Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/');
}
