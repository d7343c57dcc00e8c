using EuiccEmulator.Core.Values;

namespace EuiccEmulator.Core.State;

/// <summary>Everything the card persists, as loaded at power-up.</summary>
public sealed record CardSnapshot(
    CardSettings Settings,
    IReadOnlyList<ProfileRecord> Profiles,
    IReadOnlyList<NotificationRecord> Notifications);

/// <summary>One state-changing command's effect, committed in one durable transaction.</summary>
public sealed record StateChange
{
    public CardSettings? Settings { get; init; }

    public IReadOnlyList<ProfileRecord> UpsertProfiles { get; init; } = [];

    public IReadOnlyList<Iccid> DeleteProfiles { get; init; } = [];

    /// <summary>Unprotected profile packages to keep, by ICCID.</summary>
    public IReadOnlyList<KeyValuePair<Iccid, byte[]>> AddPackages { get; init; } = [];

    public IReadOnlyList<NotificationRecord> AddNotifications { get; init; } = [];

    public IReadOnlyList<long> RemoveNotifications { get; init; } = [];

    public bool IsEmpty =>
        Settings is null && UpsertProfiles.Count == 0 && DeleteProfiles.Count == 0 && AddPackages.Count == 0
        && AddNotifications.Count == 0 && RemoveNotifications.Count == 0;
}

/// <summary>The card's persistence port. Commit is atomic and durable before it returns.</summary>
public interface ICardStore : IDisposable
{
    CardSnapshot Load();

    void Commit(StateChange change);

    /// <summary>The unprotected profile package stored for a profile, if any.</summary>
    byte[]? LoadPackage(Iccid iccid);
}
