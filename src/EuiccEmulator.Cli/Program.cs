using System.Reflection;
using EuiccEmulator.Cli.Commands;
using EuiccEmulator.Storage.LiteDb;

namespace EuiccEmulator.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs one verb; errors are one line on the log writer and a non-zero exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter log)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine($"euicc-emu {Version}: a software eUICC (GSMA SGP.22 / SGP.32) in a PC/SC reader");
            foreach (var usage in new[]
            {
                ServeCommand.Usage, ApduCommand.Usage, InitCommand.Usage, KeysCommand.Usage, ProfilesCommand.Usage, DemoCommand.Usage,
                TraceCommand.Usage, ConformanceCommand.Usage, FleetCommand.Usage, SmdpCommand.Usage, EimCommand.Usage, LabCommand.Usage,
                StoreCommand.Usage,
            })
            {
                output.WriteLine("  euicc-emu " + usage);
            }

            return args.Length == 0 ? 2 : 0;
        }
        if (args[0] is "--version" or "version")
        {
            output.WriteLine("euicc-emu " + Version);
            return 0;
        }
        if (VerbUsage(args[0]) is { } verbUsage && args.Skip(1).TakeWhile(a => a != "--").Any(a => a is "-h" or "--help"))
        {
            output.WriteLine("usage: euicc-emu " + verbUsage);
            return 0;
        }
        try
        {
            return args[0] switch
            {
                "serve" => ServeCommand.Run(args[1..], output, log),
                "apdu" => ApduCommand.Run(args[1..], output, log),
                "init" => InitCommand.Run(args[1..], output, log),
                "keys" => KeysCommand.Run(args[1..], output, log),
                "profiles" => ProfilesCommand.Run(args[1..], output, log),
                "demo" => DemoCommand.Run(args[1..], output, log),
                "trace" => TraceCommand.Run(args[1..], output, log),
                "conformance" => ConformanceCommand.Run(args[1..], output, log),
                "fleet" => FleetCommand.Run(args[1..], output, log),
                "smdp" => SmdpCommand.Run(args[1..], output, log),
                "eim" => EimCommand.Run(args[1..], output, log),
                "lab" => LabCommand.Run(args[1..], output, log),
                "store" => StoreCommand.Run(args[1..], output, log),
                _ => throw new CliException($"unknown command '{args[0]}'; try euicc-emu --help"),
            };
        }
        catch (CliException e)
        {
            log.WriteLine("error: " + e.Message);
            return 2;
        }
        catch (StoreException e)
        {
            log.WriteLine("error: " + e.Message);
            return 3;
        }
    }

    /// <summary>The package version (Directory.Build.props), as the assembly carries it.</summary>
    public static string Version { get; } =
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Program).Assembly.GetName().Version?.ToString() ?? "unknown";

    private static string? VerbUsage(string verb) => verb switch
    {
        "serve" => ServeCommand.Usage,
        "apdu" => ApduCommand.Usage,
        "init" => InitCommand.Usage,
        "keys" => KeysCommand.Usage,
        "profiles" => ProfilesCommand.Usage,
        "demo" => DemoCommand.Usage,
        "trace" => TraceCommand.Usage,
        "conformance" => ConformanceCommand.Usage,
        "fleet" => FleetCommand.Usage,
        "smdp" => SmdpCommand.Usage,
        "eim" => EimCommand.Usage,
        "lab" => LabCommand.Usage,
        "store" => StoreCommand.Usage,
        _ => null,
    };
}
