using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using EuiccEmulator.Cli.Commands;

namespace EuiccEmulator.Cli;

/// <summary>The command tree: every verb with its options, help, completion and --version.</summary>
public static class CliRoot
{
    public static RootCommand Build(CliContext context)
    {
        // Help and completion say euicc-emu however the program was started (dotnet euicc-emu.dll, a test host).
        var root = new RootCommand("euicc-emu: a software eUICC (GSMA SGP.22 / SGP.32) in a PC/SC reader") { HelpName = "euicc-emu" };
        if (root.Name != "euicc-emu") root.Aliases.Add("euicc-emu");
        foreach (var command in new[]
        {
            ServeCommand.Build(context), FleetCommand.Build(context), ApduCommand.Build(context), InitCommand.Build(context),
            InfoCommand.Build(context), KeysCommand.Build(context), ProfilesCommand.Build(context),
            NotificationsCommand.Build(context), ResultsCommand.Build(context), FsCommand.Build(context),
            DemoCommand.Build(context), ConformanceCommand.Build(context), TraceCommand.Build(context), SmdpCommand.Build(context),
            LabCommand.Build(context), EimCommand.Build(context), StoreCommand.Build(context), CompletionCommand.Build(context),
        })
        {
            root.Add(command);
        }
        var version = root.Options.OfType<VersionOption>().Single();
        version.Action = new VersionAction(context.Output);
        return root;
    }

    /// <summary>"euicc-emu 1.0.0+abc1234": the build's informational version (the commit when built from git).</summary>
    public static string Version =>
        typeof(CliRoot).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CliRoot).Assembly.GetName().Version?.ToString() ?? "unknown";

    // The library's own version action reads the entry assembly, which is the test host under a test.
    private sealed class VersionAction(TextWriter output) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            output.WriteLine($"euicc-emu {Version} (SGP.22 v2.5 card, SGP.32 v1.0 and v1.2 IoT card, .NET {Environment.Version})");
            return 0;
        }
    }
}
