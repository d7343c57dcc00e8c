using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.State;

/// <summary>A volatile store for tests and scripting; same contract as a durable one, minus durability.</summary>
public sealed class InMemoryCardStore : ICardStore, IIdentityStore
{
    private CardSettings _settings = new();
    private readonly Dictionary<string, ProfileRecord> _profiles = [];
    private readonly Dictionary<string, byte[]> _packages = [];
    private readonly SortedDictionary<long, NotificationRecord> _notifications = [];
    private CardIdentityRecord? _identity;

    /// <summary>How many commits the store took (tests count the card's transactions).</summary>
    public int Commits { get; private set; }

    /// <inheritdoc />
    public CardSnapshot Load() =>
        new(_settings, [.. _profiles.Values], [.. _notifications.Values]);

    /// <inheritdoc />
    public void Commit(StateChange change)
    {
        Commits++;
        if (change.Settings is { } settings) _settings = settings;
        foreach (var iccid in change.DeleteProfiles)
        {
            _profiles.Remove(iccid.Digits);
            _packages.Remove(iccid.Digits);
        }
        foreach (var profile in change.UpsertProfiles) _profiles[profile.Iccid.Digits] = profile;
        foreach (var (iccid, package) in change.AddPackages) _packages[iccid.Digits] = package;
        foreach (var seq in change.RemoveNotifications) _notifications.Remove(seq);
        foreach (var notification in change.AddNotifications) _notifications[notification.SeqNumber] = notification;
    }

    /// <inheritdoc />
    public byte[]? LoadPackage(Iccid iccid) => _packages.GetValueOrDefault(iccid.Digits);

    /// <inheritdoc />
    public CardIdentityRecord? LoadIdentity() => _identity;

    /// <inheritdoc />
    public void SaveIdentity(CardIdentityRecord identity) => _identity = identity;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
