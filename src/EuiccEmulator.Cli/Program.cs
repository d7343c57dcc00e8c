using System.CommandLine;
using System.CommandLine.Invocation;
using EuiccEmulator.Cli.Parsing;
using EuiccEmulator.Storage.LiteDb;

namespace EuiccEmulator.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error, showProgress: !Console.IsErrorRedirected);

    /// <summary>Runs one verb; errors are one line on the log writer and a non-zero exit code.</summary>
    /// <remarks>Exit codes: 0 ok, 1 the verb's own failure (a failed case, a damaged store), 2 usage, 3 store unusable.</remarks>
    public static int Run(string[] args, TextWriter output, TextWriter log) => Run(args, output, log, showProgress: false);

    public static int Run(string[] args, TextWriter output, TextWriter log, bool showProgress)
    {
        try
        {
            var root = CliRoot.Build(new CliContext(output, log, showProgress));
            var invocation = new InvocationConfiguration
            {
                Output = output,
                Error = log,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null, // the long-running verbs handle Ctrl-C and SIGTERM themselves
            };
            if (args.Length == 0)
            {
                root.Parse(["--help"]).Invoke(invocation);
                return 2;
            }
            var parse = root.Parse(args);
            if (parse.Action is ParseErrorAction)
            {
                log.WriteLine("error: " + ParseErrors.Describe(parse));
                return 2;
            }
            return parse.Invoke(invocation);
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
        // A bug is still one line; EUICC_EMU_DEBUG=1 lets it through with its stack trace.
        catch (Exception e) when (Environment.GetEnvironmentVariable("EUICC_EMU_DEBUG") != "1")
        {
            var message = e.Message.ReplaceLineEndings(" ");
            log.WriteLine($"error: internal error: {e.GetType().Name}: {message} (EUICC_EMU_DEBUG=1 shows where)");
            return 1;
        }
    }
}
