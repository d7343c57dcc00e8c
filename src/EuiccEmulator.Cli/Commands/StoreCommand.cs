using EuiccEmulator.Storage.LiteDb;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu store check FILE: reports what is damaged in a card store; exit 1 when anything is.</summary>
public static class StoreCommand
{
    public const string Usage = "store check FILE   (opens the store and checks its state; exit 1 when damaged)";

    public static int Run(string[] args, TextWriter output, TextWriter log)
    {
        if (args is not ["check", var path]) throw new CliException("store: give check FILE");
        var report = StoreCheck.Run(path);
        foreach (var problem in report.Problems) log.WriteLine("damaged: " + problem);
        if (!report.IsHealthy) return 1;
        output.WriteLine($"{path}: ok, {report.Profiles} profiles, {report.Notifications} notifications");
        return 0;
    }
}
