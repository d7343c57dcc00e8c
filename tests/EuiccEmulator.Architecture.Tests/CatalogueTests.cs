using System.Text.RegularExpressions;
using EuiccEmulator.Card.IsdR;
using EuiccEmulator.Rsp.Es10;
using EuiccEmulator.Testing;

namespace EuiccEmulator.Architecture.Tests;

/// <summary>The ES10 catalogue is complete: every entry has a spec section, vectors and one handler in a file of its name.</summary>
public sealed partial class CatalogueTests
{
    private static readonly IReadOnlyList<Type> Handlers = typeof(IEs10Handler).Assembly.GetTypes()
        .Where(t => typeof(IEs10Handler).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
        .ToList();

    [Fact]
    public void Every_entry_has_a_section_and_valid_and_malformed_vectors()
    {
        Assert.All(Es10Catalogue.All, f =>
        {
            Assert.Matches(@"^SGP\.(22|32) v\d\.\d §\d", f.Section);
            Assert.Contains(f.Vectors, v => v.Outcome != Es10Outcome.Malformed);
            Assert.True(f.Segmented || f.Vectors.Count(v => v.Outcome == Es10Outcome.Malformed) >= 2, f.Name);
            Assert.All(f.Vectors, v =>
                Assert.True(v.Request.Length % 2 == 0 && v.Request.StartsWith($"{f.Tag:X4}", StringComparison.Ordinal)
                || f.Segments.Any(s => v.Request.StartsWith($"{s.Tag:X2}", StringComparison.Ordinal)), v.Request));
        });
        Assert.Equal(Es10Catalogue.All.Count, Es10Catalogue.All.Select(f => (f.Tag, f.Releases)).Distinct().Count());
    }

    [Fact]
    public void Every_entry_has_exactly_one_handler()
    {
        var handled = Handlers.Select(t => ((IEs10Handler)Activator.CreateInstance(t)!).Function).ToList();
        Assert.All(Es10Catalogue.All, f => Assert.Single(handled, h => ReferenceEquals(h, f)));
        Assert.All(handled, h => Assert.Contains(h, Es10Catalogue.All));
    }

    [Fact]
    public void Every_handler_is_alone_in_a_file_of_its_name_that_cites_the_spec()
    {
        var sources = Directory.GetFiles(Path.Combine(RepoPaths.Root, "src", "EuiccEmulator.Card", "IsdR"), "*.cs",
            SearchOption.AllDirectories);
        Assert.True(Handlers.Count >= Es10Catalogue.All.Count, "handlers found by reflection");
        Assert.All(Handlers, t =>
        {
            var file = Assert.Single(sources, s => Path.GetFileNameWithoutExtension(s) == t.Name);
            var text = File.ReadAllText(file);
            Assert.Single(HandlerDeclaration().Matches(text));
            Assert.Matches(@"(SGP\.(22|32)|ISO 7816-4|ETSI TS 102 221)[^\n]*§\d", text);
        });
    }

    [GeneratedRegex(@"class \w+ : IEs10Handler")]
    private static partial Regex HandlerDeclaration();
}
