using EuiccEmulator.Reliability.Tests.Support;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Reliability.Tests.Crash;

/// <summary>
/// Wraps the durable store in the crash child: before each commit it journals the digests of the state before
/// and after the change ("B before after"), and "E" once the commit returned. The parent then knows which two
/// states a kill inside that commit may leave.
/// </summary>
internal sealed class JournalingStore(ICardStore inner, Journal journal) : ICardStore
{
    public CardSnapshot Load() => inner.Load();

    public byte[]? LoadPackage(Iccid iccid) => inner.LoadPackage(iccid);

    public void Commit(StateChange change)
    {
        var before = Rel.Digest(inner);
        // The expected after-state: the same change applied to a copy in memory.
        var copy = new InMemoryCardStore();
        var snapshot = inner.Load();
        copy.Commit(new StateChange
        {
            Settings = snapshot.Settings,
            UpsertProfiles = snapshot.Profiles,
            AddPackages = [.. snapshot.Profiles.Select(p => new KeyValuePair<Iccid, byte[]>(p.Iccid, inner.LoadPackage(p.Iccid)!))
                .Where(kv => kv.Value is not null)],
            AddNotifications = snapshot.Notifications,
        });
        copy.Commit(change);
        journal.Line($"B {before} {Rel.Digest(copy)}");
        inner.Commit(change);
        journal.Line("E");
    }

    public void Dispose() => inner.Dispose();
}

/// <summary>Line-per-event journal on stdout; each line is written through at once (a pipe keeps it past SIGKILL).</summary>
internal sealed class Journal(Stream output)
{
    public void Line(string text)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(text + "\n");
        output.Write(bytes);
        output.Flush();
    }
}
