using System.CommandLine;
using EuiccEmulator.Cli.Parsing;
using EuiccEmulator.Storage.LiteDb;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu store check FILE: reports what is damaged in a card store; exit 1 when anything is.</summary>
public static class StoreCommand
{
    public static Command Build(CliContext context)
    {
        var file = Opt.Arg("FILE", "the card store to check", "store check: give the store FILE");
        var json = Opt.Json();
        var check = new Command("check", "opens the store and checks its state; exit 1 when anything is damaged") { file, json };
        check.SetAction(p => Check(context, p.GetValue(file)!, p.GetValue(json)));
        return new Command("store", "card store maintenance") { check };
    }

    private static int Check(CliContext context, string path, bool json)
    {
        var report = StoreCheck.Run(path);
        if (json)
        {
            JsonOut.Write(context.Output, new JsonStoreCheck(Path.GetFullPath(path), report.IsHealthy, report.Profiles,
                report.Notifications,
                report.Problems));
            return report.IsHealthy ? 0 : 1;
        }
        foreach (var problem in report.Problems) context.Log.WriteLine("damaged: " + problem);
        if (!report.IsHealthy) return 1;
        context.Output.WriteLine($"{path}: ok, {report.Profiles} profiles, {report.Notifications} notifications");
        return 0;
    }
}
