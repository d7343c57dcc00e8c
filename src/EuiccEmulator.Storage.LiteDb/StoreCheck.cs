using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.State;

namespace EuiccEmulator.Storage.LiteDb;

/// <summary>What <see cref="StoreCheck.Run"/> found: no problems means the store opens and its state is consistent.</summary>
public sealed record StoreCheckReport(string Path, IReadOnlyList<string> Problems, int Profiles, int Notifications)
{
    /// <summary>Whether no problem was found.</summary>
    public bool IsHealthy => Problems.Count == 0;
}

/// <summary>
/// Checks a card store at rest: it opens (lock, schema, LiteDB pages and log), loads, and holds a consistent state
/// (every profile has its package, unique ICCIDs and ISD-P AIDs, at most one enabled profile, no notification
/// numbered past the card's last sequence number). Never throws for a damaged file; every finding is one line.
/// </summary>
public static class StoreCheck
{
    /// <summary>Checks the store file at <paramref name="path"/>; every finding is one line of the report.</summary>
    public static StoreCheckReport Run(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var problems = new List<string>();
        if (!File.Exists(path)) return new StoreCheckReport(path, [$"{path}: no such file"], 0, 0);
        var profiles = 0;
        var notifications = 0;
        try
        {
            using var store = LiteDbCardStore.Open(path);
            var snapshot = store.Load();
            profiles = snapshot.Profiles.Count;
            notifications = snapshot.Notifications.Count;
            Consistency(snapshot, store, problems);
        }
        catch (StoreException e)
        {
            problems.Add(e.Message);
        }
#pragma warning disable CA1031 // a damaged file may fail anywhere inside LiteDB; each failure is a finding
        catch (Exception e)
#pragma warning restore CA1031
        {
            problems.Add($"{path}: damaged ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")})");
        }
        return new StoreCheckReport(path, problems, profiles, notifications);
    }

    private static void Consistency(CardSnapshot snapshot, ICardStore store, List<string> problems)
    {
        foreach (var group in snapshot.Profiles.GroupBy(p => p.Iccid.Digits).Where(g => g.Count() > 1))
            problems.Add($"profile {group.Key} is stored {group.Count()} times");
        foreach (var group in snapshot.Profiles.Where(p => p.IsdpAid.Length > 0)
            .GroupBy(p => Convert.ToHexString(p.IsdpAid)).Where(g => g.Count() > 1))
        {
            problems.Add($"ISD-P {group.Key} belongs to {group.Count()} profiles");
        }
        var enabled = snapshot.Profiles.Count(p => p.State == ProfileState.Enabled);
        if (enabled > 1) problems.Add($"{enabled} profiles are enabled");
        foreach (var profile in snapshot.Profiles)
        {
            if (store.LoadPackage(profile.Iccid) is null) problems.Add($"profile {profile.Iccid.Digits} has no package");
        }
        foreach (var n in snapshot.Notifications.Where(n => n.SeqNumber > snapshot.Settings.LastSeqNumber))
            problems.Add($"notification {n.SeqNumber} is numbered past the last sequence number {snapshot.Settings.LastSeqNumber}");
    }
}
