using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.State;

/// <summary>SGP.32 state: eIMs, package results, fallback, emergency, rollback and immediate enable.</summary>
public sealed partial class CardEngine
{
    /// <summary>Pending profile notifications (install, enable, disable, delete).</summary>
    public IEnumerable<NotificationRecord> ProfileNotifications => _notifications.Values.Where(n => !n.IsPackageResult);

    /// <summary>eUICC Package Results the eIM has not acknowledged yet.</summary>
    public IEnumerable<NotificationRecord> PackageResults => _notifications.Values.Where(n => n.IsPackageResult);

    /// <summary>The associated eIM with this eimId, if any.</summary>
    public EimRecord? FindEim(string eimId) => _settings.Eims.FirstOrDefault(e => e.EimId == eimId);

    /// <summary>The emergency (eCall) profile, if one is installed.</summary>
    public ProfileRecord? EmergencyProfile => _profiles.Find(p => p.EcallIndication);

    /// <summary>The emergency profile is in use: it preempts packages, fallback and memory reset.</summary>
    // SGP.32 §3.6 (docs/preemption.md#priority)
    public bool EmergencyInUse => _settings.EmergencyActive || EmergencyProfile is { State: ProfileState.Enabled };

    /// <summary>The profile with the fallback attribute, if any.</summary>
    public ProfileRecord? FallbackProfile => _profiles.Find(p => p.FallbackAttribute);

    /// <summary>The profile with these ICCID digits, if installed; null digits find none.</summary>
    public ProfileRecord? FindByDigits(string? iccid) => iccid is null ? null : _profiles.Find(p => p.Iccid.Digits == iccid);

    /// <summary>Commits a change of card-wide settings.</summary>
    internal void UpdateSettings(Func<CardSettings, CardSettings> update)
    {
        var builder = new ChangeBuilder(this);
        builder.Settings = update(builder.Settings);
        Apply(builder.Build());
    }

    /// <summary>Updates one profile's stored record (its state is not changed here).</summary>
    internal void UpdateProfile(ProfileRecord profile)
    {
        var builder = new ChangeBuilder(this);
        builder.Upsert(profile);
        Apply(builder.Build());
    }

    /// <summary>Keeps a signed eUICC Package Result, numbered like notifications, until the eIM acknowledges it.</summary>
    // SGP.32 §2.11.2.1: seqNumber is part of the signed result, so the signer needs it first.
    internal byte[] AddPackageResult(Func<long, byte[]> signResult)
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
    internal void ForceSwitch(ProfileRecord? disable, ProfileRecord? enable, bool notify)
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
    internal bool DeleteForReset(Func<ProfileRecord, bool> which, out bool enabledDeleted)
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

    // SGP.32 §3.4.6 / §5.9.16: a profile switch ends the fallback in use and any rollback grant. This is the one
    // place that rule is written; every switch path below and in eUICC Packages goes through it.
    private static CardSettings AfterSwitch(CardSettings s) => EndRollback(s) with { FallbackPreviousIccid = null };

    // The emergency profile comes and goes without ending the fallback in use: only a rollback grant ends.
    private static CardSettings EndRollback(CardSettings s) => s with { RollbackIccid = null, RollbackResult = null };

    /// <summary>EnableProfile PSMO: an SGP.22 enable, then the SGP.32 switch rule.</summary>
    // SGP.32 §2.11.1.1.3 enable
    internal EnableResult EnableByPackage(ProfileSelector selector)
    {
        var result = Enable(selector);
        if (result == EnableResult.Ok) UpdateSettings(AfterSwitch);
        return result;
    }

    /// <summary>DisableProfile PSMO: an SGP.22 disable, then the SGP.32 switch rule.</summary>
    // SGP.32 §2.11.1.1.3 disable
    internal DisableResult DisableByPackage(ProfileSelector selector)
    {
        var result = Disable(selector);
        if (result == DisableResult.Ok) UpdateSettings(AfterSwitch);
        return result;
    }

    /// <summary>Switches from the enabled profile to the fallback profile, remembering the one to return to.</summary>
    // SGP.32 §5.9.20 ExecuteFallbackMechanism
    internal ExecuteFallbackMechanismResult ExecuteFallbackMechanism(bool catBusy)
    {
        if (EmergencyInUse) return ExecuteFallbackMechanismResult.EcallActive; // emergency preempts fallback
        if (FallbackProfile is not { } fallback) return ExecuteFallbackMechanismResult.FallbackNotAvailable;
        if (fallback.State != ProfileState.Disabled) return ExecuteFallbackMechanismResult.ProfileNotInDisabledState;
        if (EnabledProfile is not { } current) return ExecuteFallbackMechanismResult.CommandError; // nothing to fall back from
        if (catBusy) return ExecuteFallbackMechanismResult.CatBusy;
        Transaction(() =>
        {
            ForceSwitch(current, fallback, notify: true);
            UpdateSettings(s => AfterSwitch(s) with { FallbackPreviousIccid = current.Iccid.Digits });
            return 0;
        });
        return ExecuteFallbackMechanismResult.Ok;
    }

    /// <summary>Switches from the fallback profile back to the profile enabled before the fallback.</summary>
    // SGP.32 §5.9.21 ReturnFromFallback
    internal ReturnFromFallbackResult ReturnFromFallback(bool catBusy)
    {
        var fallback = FallbackProfile;
        var previous = FindByDigits(_settings.FallbackPreviousIccid);
        if (fallback is null || fallback.State != ProfileState.Enabled || previous is null)
            return ReturnFromFallbackResult.FallbackNotAvailable;
        if (catBusy) return ReturnFromFallbackResult.CatBusy;
        Transaction(() =>
        {
            ForceSwitch(fallback, previous, notify: true);
            UpdateSettings(AfterSwitch);
            return 0;
        });
        return ReturnFromFallbackResult.Ok;
    }

    /// <summary>One atomic step: disables the enabled profile and enables the emergency (ecall) profile.</summary>
    // SGP.32 §5.9.22 EnableEmergencyProfile; no notification on this side (§3.6).
    internal EnableEmergencyProfileResult EnableEmergencyProfile(bool catBusy)
    {
        if (EmergencyProfile is not { } emergency) return EnableEmergencyProfileResult.EcallNotAvailable;
        if (emergency.State != ProfileState.Disabled) return EnableEmergencyProfileResult.ProfileNotInDisabledState;
        if (catBusy) return EnableEmergencyProfileResult.CatBusy;
        var current = EnabledProfile;
        Transaction(() =>
        {
            ForceSwitch(current, emergency, notify: false);
            UpdateSettings(s => EndRollback(s) with { EmergencyActive = true, EmergencyPreviousIccid = current?.Iccid.Digits });
            return 0;
        });
        return EnableEmergencyProfileResult.Ok;
    }

    /// <summary>Disables the emergency profile and re-enables the profile enabled before it.</summary>
    // SGP.32 §5.9.23 DisableEmergencyProfile
    internal DisableEmergencyProfileResult DisableEmergencyProfile(bool catBusy, bool notify)
    {
        if (EmergencyProfile is not { State: ProfileState.Enabled } emergency)
            return DisableEmergencyProfileResult.ProfileNotInEnabledState;
        if (catBusy) return DisableEmergencyProfileResult.CatBusy;
        var previous = FindByDigits(_settings.EmergencyPreviousIccid);
        Transaction(() =>
        {
            ForceSwitch(emergency, previous, notify);
            UpdateSettings(s => EndRollback(s) with { EmergencyActive = false, EmergencyPreviousIccid = null });
            return 0;
        });
        return DisableEmergencyProfileResult.Ok;
    }

    /// <summary>Re-enables the profile a rollback grant names; gives the eUICC Package Result of the granting enable.</summary>
    // SGP.32 §5.9.16 ProfileRollback
    internal ProfileRollbackResult ProfileRollback(bool catBusy, out byte[]? packageResult)
    {
        packageResult = null;
        var current = EnabledProfile;
        var previous = FindByDigits(_settings.RollbackIccid);
        if (_settings.RollbackResult is null || previous is null || EmergencyInUse) return ProfileRollbackResult.RollbackNotAllowed;
        if (catBusy) return ProfileRollbackResult.CatBusy;
        packageResult = _settings.RollbackResult;
        Transaction(() =>
        {
            ForceSwitch(current, previous, notify: true);
            UpdateSettings(AfterSwitch);
            return 0;
        });
        return ProfileRollbackResult.Ok;
    }

    /// <summary>Enables the profile installed last when the immediate-enable configuration allows it.</summary>
    // SGP.32 v1.2 §5.9.15 ImmediateEnable; v1.0 §5.9.15 EnableUsingDD (same codes, 1 named autoEnableNotAvailable).
    internal ImmediateEnableResult ImmediateEnable(bool catBusy)
    {
        var settings = _settings;
        var installed = FindByDigits(settings.LastInstalledIccid);
        if (installed is null) return ImmediateEnableResult.NoSessionContext; // no profile was just installed
        if (settings.ImmediateEnable is not { Enabled: true } config || !InstalledByConfiguredServer(config, settings))
            return ImmediateEnableResult.ImmediateEnableNotAvailable;
        if (catBusy) return ImmediateEnableResult.CatBusy;
        var enable = Transaction(() =>
        {
            var r = Enable(ProfileSelector.ByIccid(installed.Iccid));
            if (r == EnableResult.Ok) UpdateSettings(s => AfterSwitch(s) with { LastInstalledIccid = null });
            return r;
        });
        return enable == EnableResult.Ok ? ImmediateEnableResult.Ok : ImmediateEnableResult.UndefinedError;
    }

    // The installing SM-DP+ must be the configured default one, where one is configured.
    private static bool InstalledByConfiguredServer(ImmediateEnableConfig config, CardSettings settings) =>
        (config.DefaultSmdpOid is null || config.DefaultSmdpOid == settings.LastInstalledSmdpOid)
        && (config.DefaultSmdpAddress is null
            || string.Equals(config.DefaultSmdpAddress, settings.LastInstalledSmdpAddress, StringComparison.OrdinalIgnoreCase));

    /// <summary>The IoT memory reset (v1.2 BF64, v1.0 BF34 with its own option bits mapped onto these).</summary>
    // SGP.32 v1.2 §5.9.5 (v1.0 §5.9.5 has the same effects for its options).
    internal IotMemoryResetOutcome IotMemoryReset(IotMemoryResetOptions options, bool catBusy)
    {
        if (EmergencyInUse) return new(IotMemoryResetResult.EcallActive, null, null, false); // nothing is reset
        if (catBusy) return new(IotMemoryResetResult.CatBusy, null, null, false);
        ResetEimResult? eimResult = null;
        ResetImmediateEnableConfigResult? iecResult = null;
        var enabledDeleted = false;
        var result = Transaction(() =>
        {
            var deleted = DeleteForReset(p => p.ProfileClass switch
            {
                ProfileClass.Operational => options.HasFlag(IotMemoryResetOptions.DeleteOperationalProfiles),
                ProfileClass.Test => p.IsPreLoaded
                    ? options.HasFlag(IotMemoryResetOptions.DeletePreLoadedTestProfiles)
                    : options.HasFlag(IotMemoryResetOptions.DeleteFieldLoadedTestProfiles),
                ProfileClass.Provisioning => options.HasFlag(IotMemoryResetOptions.DeleteProvisioningProfiles),
                _ => false,
            }, out enabledDeleted);
            var addressReset = options.HasFlag(IotMemoryResetOptions.ResetDefaultSmdpAddress) && _settings.DefaultDpAddress is not null;
            if (addressReset) UpdateSettings(s => s with { DefaultDpAddress = null });
            if (options.HasFlag(IotMemoryResetOptions.ResetEimConfigData))
            {
                eimResult = _settings.Eims.Count == 0 ? ResetEimResult.NothingToDelete : ResetEimResult.Ok;
                UpdateSettings(s => s with { Eims = [] });
            }
            if (options.HasFlag(IotMemoryResetOptions.ResetImmediateEnableConfig))
            {
                iecResult = ResetImmediateEnableConfigResult.Ok;
                UpdateSettings(s => s with { ImmediateEnable = null });
            }
            if (enabledDeleted) UpdateSettings(AfterSwitch);
            return deleted || addressReset ? IotMemoryResetResult.Ok : IotMemoryResetResult.NothingToDelete;
        });
        return new(result, eimResult, iecResult, enabledDeleted);
    }

    /// <summary>Gives the fallback attribute to one profile, taking it from the one holding it.</summary>
    // SGP.32 §3.4.6 setFallbackAttribute
    internal SetFallbackAttributeResult SetFallbackAttribute(Iccid iccid)
    {
        var target = Find(iccid);
        if (target is null) return SetFallbackAttributeResult.IccidOrAidNotFound;
        if (!target.FallbackAllowed) return SetFallbackAttributeResult.FallbackNotAllowed;
        if (FallbackProfile is { } holder && holder.Iccid != iccid && holder.State == ProfileState.Enabled)
            return SetFallbackAttributeResult.FallbackProfileEnabled;
        if (FallbackProfile is { } old && old.Iccid != iccid) UpdateProfile(old with { FallbackAttribute = false });
        UpdateProfile(target with { FallbackAttribute = true });
        return SetFallbackAttributeResult.Ok;
    }

    /// <summary>Takes the fallback attribute away, unless its profile is the enabled one.</summary>
    // SGP.32 §3.4.7 unsetFallbackAttribute
    internal UnsetFallbackAttributeResult UnsetFallbackAttribute()
    {
        if (FallbackProfile is not { } holder) return UnsetFallbackAttributeResult.NoFallbackAttribute;
        if (holder.State == ProfileState.Enabled) return UnsetFallbackAttributeResult.FallbackProfileEnabled;
        UpdateProfile(holder with { FallbackAttribute = false });
        return UnsetFallbackAttributeResult.Ok;
    }

    /// <summary>The local ConfigureImmediateProfileEnabling: only while no eIM is associated.</summary>
    // SGP.32 §5.9.17: once an eIM is associated, only it configures this (configureImmediateEnable PSMO).
    internal ConfigureImmediateProfileEnablingResult ConfigureImmediateProfileEnabling(ImmediateEnableConfig config)
    {
        if (_settings.Eims.Count > 0) return ConfigureImmediateProfileEnablingResult.AssociatedEimAlreadyExists;
        UpdateSettings(s => s with { ImmediateEnable = config });
        return ConfigureImmediateProfileEnablingResult.Ok;
    }

    /// <summary>The configureImmediateEnable PSMO of an associated eIM.</summary>
    // SGP.32 §2.11.1.1.3 configureImmediateEnable
    internal ConfigureImmediateEnableResult ConfigureImmediateEnable(ImmediateEnableConfig config)
    {
        UpdateSettings(s => s with { ImmediateEnable = config });
        return ConfigureImmediateEnableResult.Ok;
    }
}

/// <summary>What an IoT memory reset did: its three results and whether the enabled profile went (REFRESH).</summary>
internal sealed record IotMemoryResetOutcome(
    IotMemoryResetResult Result, ResetEimResult? Eim, ResetImmediateEnableConfigResult? EnableConfig, bool EnabledProfileDeleted);
