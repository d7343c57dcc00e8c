using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace EuiccEmulator.Conformance.Tests;

/// <summary>
/// The suite checks any card, so it must not be built from the card it checks: no reference to the card, the card-state
/// engine or the transports, by project, by assembly or by any type it uses.
/// </summary>
public class ReferenceGuardTests
{
    private static readonly string[] ForbiddenAssemblies =
        ["EuiccEmulator.Card", "EuiccEmulator.State", "EuiccEmulator.Pcsc", "EuiccEmulator.Vpcd"];

    private static readonly string[] ForbiddenNamespaces =
        ["EuiccEmulator.Card", "EuiccEmulator.State", "EuiccEmulator.Pcsc", "EuiccEmulator.Vpcd"];

    [Fact]
    public void ProjectFile_ReferencesNeitherCardNorStateNorTransports()
    {
        var project = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "src", "EuiccEmulator.Conformance",
            "EuiccEmulator.Conformance.csproj"));
        foreach (var name in ForbiddenAssemblies) Assert.DoesNotContain(name + ".csproj", project, StringComparison.Ordinal);
    }

    [Fact]
    public void Assembly_ReferencesNoTransport_NorTheCard_NorTheStateProject()
    {
        var references = typeof(SpecCodes).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("EuiccEmulator.Card", references);
        Assert.DoesNotContain("EuiccEmulator.Pcsc", references);
        Assert.DoesNotContain("EuiccEmulator.Vpcd", references);
        Assert.DoesNotContain("EuiccEmulator.State", references);
    }

    [Fact]
    public void UsedTypes_AreNoneOfTheCardsOrTheStateEngines()
    {
        var used = UsedTypes(typeof(SpecCodes).Assembly.Location);
        Assert.Contains(used, t => t.Name == "EuiccEmulator.Iso7816.ICard");
        var forbidden = used
            .Where(t => ForbiddenAssemblies.Contains(t.Assembly)
                || ForbiddenNamespaces.Any(n => t.Name.StartsWith(n + ".", StringComparison.Ordinal)))
            .Select(t => t.Name)
            .Distinct()
            .Order()
            .ToList();
        Assert.True(forbidden.Count == 0, "the suite uses the card's or the state engine's types: " + string.Join(", ", forbidden));
    }

    [Fact]
    public void ExpectedCodes_AreNotTakenFromResultEnums()
    {
        // Every expected code is a SpecCodes constant or a literal; result enums of the card or the peers are not used.
        var used = UsedTypes(typeof(SpecCodes).Assembly.Location).Select(t => t.Name).ToList();
        string[] resultEnums = ["ErrorCode", ".ErrorReason", ".BppCommandId", ".EnableResult", ".DisableResult", ".DeleteResult",
            ".MemoryResetResult"];
        Assert.DoesNotContain(used, n => resultEnums.Any(e => n.EndsWith(e, StringComparison.Ordinal)));
    }

    /// <summary>Every type the assembly refers to by metadata, with the assembly it is expected in.</summary>
    private static List<(string Assembly, string Name)> UsedTypes(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var result = new List<(string, string)>();
        foreach (var handle in md.TypeReferences)
        {
            var (assembly, name) = Describe(md, handle);
            result.Add((assembly, name));
        }
        return result;
    }

    private static (string Assembly, string Name) Describe(MetadataReader md, TypeReferenceHandle handle)
    {
        var type = md.GetTypeReference(handle);
        var name = md.GetString(type.Name);
        var scope = type.ResolutionScope;
        if (scope.Kind == HandleKind.TypeReference)
        {
            var (assembly, outer) = Describe(md, (TypeReferenceHandle)scope);
            return (assembly, outer + "." + name);
        }
        var full = type.Namespace.IsNil ? name : md.GetString(type.Namespace) + "." + name;
        var asm = scope.Kind == HandleKind.AssemblyReference
            ? md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)scope).Name)
            : "";
        return (asm, full);
    }
}
