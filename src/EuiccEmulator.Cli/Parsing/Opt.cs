using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Runtime.CompilerServices;
using EuiccEmulator.Rsp;

namespace EuiccEmulator.Cli.Parsing;

/// <summary>
/// Option and argument factories: every value is parsed here, so every error names its option the same way
/// ("--name: what is wrong") and becomes one line with exit code 2.
/// </summary>
internal static class Opt
{
    private static readonly ConditionalWeakTable<Symbol, string> MissingText = [];

    public static Option<string?> Text(string name, string helpName, string description) => new(name)
    {
        HelpName = helpName,
        Description = description,
        CustomParser = r => Single(r, name),
    };

    /// <summary>An option that must be given; <paramref name="missing"/> is the error line when it is not.</summary>
    public static Option<string?> Needed(string name, string helpName, string description, string missing)
    {
        var option = Text(name, helpName, description);
        option.Required = true;
        MissingText.AddOrUpdate(option, missing);
        return option;
    }

    /// <summary>An option that may be given more than once (--ci DIR --ci DIR).</summary>
    public static Option<string[]> Many(string name, string helpName, string description) => new(name)
    {
        HelpName = helpName,
        Description = description,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.Zero };

    public static Option<int?> Int(string name, string helpName, int min, int max, string description) =>
        Parsed<int?>(name, helpName, description, text =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                ? n
                : throw new CliException($"{name}: expected a whole number from {min} to {max}, not '{text}'"));

    /// <summary>An option whose text <paramref name="parse"/> turns into a value, or refuses with a CliException.</summary>
    public static Option<T> Parsed<T>(string name, string helpName, string description, Func<string, T> parse,
        params string[] completions)
    {
        var option = new Option<T>(name)
        {
            HelpName = helpName,
            Description = description,
            CustomParser = r => Single(r, name) is { } text ? Try(r, text, parse) : default!,
        };
        if (completions.Length > 0)
        {
            option.CompletionSources.Clear(); // an enum's member names are not what the option takes
            option.CompletionSources.Add(completions);
        }
        return option;
    }

    /// <summary>A value from a fixed list; the help and the completion offer the list.</summary>
    public static Option<string?> OneOf(string name, string description, params string[] values)
    {
        var list = string.Join('|', values);
        return Parsed<string?>(name, list, description,
            text => values.Contains(text, StringComparer.Ordinal) ? text : throw new CliException($"{name}: '{text}' is not {Or(values)}"),
            values);
    }

    public static Option<string?> Store() => Text("--store", "FILE",
        "the card's store file (default $XDG_DATA_HOME/euicc-emulator/card.db)");

    public static Option<Sgp32Version?> Sgp32(string description) =>
        Parsed("--sgp32", "1.0|1.2", description, CardHost.ParseSgp32, "1.0", "1.2");

    public static Option<bool> Json() => Flag("--json", "print JSON instead of text (schema: docs/cli-json.md)");

    /// <summary>A positional argument; <paramref name="missing"/> is the error line when it is absent.</summary>
    public static Argument<string> Arg(string helpName, string description, string missing)
    {
        var argument = new Argument<string>(helpName) { Description = description, HelpName = helpName };
        MissingText.AddOrUpdate(argument, missing);
        return argument;
    }

    public static Argument<string[]> Args(string helpName, string description, string missing, bool atLeastOne = true)
    {
        var argument = new Argument<string[]>(helpName)
        {
            Description = description,
            HelpName = helpName,
            Arity = atLeastOne ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore,
        };
        MissingText.AddOrUpdate(argument, missing);
        return argument;
    }

    /// <summary>The error line for a missing argument or option, when one was registered.</summary>
    public static string? Missing(Symbol symbol) => MissingText.TryGetValue(symbol, out var text) ? text : null;

    public static string Or(IReadOnlyList<string> values) =>
        values.Count == 1 ? values[0] : string.Join(", ", values.Take(values.Count - 1)) + " or " + values[^1];

    private static string? Single(ArgumentResult result, string name)
    {
        if (result.Tokens.Count == 0) return null;
        if (result.Tokens.Count > 1)
        {
            result.AddError($"{name}: given more than once");
            return null;
        }
        return result.Tokens[0].Value;
    }

    private static T Try<T>(ArgumentResult result, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (CliException e)
        {
            result.AddError(e.Message);
            return default!;
        }
    }
}
