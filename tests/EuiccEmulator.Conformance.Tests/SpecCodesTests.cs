using System.Reflection;
using System.Text.RegularExpressions;

namespace EuiccEmulator.Conformance.Tests;

/// <summary>
/// The suite's expected result codes against the ASN.1 modules themselves (tests/data/asn1): an independent check that
/// each <see cref="SpecCodes"/> constant is the named number its ASN.1 identifier has in the specification.
/// </summary>
public class SpecCodesTests
{
    public static TheoryData<string> Groups()
    {
        var data = new TheoryData<string>();
        foreach (var group in typeof(SpecCodes).GetNestedTypes()) data.Add(group.Name);
        return data;
    }

    [Fact]
    public void EveryGroup_NamesItsAsn1Source_AndHasCodes()
    {
        var groups = typeof(SpecCodes).GetNestedTypes();
        Assert.True(groups.Length >= 30, $"only {groups.Length} groups");
        Assert.All(groups, g => Assert.NotNull(g.GetCustomAttribute<Asn1SourceAttribute>()));
        Assert.All(groups, g => Assert.NotEmpty(Codes(g)));
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void Group_EqualsTheNamedNumbersOfItsAsn1Type(string name)
    {
        var group = typeof(SpecCodes).GetNestedType(name)!;
        var source = group.GetCustomAttribute<Asn1SourceAttribute>()!;
        var module = File.ReadAllText(Path.Combine(TestPaths.Asn1, source.Module + ".asn"));
        var named = Asn1NamedNumbers.Read(module, source.Type, source.Component);
        foreach (var (constant, value) in Codes(group))
        {
            var identifier = named.Keys.SingleOrDefault(k => Pascal(k) == constant);
            Assert.True(identifier is not null,
                $"{name}.{constant}: no such identifier in {source.Type} {source.Component} ({string.Join(", ", named.Keys)})");
            Assert.True(named[identifier] == value,
                $"{name}.{constant} is {value}; {source.Module} {source.Type} says {identifier}({named[identifier]})");
        }
    }

    [Fact]
    public void Reader_FindsInlineAndNamedTypes()
    {
        const string module = """
            A ::= SEQUENCE { -- Tag 'BF31'
               result INTEGER {ok(0), notFound (1), -- comment(9)
            busy(5)},
               other INTEGER {ok(7)}
            }
            B ::= INTEGER {x(3), y(-1)}
            """;
        Assert.Equal(new Dictionary<string, long> { ["ok"] = 0, ["notFound"] = 1, ["busy"] = 5 },
            Asn1NamedNumbers.Read(module, "A", "result"));
        Assert.Equal(new Dictionary<string, long> { ["ok"] = 7 }, Asn1NamedNumbers.Read(module, "A", "other"));
        Assert.Equal(new Dictionary<string, long> { ["x"] = 3, ["y"] = -1 }, Asn1NamedNumbers.Read(module, "B", null));
        Assert.Throws<InvalidOperationException>(() => Asn1NamedNumbers.Read(module, "C", null));
    }

    [Theory]
    [InlineData("CertificateIssuer/CERT_CI_ECDSA_NIST.der", nameof(TestCis.Sgp26NistSubjectKeyId))]
    [InlineData("CertificateIssuer/CERT_CI_ECDSA_BRP.der", nameof(TestCis.Sgp26BrainpoolSubjectKeyId))]
    public void TestCis_AreTheSubjectKeyIdsOfTheSgp26Certificates(string file, string property)
    {
        using var ci = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(
            Path.Combine(TestPaths.Sgp26Keys, file));
        var ski = ci.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectKeyIdentifierExtension>().Single();
        var expected = (byte[])typeof(TestCis).GetProperty(property)!.GetValue(null)!;
        Assert.Equal(Convert.ToHexString(expected), ski.SubjectKeyIdentifier);
    }

    private static List<(string Name, int Value)> Codes(Type group) =>
        [.. group.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(int))
            .Select(f => (f.Name, (int)f.GetRawConstantValue()!))];

    private static string Pascal(string identifier) => char.ToUpperInvariant(identifier[0]) + identifier[1..];
}

/// <summary>Reads the named numbers (<c>name(value)</c>) of an INTEGER or ENUMERATED in an ASN.1 module's text.</summary>
internal static partial class Asn1NamedNumbers
{
    /// <summary>The named numbers of <paramref name="type"/>, or of its component <paramref name="component"/>.</summary>
    public static Dictionary<string, long> Read(string module, string type, string? component)
    {
        var text = Comment().Replace(module, "");
        var start = Regex.Match(text, $@"^{Regex.Escape(type)}\s*::=", RegexOptions.Multiline);
        if (!start.Success) throw new InvalidOperationException($"no type {type}");
        var rest = text[(start.Index + start.Length)..];
        var next = Assignment().Match(rest);
        var body = next.Success ? rest[..next.Index] : rest;
        var from = 0;
        if (component is not null)
        {
            var c = Regex.Match(body, $@"\b{Regex.Escape(component)}\b");
            if (!c.Success) throw new InvalidOperationException($"no component {component} in {type}");
            from = c.Index;
        }
        else
        {
            from = body.IndexOf("INTEGER", StringComparison.Ordinal) is var i and >= 0 ? i : body.IndexOf("ENUMERATED",
                StringComparison.Ordinal);
            if (from < 0) throw new InvalidOperationException($"{type} is no INTEGER or ENUMERATED");
        }
        var open = body.IndexOf('{', from);
        if (open < 0) throw new InvalidOperationException($"no named numbers in {type} {component}");
        var depth = 0;
        var close = open;
        for (; close < body.Length; close++)
        {
            if (body[close] == '{') depth++;
            else if (body[close] == '}' && --depth == 0) break;
        }
        var list = body[(open + 1)..close];
        var result = new Dictionary<string, long>();
        foreach (Match m in NamedNumber().Matches(list))
            result.Add(m.Groups[1].Value, long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        return result;
    }

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^[A-Za-z][\w-]*\s*::=", RegexOptions.Multiline)]
    private static partial Regex Assignment();

    [GeneratedRegex(@"([a-z][\w-]*)\s*\(\s*(-?\d+)\s*\)")]
    private static partial Regex NamedNumber();
}
