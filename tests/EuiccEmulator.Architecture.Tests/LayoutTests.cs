using System.Reflection;
using System.Xml.Linq;
using EuiccEmulator.Testing;

namespace EuiccEmulator.Architecture.Tests;

/// <summary>
/// The project graph of README "Layout": each product project references exactly the projects listed, and its
/// compiled assembly references no other project's assembly. The transports see only Iso7816; the test peers and
/// the conformance suite see only Iso7816 and Rsp, never the card or its state.
/// </summary>
public sealed class LayoutTests
{
    private const string Prefix = "EuiccEmulator.";

    // Direct project references, by project; the assemblies may reach the transitive closure of these.
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Iso7816"] = [],
        ["Rsp"] = ["Iso7816"],
        ["State"] = ["Rsp"],
        ["Card"] = ["State"],
        ["Vpcd"] = ["Iso7816"],
        ["Pcsc"] = ["Iso7816"],
        ["Peers"] = ["Rsp"],
        ["Conformance"] = ["Rsp", "Peers"],
        ["Storage.LiteDb"] = ["State"],
        ["Servers"] = ["Rsp", "Card", "Peers"],
        ["Cli"] = ["State", "Card", "Storage.LiteDb", "Vpcd", "Peers", "Pcsc", "Conformance", "Servers"],
    };

    public static TheoryData<string> Projects() => [.. Allowed.Keys];

    // The CLI is an executable this project does not load; its project file is checked like the others.
    public static TheoryData<string> Libraries() => [.. Allowed.Keys.Where(p => p != "Cli")];

    [Fact]
    public void Every_product_project_is_in_the_table()
    {
        // Project files, not folders: a folder left with only bin/ and obj/ is no project.
        var onDisk = Directory.GetFiles(Path.Combine(RepoPaths.Root, "src"), Prefix + "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetFileNameWithoutExtension(p)[Prefix.Length..]).Order(StringComparer.Ordinal);
        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), onDisk);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Project_references_exactly_its_allowed_projects(string project)
    {
        var file = Path.Combine(RepoPaths.Root, "src", Prefix + project, Prefix + project + ".csproj");
        var references = XDocument.Load(file).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension((string)e.Attribute("Include")!)[Prefix.Length..])
            .Order(StringComparer.Ordinal);
        Assert.Equal(Allowed[project].Order(StringComparer.Ordinal), references);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Assembly_references_only_what_its_projects_reach(string project)
    {
        var assembly = Assembly.Load(Prefix + project);
        var reachable = Closure(project);
        var referenced = assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(n => n[Prefix.Length..]);
        Assert.All(referenced, r => Assert.Contains(r, reachable));
    }

    [Theory]
    [InlineData("Peers")]
    [InlineData("Conformance")]
    [InlineData("Vpcd")]
    [InlineData("Pcsc")]
    public void Checkers_and_transports_never_reach_the_card_or_its_state(string project)
    {
        Assert.DoesNotContain("Card", Closure(project));
        Assert.DoesNotContain("State", Closure(project));
    }

    private static HashSet<string> Closure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Stack<string>(Allowed[project]);
        while (todo.TryPop(out var next))
            if (seen.Add(next)) foreach (var r in Allowed[next]) todo.Push(r);
        return seen;
    }
}
