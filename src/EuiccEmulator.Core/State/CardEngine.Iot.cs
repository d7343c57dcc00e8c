using EuiccEmulator.Core.Values;

namespace EuiccEmulator.Core.State;

/// <summary>SGP.32 state: eIMs, package results, fallback, emergency, rollback and immediate enable.</summary>
public sealed partial class CardEngine
{
    public IEnumerable<NotificationRecord> ProfileNotifications => _notifications.Values.Where(n => !n.IsPackageResult);

    public IEnumerable<NotificationRecord> PackageResults => _notifications.Values.Where(n => n.IsPackageResult);

    public EimRecord? FindEim(string eimId) => _settings.Eims.FirstOrDefault(e => e.EimId == eimId);

    public ProfileRecord? EmergencyProfile => _profiles.Find(p => p.EcallIndication);

    /// <summary>The emergency profile is in use: it preempts packages, fallback and memory reset.</summary>
    // SGP.32 §3.6 (docs/preemption.md#priority)
    public bool EmergencyInUse => _settings.EmergencyActive || EmergencyProfile is { State: ProfileState.Enabled };

    public ProfileRecord? FallbackProfile => _profiles.Find(p => p.FallbackAttribute);

    public ProfileRecord? FindByDigits(string? iccid) => iccid is null ? null : _profiles.Find(p => p.Iccid.Digits == iccid);

    /// <summary>Commits a change of card-wide settings.</summary>
    public void UpdateSettings(Func<CardSettings, CardSettings> update)
    {
        var builder = new ChangeBuilder(this);
        builder.Settings = update(builder.Settings);
        Apply(builder.Build());
    }

    /// <summary>Updates one profile's stored record (its state is not changed here).</summary>
    public void UpdateProfile(ProfileRecord profile)
    {
        var builder = new ChangeBuilder(this);
        builder.Upsert(profile);
        Apply(builder.Build());
    }

    /// <summary>Keeps a signed eUICC Package Result, numbered like notifications, until the eIM acknowledges it.</summary>
    // SGP.32 §2.11.2.1: seqNumber is part of the signed result, so the signer needs it first.
    public byte[] AddPackageResult(Func<long, byte[]> signResult)
    {
        var builder = new ChangeBuilder(this);
        var seq = builder.NextSeqNumber();
        var result = signResult(seq);
        builder.AddNotification(new NotificationRecord(seq, NotificationEvents.None, "", null, result) { IsPackageResult = true });
        Apply(builder.Build());
        return result;
    }

    /// <summary>
    /// Switches profiles for the SGP.32 mechanisms (fallback, emergency, rollback), which act regardless of PPR1:
    /// disables one profile and enables another, with notifications as the profiles' configuration asks.
    /// The switch is never blocked by a full notification list: notifications that do not fit are not generated.
    /// </summary>
    public void ForceSwitch(ProfileRecord? disable, ProfileRecord? enable, bool notify)
    {
        var builder = new ChangeBuilder(this);
        if (disable is not null && disable.State == ProfileState.Enabled)
        {
            var disabled = disable with { State = ProfileState.Disabled };
            builder.Upsert(disabled);
            if (notify) builder.Notify(disabled, NotificationEvents.Disable);
        }
        if (enable is not null && enable.State != ProfileState.Enabled)
        {
            var enabled = enable with { State = ProfileState.Enabled };
            builder.Upsert(enabled);
            if (notify) builder.Notify(enabled, NotificationEvents.Enable);
        }
        Apply(builder.Build());
    }

    /// <summary>Deletes profiles for an SGP.32 memory reset; no notifications.</summary>
    public bool DeleteForReset(Func<ProfileRecord, bool> which, out bool enabledDeleted)
    {
        enabledDeleted = false;
        var builder = new ChangeBuilder(this);
        var any = false;
        foreach (var profile in _profiles.Where(which).ToList())
        {
            builder.Delete(profile);
            enabledDeleted |= profile.State == ProfileState.Enabled;
            any = true;
        }
        Apply(builder.Build());
        return any;
    }

}
