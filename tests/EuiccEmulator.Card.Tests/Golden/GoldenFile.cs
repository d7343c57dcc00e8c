using System.Globalization;
using System.Text;

namespace EuiccEmulator.Card.Tests.Golden;

/// <summary>One command and the response the card gave, with the step comment above it and its line number.</summary>
internal sealed record GoldenExchange(string Step, int Line, string Command, string Response);

/// <summary>
/// A golden APDU transcript: <c>#@ key value</c> directives (seed, setup), <c>#</c> step comments,
/// then <c>&gt; command</c> / <c>&lt; response</c> line pairs in hex.
/// </summary>
internal sealed class GoldenFile
{
    public const string Extension = ".apdu";

    public int Seed { get; init; } = 1;

    public string Setup { get; init; } = "none";

    public List<GoldenExchange> Exchanges { get; } = [];

    public static string Directory => Path.Combine(TestPaths.RepoRoot, "tests", "EuiccEmulator.Card.Tests", "Golden");

    public static string PathOf(string name) => Path.Combine(Directory, name + Extension);

    public static IEnumerable<string> Names() =>
        System.IO.Directory.EnumerateFiles(Directory, "*" + Extension)
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static GoldenFile Parse(string path)
    {
        var seed = 1;
        var setup = "none";
        var exchanges = new List<GoldenExchange>();
        var step = "";
        (string Hex, int Line)? pending = null;
        var lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith("#@", StringComparison.Ordinal))
            {
                var parts = line[2..].Trim().Split(' ', 2, StringSplitOptions.TrimEntries);
                switch (parts[0])
                {
                    case "seed": seed = int.Parse(parts[1], CultureInfo.InvariantCulture); break;
                    case "setup": setup = parts[1]; break;
                    default: throw new FormatException($"{path}:{lineNo}: unknown directive '{parts[0]}'");
                }
                continue;
            }
            if (line.StartsWith('#'))
            {
                step = line[1..].Trim();
                continue;
            }
            if (line.StartsWith('>'))
            {
                if (pending is not null) throw new FormatException($"{path}:{lineNo}: two commands in a row");
                pending = (Hex(line, path, lineNo), lineNo);
                continue;
            }
            if (line.StartsWith('<'))
            {
                if (pending is not { } command) throw new FormatException($"{path}:{lineNo}: a response without a command");
                exchanges.Add(new GoldenExchange(step, command.Line, command.Hex, Hex(line, path, lineNo)));
                pending = null;
                continue;
            }
            throw new FormatException($"{path}:{lineNo}: expected '#', '>' or '<'");
        }
        if (pending is not null) throw new FormatException($"{path}:{pending.Value.Line}: a command without a response");
        var file = new GoldenFile { Seed = seed, Setup = setup };
        file.Exchanges.AddRange(exchanges);
        return file;
    }

    private static string Hex(string line, string path, int lineNo)
    {
        var hex = line[1..].Trim().Replace(" ", "", StringComparison.Ordinal);
        try
        {
            return Convert.ToHexString(Convert.FromHexString(hex));
        }
        catch (FormatException)
        {
            throw new FormatException($"{path}:{lineNo}: not hex");
        }
    }

    public static string Render(string title, int seed, string setup, IEnumerable<string> body)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(title).Append('\n');
        text.Append("# Recorded from a seeded card (golden identity, in-memory store); regenerate with EUICC_REGENERATE_GOLDEN=1.\n");
        text.Append(CultureInfo.InvariantCulture, $"#@ seed {seed}\n");
        text.Append(CultureInfo.InvariantCulture, $"#@ setup {setup}\n");
        foreach (var line in body) text.Append(line).Append('\n');
        return text.ToString();
    }
}
