using System.Text.RegularExpressions;
using System.Xml.Linq;
using EuiccEmulator.Testing;

namespace EuiccEmulator.Architecture.Tests;

/// <summary>
/// The EuiccEmulator package (pack/EuiccEmulator): it bundles the card library and nothing else, every bundled
/// assembly documents its public API, and the example of its README is the code the sample runs against the package.
/// </summary>
public sealed partial class PackageTests
{
    private static readonly string[] Bundled = ["Iso7816", "Rsp", "State", "Card", "Storage.LiteDb"];

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"// README example begins\n(?<code>.*?)\n\s*// README example ends", RegexOptions.Singleline)]
    private static partial Regex SampleExample();

    [Fact]
    public void The_package_bundles_the_card_library_and_its_documentation()
    {
        var pack = XDocument.Load(Path.Combine(RepoPaths.Root, "pack", "EuiccEmulator", "EuiccEmulator.csproj"));
        var direct = pack.Descendants("ProjectReference").Select(e => Name((string)e.Attribute("Include")!)).ToList();
        Assert.All(pack.Descendants("ProjectReference"), e => Assert.Equal("all", (string?)e.Attribute("PrivateAssets")));

        var closure = new SortedSet<string>(StringComparer.Ordinal);
        var todo = new Stack<string>(direct);
        while (todo.TryPop(out var project))
        {
            if (!closure.Add(project)) continue;
            foreach (var reference in Project(project).Descendants("ProjectReference"))
                todo.Push(Name((string)reference.Attribute("Include")!));
        }
        Assert.Equal(Bundled.Order(StringComparer.Ordinal), closure);
        Assert.All(Bundled, p => Assert.Equal("true", Project(p).Descendants("GenerateDocumentationFile").Single().Value));
    }

    [Fact]
    public void The_readme_example_is_the_code_the_sample_runs()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "pack", "EuiccEmulator", "README.md"));
        var example = CSharpBlock().Match(readme);
        Assert.True(example.Success, "the package README has no C# example");
        var sample = File.ReadAllText(
            Path.Combine(RepoPaths.Root, "samples", "EuiccEmulator.Sample.Tests", "ReadmeExampleTests.cs"));
        var tested = SampleExample().Match(sample);
        Assert.True(tested.Success, "the sample has no README example block");

        var readmeCode = Lines(example.Groups["code"].Value).Where(l => !l.StartsWith("using EuiccEmulator.", StringComparison.Ordinal));
        Assert.Equal(readmeCode, Lines(tested.Groups["code"].Value));
    }

    [GeneratedRegex(@"(?:--version |Version="")(?<version>\d+\.\d+\.\d+[^\s""]*)")]
    private static partial Regex VersionMention();

    [Fact]
    public void The_readme_names_the_one_version_of_directory_build_props()
    {
        var version = XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Build.props")).Descendants("Version").Single().Value;
        var mentions = VersionMention().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")))
            .Select(m => m.Groups["version"].Value).ToList();
        Assert.NotEmpty(mentions);
        Assert.All(mentions, m => Assert.Equal(version, m));
    }

    [Fact]
    public void The_sample_references_the_package_not_the_projects()
    {
        var sample = XDocument.Load(
            Path.Combine(RepoPaths.Root, "samples", "EuiccEmulator.Sample.Tests", "EuiccEmulator.Sample.Tests.csproj"));
        Assert.Empty(sample.Descendants("ProjectReference"));
        Assert.Contains(sample.Descendants("PackageReference"), e => (string?)e.Attribute("Include") == "EuiccEmulator");
        Assert.DoesNotContain("samples", File.ReadAllText(Path.Combine(RepoPaths.Root, "EuiccEmulator.sln")), StringComparison.Ordinal);
    }

    private static XDocument Project(string name) =>
        XDocument.Load(Path.Combine(RepoPaths.Root, "src", "EuiccEmulator." + name, "EuiccEmulator." + name + ".csproj"));

    private static string Name(string include) => Path.GetFileNameWithoutExtension(include)["EuiccEmulator.".Length..];

    // Indentation differs (the sample's code sits in a method); blank lines do not count.
    private static List<string> Lines(string code) =>
        [.. code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
}
