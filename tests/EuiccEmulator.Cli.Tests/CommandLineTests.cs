using System.CommandLine;
using EuiccEmulator.Cli.Tests.Support;

namespace EuiccEmulator.Cli.Tests;

/// <summary>The command line itself: help on every command, --version, one-line parse errors, completion, progress.</summary>
public sealed class CommandLineTests
{
    /// <summary>Every command of the tree by its words ("profiles enable"), the root excluded.</summary>
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        void Walk(Command command, string path)
        {
            foreach (var sub in command.Subcommands)
            {
                var words = path.Length == 0 ? sub.Name : path + " " + sub.Name;
                data.Add(words);
                Walk(sub, words);
            }
        }
        Walk(CliRoot.Build(new CliContext(TextWriter.Null, TextWriter.Null)), "");
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_has_help_that_names_it_and_describes_each_of_its_options(string words)
    {
        var command = Find(words);
        Assert.False(string.IsNullOrWhiteSpace(command.Description), words);
        foreach (var help in new[] { "--help", "-h" })
        {
            var (code, output, err) = Cmd.Run([.. words.Split(' '), help]);
            Assert.True(code == 0, err);
            Assert.Equal("", err);
            Assert.Contains("Usage:\n  euicc-emu " + words, output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            foreach (var option in command.Options.Where(o => o.Name is not ("--help" or "--version")))
            {
                Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{words} {option.Name}");
                Assert.Contains(option.Name, output, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Help_on_an_option_position_still_shows_the_verbs_help()
    {
        var (code, output, _) = Cmd.Run("serve", "--store", "x.db", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--vpcd <HOST:PORT>", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_is_one_line_naming_the_program_and_its_build()
    {
        var (code, output, err) = Cmd.Run("--version");
        Assert.Equal(0, code);
        Assert.Equal("", err);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("euicc-emu " + CliRoot.Version, line, StringComparison.Ordinal);
        Assert.Contains("SGP.32 v1.0 and v1.2", line, StringComparison.Ordinal);
    }

    [Fact]
    public void No_arguments_prints_the_overview_and_exits_2()
    {
        var (code, output, _) = Cmd.Run();
        Assert.Equal(2, code);
        foreach (var verb in new[] { "serve", "info", "profiles", "notifications", "results", "fs", "eim", "completion" })
            Assert.Contains("  " + verb, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serve --cards 0", "--cards: expected a whole number from 1 to 100000, not '0'")]
    [InlineData("serve --cards many", "--cards: expected a whole number from 1 to 100000, not 'many'")]
    [InlineData("serve --store a --store b", "--store: given more than once")]
    [InlineData("serve --store-dir d", "--store-dir: only with --cards N")]
    [InlineData("serve --cards 2 --eid 1", "--eid: not with --cards")]
    [InlineData("apdu --deterministic -1 00", "--deterministic: expected a whole number from 0 to 2147483647, not '-1'")]
    [InlineData("demo download --block-size 65536", "--block-size: expected a whole number from 1 to 65535, not '65536'")]
    [InlineData("demo download --curve p521", "--curve: 'p521' is not nist or brainpool")]
    [InlineData("demo", "demo: expected download or iot; try euicc-emu demo --help")]
    [InlineData("demo upload", "demo: unknown subcommand 'upload' (expected download or iot)")]
    [InlineData("profiles lst", "profiles: unknown subcommand 'lst'")]
    [InlineData("profiles list extra", "profiles list: unexpected argument 'extra'")]
    [InlineData("profiles enable", "profiles enable: give the profile's ICCID or ISD-P AID")]
    [InlineData("profiles enable 12", "'12' is neither an ICCID (18 to 20 digits) nor an ISD-P AID (32 hex digits)")]
    [InlineData("profiles import a.der b.der --metadata m.json", "--metadata: only with one FILE")]
    [InlineData("profiles export 89000100000000000102", "--out: needed (the FILE to write the profile package to)")]
    [InlineData("notifications remove x", "notifications remove: 'x' is not a sequence number")]
    [InlineData("fs cat", "fs cat: give the PATH of a file (fs ls lists them)")]
    [InlineData("fs cat 3F00/2FE2 --pin 12", "--pin: 4 to 8 digits")]
    [InlineData("fleet init 0 --store-dir d", "fleet: '0' is not a card count from 1 to 100000")]
    [InlineData("fleet init 5", "--store-dir: needed for fleet init")]
    [InlineData("trace", "trace: give one FILE")]
    [InlineData("store check", "store check: give the store FILE")]
    [InlineData("smdp serve --profiles .", "--listen: needed (HOST:PORT, e.g. 127.0.0.1:8443)")]
    [InlineData("eim queue --server https://x --eid 1", "eim queue: expected enable ICCID")]
    [InlineData("eim queue --server https://x --eid 1 --association-token t list-profiles", "--association-token: 't' is not an integer")]
    [InlineData("eim remove", "eim remove: give the EIM-ID to remove")]
    [InlineData("init --eid 89049032123451234512345678901235 --random-eid", "--random-eid: not with --eid")]
    [InlineData("completion fish", "completion: 'fish' is not bash, zsh or pwsh")]
    [InlineData("conformance --target x", "--target: 'x' is not in-process, pcsc[:READER] or vpcd[:PORT]")]
    [InlineData("--verbose", "--verbose: unknown option; try euicc-emu --help")]
    [InlineData("serve --verbose=yes", "serve: unexpected argument 'yes'")]
    public void Parse_errors_are_one_line_naming_the_option_and_exit_2(string args, string expected)
    {
        var (code, output, err) = Cmd.Run(args.Split(' '));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("euicc-emu pr", "profiles")]
    [InlineData("euicc-emu profiles e", "enable")]
    [InlineData("euicc-emu demo download --curve ", "brainpool")]
    [InlineData("euicc-emu conformance --sgp32 ", "1.0")]
    [InlineData("euicc-emu completion ", "zsh")]
    public void Suggest_directive_completes_verbs_options_and_their_values(string line, string expected)
    {
        var (code, output, _) = Cmd.Run($"[suggest:{line.Length}]", line);
        Assert.Equal(0, code);
        Assert.Contains(expected, output.Split('\n', StringSplitOptions.TrimEntries));
        Assert.DoesNotContain("NistP256", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _euicc_emu_complete euicc-emu")]
    [InlineData("zsh", "compdef _euicc_emu_complete euicc-emu")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName euicc-emu")]
    public void Completion_scripts_ask_the_program_through_the_suggest_directive(string shell, string hook)
    {
        var (code, output, _) = Cmd.Run("completion", shell);
        Assert.Equal(0, code);
        Assert.Contains("[suggest:", output, StringComparison.Ordinal);
        Assert.Contains(hook, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_redraws_one_line_on_a_terminal_and_erases_it()
    {
        var log = new StringWriter();
        using (var progress = new ProgressLine(log, enabled: true, "minting", 3))
        {
            progress.Step();
            progress.Step();
            progress.Step();
        }
        var text = log.ToString();
        Assert.StartsWith("\r\u001b[Kminting 1/3", text, StringComparison.Ordinal);
        Assert.Contains("\r\u001b[Kminting 3/3", text, StringComparison.Ordinal); // the last step always shows
        Assert.EndsWith("\r\u001b[K", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_is_silent_when_the_log_is_not_a_terminal()
    {
        var dir = Directory.CreateTempSubdirectory("euicc-progress-").FullName;
        try
        {
            var (code, output, err) = Cmd.Run("fleet", "init", "20", "--store-dir", dir);
            Assert.Equal(0, code);
            Assert.DoesNotContain('\r', output + err);
            Assert.DoesNotContain('\u001b', output + err);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Command Find(string words)
    {
        Command command = CliRoot.Build(new CliContext(TextWriter.Null, TextWriter.Null));
        foreach (var word in words.Split(' ')) command = command.Subcommands.Single(c => c.Name == word);
        return command;
    }
}
