using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Messages;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.State;

/// <summary>
/// The card's persistent state and its rules. Every operation either refuses with a result code and
/// leaves everything as it was, or commits one <see cref="StateChange"/> to the store and only then
/// applies it in memory: a failed commit changes nothing.
/// </summary>
public sealed partial class CardEngine
{
    private readonly ICardStore _store;
    private readonly INotificationSigner _signer;
    private readonly List<ProfileRecord> _profiles;
    private readonly SortedDictionary<long, NotificationRecord> _notifications;
    private CardSettings _settings;
    private List<StateChange>? _transaction;

    internal CardEngine(ICardStore store, INotificationSigner signer)
    {
        _store = store;
        _signer = signer;
        _profiles = [];
        _notifications = [];
        _settings = new CardSettings();
        Reload();
    }

    private void Reload()
    {
        var snapshot = _store.Load();
        _settings = snapshot.Settings;
        _profiles.Clear();
        _profiles.AddRange(snapshot.Profiles.OrderBy(p => Convert.ToHexString(p.IsdpAid), StringComparer.Ordinal));
        _notifications.Clear();
        foreach (var n in snapshot.Notifications) _notifications[n.SeqNumber] = n;
    }

    /// <summary>
    /// Runs several operations as one command: each sees the effects of the ones before, and all of them are
    /// committed in one store transaction at the end. If anything throws, memory is reloaded from the store.
    /// </summary>
    internal T Transaction<T>(Func<T> work)
    {
        if (_transaction is not null) throw new InvalidOperationException("transactions do not nest");
        _transaction = [];
        try
        {
            var result = work();
            var merged = StateChange.Merge(_transaction);
            _transaction = null;
            if (!merged.IsEmpty) _store.Commit(merged);
            return result;
        }
        catch
        {
            _transaction = null;
            Reload();
            throw;
        }
    }

    /// <summary>The card-wide settings.</summary>
    public CardSettings Settings => _settings;

    /// <summary>Bounds on what the card keeps; the card refuses (never grows) past them.</summary>
    internal CardLimits Limits { get; set; } = CardLimits.Unbounded;

    /// <summary>Pending profile notifications (install results included), not eUICC Package Results.</summary>
    public int PendingProfileNotifications => _notifications.Values.Count(n => !n.IsPackageResult);

    /// <summary>Every installed profile.</summary>
    public IReadOnlyList<ProfileRecord> Profiles => _profiles;

    /// <summary>Pending notifications and eUICC Package Results, by sequence number.</summary>
    public IEnumerable<NotificationRecord> Notifications => _notifications.Values;

    /// <summary>The enabled profile, if any.</summary>
    public ProfileRecord? EnabledProfile => _profiles.Find(p => p.State == ProfileState.Enabled);

    internal ProfileRecord? Find(ProfileSelector selector) => _profiles.Find(selector.Matches);

    /// <summary>The profile with this ICCID, if installed.</summary>
    public ProfileRecord? Find(Iccid iccid) => _profiles.Find(p => p.Iccid == iccid);

    // SGP.22 §5.7.16
    internal EnableResult Enable(ProfileSelector selector)
    {
        var target = Find(selector);
        if (target is null) return EnableResult.IccidOrAidNotFound;
        if (target.State != ProfileState.Disabled) return EnableResult.ProfileNotInDisabledState;
        var current = EnabledProfile;
        // Enabling another profile implicitly disables the current one, which its PPR1 forbids.
        if (current is not null && current.Pprs.HasFlag(PprIds.Ppr1DisableNotAllowed))
            return EnableResult.DisallowedByPolicy;

        var builder = new ChangeBuilder(this);
        if (current is not null)
        {
            builder.Upsert(current with { State = ProfileState.Disabled });
            builder.Notify(current, NotificationEvents.Disable);
        }
        var enabled = target with { State = ProfileState.Enabled };
        builder.Upsert(enabled);
        builder.Notify(enabled, NotificationEvents.Enable);
        if (builder.NotificationsDropped) return EnableResult.UndefinedError; // no room for its notifications
        Apply(builder.Build());
        return EnableResult.Ok;
    }

    // SGP.22 §5.7.17
    internal DisableResult Disable(ProfileSelector selector)
    {
        var target = Find(selector);
        if (target is null) return DisableResult.IccidOrAidNotFound;
        if (target.State != ProfileState.Enabled) return DisableResult.ProfileNotInEnabledState;
        if (target.Pprs.HasFlag(PprIds.Ppr1DisableNotAllowed)) return DisableResult.DisallowedByPolicy;

        var builder = new ChangeBuilder(this);
        var disabled = target with { State = ProfileState.Disabled };
        builder.Upsert(disabled);
        builder.Notify(disabled, NotificationEvents.Disable);
        if (builder.NotificationsDropped) return DisableResult.UndefinedError;
        Apply(builder.Build());
        return DisableResult.Ok;
    }

    // SGP.22 §5.7.18
    internal DeleteResult Delete(ProfileSelector selector)
    {
        var target = Find(selector);
        if (target is null) return DeleteResult.IccidOrAidNotFound;
        if (target.State != ProfileState.Disabled) return DeleteResult.ProfileNotInDisabledState;
        if (target.Pprs.HasFlag(PprIds.Ppr2DeleteNotAllowed)) return DeleteResult.DisallowedByPolicy;

        var builder = new ChangeBuilder(this);
        builder.Delete(target);
        builder.Notify(target, NotificationEvents.Delete);
        if (builder.NotificationsDropped) return DeleteResult.UndefinedError;
        Apply(builder.Build());
        return DeleteResult.Ok;
    }

    // SGP.22 §5.7.19: profiles go regardless of their PPRs; no notifications are generated.
    internal MemoryResetResult MemoryReset(MemoryResetOptions options, out bool enabledProfileDeleted)
    {
        enabledProfileDeleted = false;
        var builder = new ChangeBuilder(this);
        var changed = false;
        foreach (var profile in _profiles)
        {
            var delete = profile.ProfileClass switch
            {
                ProfileClass.Operational => options.HasFlag(MemoryResetOptions.DeleteOperationalProfiles),
                ProfileClass.Test => options.HasFlag(MemoryResetOptions.DeleteFieldLoadedTestProfiles) && !profile.IsPreLoaded,
                _ => false,
            };
            if (!delete) continue;
            builder.Delete(profile);
            enabledProfileDeleted |= profile.State == ProfileState.Enabled;
            changed = true;
        }
        if (options.HasFlag(MemoryResetOptions.ResetDefaultSmdpAddress) && _settings.DefaultDpAddress is not null)
        {
            builder.Settings = builder.Settings with { DefaultDpAddress = null };
            changed = true;
        }
        if (!changed) return MemoryResetResult.NothingToDelete;
        Apply(builder.Build());
        return MemoryResetResult.Ok;
    }

    // SGP.22 §5.7.21
    internal SetNicknameResult SetNickname(Iccid iccid, string nickname)
    {
        var target = Find(iccid);
        if (target is null) return SetNicknameResult.IccidNotFound;
        var builder = new ChangeBuilder(this);
        builder.Upsert(target with { Nickname = nickname });
        Apply(builder.Build());
        return SetNicknameResult.Ok;
    }

    // SGP.22 §5.7.4: an empty address removes the default SM-DP+ address.
    internal SetDefaultDpAddressResult SetDefaultDpAddress(string address)
    {
        var builder = new ChangeBuilder(this);
        builder.Settings = builder.Settings with { DefaultDpAddress = address.Length == 0 ? null : address };
        Apply(builder.Build());
        return SetDefaultDpAddressResult.Ok;
    }

    // SGP.22 §5.7.10
    internal NotificationSentResult RemoveNotification(long seqNumber)
    {
        if (!_notifications.ContainsKey(seqNumber)) return NotificationSentResult.NothingToDelete;
        Apply(new StateChange { RemoveNotifications = [seqNumber] });
        return NotificationSentResult.Ok;
    }

    /// <summary>Stores a profile installed outside a download (pre-loading): disabled, with a fresh ISD-P AID.</summary>
    public ProfileRecord AddPreLoadedProfile(ProfileRecord template, byte[] package)
    {
        if (Find(template.Iccid) is not null)
            throw new InvalidOperationException($"ICCID {template.Iccid} is already on the card");
        if (_profiles.Count >= Limits.MaxProfiles)
            throw new InvalidOperationException($"the card holds its maximum of {Limits.MaxProfiles} profiles");
        var builder = new ChangeBuilder(this);
        var profile = template with
        {
            IsdpAid = builder.AllocateIsdpAid(),
            State = ProfileState.Disabled,
            Origin = ProfileRecord.PreLoadedOrigin,
            PackageSize = package.Length,
        };
        builder.Upsert(profile);
        builder.AddPackage(profile.Iccid, package);
        Apply(builder.Build());
        return profile;
    }

    /// <summary>
    /// Commits a downloaded profile, its package and its install notification in one transaction. The caller
    /// signs the ProfileInstallationResult once the sequence number and ISD-P AID are known.
    /// </summary>
    // SGP.22 §3.1.3.3: the PIR is kept as a pending notification until the SM-DP+ acknowledges it.
    internal (ProfileRecord Profile, byte[] Result) InstallDownloaded(ProfileRecord template, byte[] package,
        string notificationAddress, string smdpOid, Func<long, byte[], byte[]> signResult)
    {
        if (Find(template.Iccid) is not null)
            throw new InvalidOperationException($"ICCID {template.Iccid} is already on the card");
        if (_profiles.Count >= Limits.MaxProfiles || PendingProfileNotifications >= Limits.MaxPendingNotifications)
            throw new InvalidOperationException("no room for another profile or its install notification");
        var builder = new ChangeBuilder(this);
        var profile = template with
        {
            IsdpAid = builder.AllocateIsdpAid(),
            State = ProfileState.Disabled,
            PackageSize = package.Length,
        };
        var seq = builder.NextSeqNumber();
        var result = signResult(seq, profile.IsdpAid);
        // SGP.32 §5.9.15: ImmediateEnable may enable this profile if its SM-DP+ matches the configuration.
        builder.Settings = builder.Settings with
        {
            LastInstalledIccid = profile.Iccid.Digits,
            LastInstalledSmdpOid = smdpOid,
            LastInstalledSmdpAddress = notificationAddress,
        };
        builder.Upsert(profile);
        builder.AddPackage(profile.Iccid, package);
        builder.AddNotification(new NotificationRecord(seq, NotificationEvents.Install, notificationAddress, profile.Iccid, result));
        Apply(builder.Build());
        return (profile, result);
    }

    /// <summary>
    /// Keeps the signed result of a failed install as a pending notification; nothing else changes. When the
    /// notification list is full the result is still numbered (the counter moves on) but not kept.
    /// </summary>
    internal byte[] RecordFailedInstall(string notificationAddress, Iccid? iccid, Func<long, byte[]> signResult)
    {
        var builder = new ChangeBuilder(this);
        var seq = builder.NextSeqNumber();
        var result = signResult(seq);
        if (PendingProfileNotifications < Limits.MaxPendingNotifications)
            builder.AddNotification(new NotificationRecord(seq, NotificationEvents.Install, notificationAddress, iccid, result));
        Apply(builder.Build());
        return result;
    }

    /// <summary>The unprotected profile package kept for a profile, if any.</summary>
    public byte[]? LoadPackage(Iccid iccid) => _store.LoadPackage(iccid);

    /// <summary>Commits a profile's new UICC state (file updates, PIN counters, SQN) before the response leaves.</summary>
    internal void SetUiccState(Iccid iccid, byte[] state)
    {
        var profile = Find(iccid) ?? throw new InvalidOperationException($"ICCID {iccid} is not on the card");
        Apply(new StateChange { UpsertProfiles = [profile with { UiccState = state }] });
    }

    private void Apply(StateChange change)
    {
        if (change.IsEmpty) return;
        if (_transaction is not null) _transaction.Add(change); // committed when the transaction ends
        else _store.Commit(change); // durable first: a throw here leaves memory untouched
        if (change.Settings is { } settings) _settings = settings;
        foreach (var iccid in change.DeleteProfiles) _profiles.RemoveAll(p => p.Iccid == iccid);
        foreach (var profile in change.UpsertProfiles)
        {
            var index = _profiles.FindIndex(p => p.Iccid == profile.Iccid);
            if (index >= 0) _profiles[index] = profile;
            else _profiles.Add(profile);
        }
        foreach (var seq in change.RemoveNotifications) _notifications.Remove(seq);
        foreach (var notification in change.AddNotifications) _notifications[notification.SeqNumber] = notification;
    }

    /// <summary>Collects one command's effects against the current state.</summary>
    private sealed class ChangeBuilder(CardEngine engine)
    {
        private readonly List<ProfileRecord> _upserts = [];
        private readonly List<Iccid> _deletes = [];
        private readonly List<KeyValuePair<Iccid, byte[]>> _packages = [];
        private readonly List<NotificationRecord> _notifications = [];
        private readonly CardSettings _original = engine._settings;

        public CardSettings Settings { get; set; } = engine._settings;

        public void Upsert(ProfileRecord profile)
        {
            _upserts.RemoveAll(p => p.Iccid == profile.Iccid);
            _upserts.Add(profile);
        }

        public void Delete(ProfileRecord profile) => _deletes.Add(profile.Iccid);

        public void AddPackage(Iccid iccid, byte[] package) => _packages.Add(new(iccid, package));

        public byte[] AllocateIsdpAid()
        {
            var number = Settings.LastIsdpNumber + 1;
            Settings = Settings with { LastIsdpNumber = number };
            return Aids.IsdP(number);
        }

        public long NextSeqNumber()
        {
            var seq = Settings.LastSeqNumber + 1;
            Settings = Settings with { LastSeqNumber = seq };
            return seq;
        }

        public void AddNotification(NotificationRecord notification) => _notifications.Add(notification);

        /// <summary>Set when a notification did not fit under <see cref="CardLimits.MaxPendingNotifications"/>.</summary>
        public bool NotificationsDropped { get; private set; }

        // SGP.22 §3.5: one notification per configured address whose events include this operation.
        public void Notify(ProfileRecord profile, NotificationEvents @event)
        {
            foreach (var config in profile.NotificationConfigs)
            {
                if (!config.Events.HasFlag(@event)) continue;
                if (engine.PendingProfileNotifications + _notifications.Count >= engine.Limits.MaxPendingNotifications)
                {
                    NotificationsDropped = true;
                    continue;
                }
                var seq = NextSeqNumber();
                var metadata = NotificationMetadataCodec.Encode(seq, @event, config.Address, profile.Iccid);
                _notifications.Add(new NotificationRecord(seq, @event, config.Address, profile.Iccid,
                    engine._signer.SignNotification(metadata)));
            }
        }

        public StateChange Build() => new()
        {
            Settings = ReferenceEquals(Settings, _original) ? null : Settings,
            UpsertProfiles = _upserts,
            DeleteProfiles = _deletes,
            AddPackages = _packages,
            AddNotifications = _notifications,
        };
    }
}
