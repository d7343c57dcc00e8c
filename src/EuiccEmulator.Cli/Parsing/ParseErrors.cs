using System.CommandLine;
using System.CommandLine.Parsing;

namespace EuiccEmulator.Cli.Parsing;

/// <summary>
/// Turns a failed parse into one line that names the option or argument: "--vpcd: needs a value",
/// "--colour: unknown option", "apdu: give at least one APDU in hex".
/// </summary>
internal static class ParseErrors
{
    public static string Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var path = CommandPath(parse.CommandResult);
        if (parse.UnmatchedTokens.Count > 0) return Unmatched(parse.UnmatchedTokens[0], command, path);
        foreach (var error in parse.Errors)
        {
            var option = error.SymbolResult switch
            {
                OptionResult o => o,
                ArgumentResult { Parent: OptionResult o } => o,
                _ => null,
            };
            if (option is null) continue;
            var name = option.Option.Name;
            if (option.IdentifierTokenCount == 0 && option.Option.Required)
                return Opt.Missing(option.Option) ?? $"{name}: needed; try {path} --help";
            if (error.Message.StartsWith(name + ":", StringComparison.Ordinal)) return error.Message;
            if (option.Tokens.Count == 0 && option.Option.Arity.MinimumNumberOfValues > 0) return $"{name}: needs a value";
            if (option.IdentifierTokenCount > 1 || option.Tokens.Count > option.Option.Arity.MaximumNumberOfValues)
                return $"{name}: given more than once";
            return $"{name}: {error.Message}";
        }
        foreach (var required in command.Options.Where(o => o.Required))
            if (parse.GetResult(required) is null) return Opt.Missing(required) ?? $"{required.Name}: needed; try {path} --help";
        foreach (var argument in command.Arguments)
        {
            var result = parse.GetResult(argument) as ArgumentResult;
            if ((result?.Tokens.Count ?? 0) >= argument.Arity.MinimumNumberOfValues) continue;
            return Opt.Missing(argument) ?? $"{Verb(path)}: expected {argument.HelpName ?? argument.Name}";
        }
        if (command.Subcommands.Count > 0 && command.Action is null)
            return $"{Verb(path)}: expected {Opt.Or([.. command.Subcommands.Select(c => c.Name)])}; try {path} --help";
        var first = parse.Errors.FirstOrDefault()?.Message ?? "cannot parse the command line";
        return first.StartsWith("--", StringComparison.Ordinal) ? first : $"{Verb(path)}: {first}";
    }

    private static string Unmatched(string token, Command command, string path)
    {
        if (token.StartsWith('-') && token.Length > 1)
        {
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            return $"{(eq > 0 ? token[..eq] : token)}: unknown option; try {path} --help";
        }
        if (command is RootCommand) return $"unknown command '{token}'; try euicc-emu --help";
        if (command.Subcommands.Count > 0 && command.Arguments.Count == 0)
            return $"{Verb(path)}: unknown subcommand '{token}' (expected {Opt.Or([.. command.Subcommands.Select(c => c.Name)])})";
        return $"{Verb(path)}: unexpected argument '{token}'";
    }

    /// <summary>"profiles list" out of "euicc-emu profiles list"; the program's own name for the root.</summary>
    private static string Verb(string path) => path.Length > 10 ? path[10..] : path;

    /// <summary>"euicc-emu profiles list" for the command that was parsed.</summary>
    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
            if (r is CommandResult c) names.Add(c.Command is RootCommand ? "euicc-emu" : c.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }
}
