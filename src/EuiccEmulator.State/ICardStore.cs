using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.State;

/// <summary>Everything the card persists, as loaded at power-up.</summary>
public sealed record CardSnapshot(
    CardSettings Settings,
    IReadOnlyList<ProfileRecord> Profiles,
    IReadOnlyList<NotificationRecord> Notifications);

/// <summary>One state-changing command's effect, committed in one durable transaction.</summary>
public sealed record StateChange
{
    /// <summary>New card-wide settings, or null to keep them.</summary>
    public CardSettings? Settings { get; init; }

    /// <summary>Profiles to add or replace, by ICCID.</summary>
    public IReadOnlyList<ProfileRecord> UpsertProfiles { get; init; } = [];

    /// <summary>Profiles to delete, with their packages.</summary>
    public IReadOnlyList<Iccid> DeleteProfiles { get; init; } = [];

    /// <summary>Unprotected profile packages to keep, by ICCID.</summary>
    public IReadOnlyList<KeyValuePair<Iccid, byte[]>> AddPackages { get; init; } = [];

    /// <summary>Notifications to keep.</summary>
    public IReadOnlyList<NotificationRecord> AddNotifications { get; init; } = [];

    /// <summary>Notifications to drop, by sequence number.</summary>
    public IReadOnlyList<long> RemoveNotifications { get; init; } = [];

    /// <summary>Folds several changes, in order, into one (later writes win).</summary>
    public static StateChange Merge(IReadOnlyList<StateChange> changes)
    {
        if (changes.Count == 1) return changes[0];
        CardSettings? settings = null;
        var profiles = new Dictionary<string, ProfileRecord>();
        var deleted = new Dictionary<string, Iccid>();
        var packages = new Dictionary<string, KeyValuePair<Iccid, byte[]>>();
        var added = new SortedDictionary<long, NotificationRecord>();
        var removed = new HashSet<long>();
        foreach (var change in changes)
        {
            settings = change.Settings ?? settings;
            foreach (var iccid in change.DeleteProfiles)
            {
                profiles.Remove(iccid.Digits);
                packages.Remove(iccid.Digits);
                deleted[iccid.Digits] = iccid;
            }
            foreach (var p in change.UpsertProfiles)
            {
                profiles[p.Iccid.Digits] = p;
                deleted.Remove(p.Iccid.Digits);
            }
            foreach (var package in change.AddPackages) packages[package.Key.Digits] = package;
            foreach (var seq in change.RemoveNotifications)
            {
                if (!added.Remove(seq)) removed.Add(seq);
            }
            foreach (var n in change.AddNotifications) added[n.SeqNumber] = n;
        }
        return new StateChange
        {
            Settings = settings,
            UpsertProfiles = [.. profiles.Values],
            DeleteProfiles = [.. deleted.Values],
            AddPackages = [.. packages.Values],
            AddNotifications = [.. added.Values],
            RemoveNotifications = [.. removed],
        };
    }

    /// <summary>Whether the change changes nothing.</summary>
    public bool IsEmpty =>
        Settings is null && UpsertProfiles.Count == 0 && DeleteProfiles.Count == 0 && AddPackages.Count == 0
        && AddNotifications.Count == 0 && RemoveNotifications.Count == 0;
}

/// <summary>The card's persistence port. Commit is atomic and durable before it returns.</summary>
public interface ICardStore : IDisposable
{
    /// <summary>Everything the card persists, as committed.</summary>
    CardSnapshot Load();

    /// <summary>Applies one change atomically and durably.</summary>
    void Commit(StateChange change);

    /// <summary>The unprotected profile package stored for a profile, if any.</summary>
    byte[]? LoadPackage(Iccid iccid);
}
