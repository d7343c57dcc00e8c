using System.Globalization;
using EuiccEmulator.Rsp.Codes;

namespace EuiccEmulator.Benchmarks;

/// <summary>
/// A workload to count the store's system calls with, e.g. <c>strace -f -c -e trace=fsync,fdatasync,pwrite64</c>:
/// N times a package result added and its notification removed (2 N durable commits) on a LiteDB store. Not timed.
/// </summary>
public static class CommitProbe
{
    public static int Run(int rounds)
    {
        using var card = new BenchCard(StoreKind.LiteDb);
        var before = card.Store.Commits;
        for (var i = 0; i < rounds; i++)
        {
            card.Euicc.Engine.AddPackageResult(_ => new byte[64]);
            var seq = card.Euicc.Engine.Notifications.Max(n => n.SeqNumber);
            if (card.Euicc.Engine.RemoveNotification(seq) != NotificationSentResult.Ok)
                throw new InvalidOperationException("remove failed");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"commits: {card.Store.Commits - before} durable commits"));
        return 0;
    }
}
