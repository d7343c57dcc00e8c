using System.Text;
using System.Text.RegularExpressions;

namespace EuiccEmulator.Rsp.Tests;

/// <summary>
/// Rules about the repository itself: code cites specification sections or the project's own docs/, never a
/// reference file outside the repository, and every docs/ citation names a page and heading that exist.
/// </summary>
public partial class RepositoryRulesTests
{
    // Built from parts so that this file does not trip its own rule.
    private static readonly string s_outsideReference = "PROTO" + "COL.md";

    private static readonly string[] s_codeRoots = ["src", "tests", "bench", "fuzz"];

    // Build output and tool artefacts are not repository content.
    private static readonly HashSet<string> s_skippedDirectories =
        new(StringComparer.Ordinal) { "bin", "obj", "TestResults", "BenchmarkDotNet.Artifacts", ".git" };

    private static readonly HashSet<string> s_sourceExtensions =
        new(StringComparer.OrdinalIgnoreCase) { ".cs", ".py", ".sh", ".fsx", ".props", ".targets", ".csproj", ".md", ".json", ".txt" };

    [GeneratedRegex(@"docs/([A-Za-z0-9_-]+)\.md(?:#([A-Za-z0-9_-]+))?")]
    private static partial Regex DocsCitation();

    [GeneratedRegex(@"^#{1,6}\s+(.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{Nd}_\- ]")]
    private static partial Regex AnchorPunctuation();

    [Fact]
    public void CodeDoesNotCiteTheOutsideWireReference()
    {
        var offenders = CodeFiles(includeTestData: false)
            .Where(f => ContainsAscii(File.ReadAllBytes(f), s_outsideReference))
            .Select(Relative)
            .ToList();

        Assert.True(offenders.Count == 0,
            $"cite a spec section or docs/ instead of {s_outsideReference}: " + string.Join(", ", offenders));
    }

    [Fact]
    public void EveryDocsCitationNamesAnExistingPageAndHeading()
    {
        var docs = Path.Combine(TestPaths.RepoRoot, "docs");
        var anchorsByPage = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var problems = new List<string>();
        var citations = 0;

        foreach (var file in CodeFiles(includeTestData: false).Where(f => s_sourceExtensions.Contains(Path.GetExtension(f))))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match m in DocsCitation().Matches(lines[i]))
                {
                    citations++;
                    var page = m.Groups[1].Value + ".md";
                    var path = Path.Combine(docs, page);
                    var where = $"{Relative(file)}:{i + 1}";
                    if (!File.Exists(path))
                    {
                        problems.Add($"{where}: docs/{page} does not exist");
                        continue;
                    }
                    if (!m.Groups[2].Success) continue;
                    if (!anchorsByPage.TryGetValue(page, out var anchors))
                        anchorsByPage[page] = anchors = Anchors(File.ReadAllLines(path));
                    if (!anchors.Contains(m.Groups[2].Value))
                        problems.Add($"{where}: docs/{page} has no heading for #{m.Groups[2].Value}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        // The code cites docs/ in many places; finding none means the scan itself is broken.
        Assert.True(citations >= 20, $"only {citations} docs/ citations found under {string.Join(", ", s_codeRoots)}");
    }

    [Fact]
    public void DocsHaveAnIndex()
    {
        var index = Path.Combine(TestPaths.RepoRoot, "docs", "README.md");
        Assert.True(File.Exists(index), "docs/README.md is missing");
        var text = File.ReadAllText(index);
        foreach (var page in Directory.EnumerateFiles(Path.GetDirectoryName(index)!, "*.md").Select(Path.GetFileName))
        {
            if (page == "README.md") continue;
            Assert.True(text.Contains($"]({page})", StringComparison.Ordinal), $"docs/README.md does not link {page}");
        }
    }

    [Theory]
    [InlineData("## BSP (SCP03t)", "bsp-scp03t")]
    [InlineData("## ProfileHeader and ICCID coding", "profileheader-and-iccid-coding")]
    [InlineData("### SELECT and the ISD-R FCI", "select-and-the-isd-r-fci")]
    [InlineData("# Known gaps", "known-gaps")]
    public void AnchorIsTheGitHubSlugOfTheHeading(string heading, string anchor) =>
        Assert.Equal(anchor, Assert.Single(Anchors([heading, "text that is no heading"])));

    // GitHub's heading anchors: lower case, punctuation other than '-' and '_' removed, spaces become '-'.
    private static HashSet<string> Anchors(IEnumerable<string> markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inFence = false;
        foreach (var line in markdown)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
            if (inFence) continue;
            var m = Heading().Match(line);
            if (!m.Success) continue;
            var slug = AnchorPunctuation().Replace(m.Groups[1].Value.Replace("`", "", StringComparison.Ordinal).ToLowerInvariant(), "")
                .Replace(' ', '-');
            anchors.Add(slug);
        }
        return anchors;
    }

    private static IEnumerable<string> CodeFiles(bool includeTestData)
    {
        var testData = Path.Combine(TestPaths.RepoRoot, "tests", "data");
        foreach (var root in s_codeRoots)
        {
            var dir = Path.Combine(TestPaths.RepoRoot, root);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Walk(dir))
            {
                if (!includeTestData && file.StartsWith(testData + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
                yield return file;
            }
        }
    }

    private static IEnumerable<string> Walk(string dir)
    {
        foreach (var file in Directory.EnumerateFiles(dir)) yield return file;
        foreach (var sub in Directory.EnumerateDirectories(dir))
        {
            if (s_skippedDirectories.Contains(Path.GetFileName(sub))) continue;
            foreach (var file in Walk(sub)) yield return file;
        }
    }

    private static bool ContainsAscii(byte[] content, string text) =>
        content.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text).AsSpan()) >= 0;

    private static string Relative(string path) => Path.GetRelativePath(TestPaths.RepoRoot, path);
}
