using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.State.Tests;

/// <summary>The SGP.32 operations of the state engine: fallback, emergency, rollback and the switch rule.</summary>
public class CardEngineIotTests
{
    private static readonly Iccid A = Iccid.Parse("89000123456789012341");
    private static readonly Iccid B = Iccid.Parse("89000123456789012358");
    private static readonly Iccid Fallback = Iccid.Parse("89000123456789012366");
    private static readonly Iccid Ecall = Iccid.Parse("89000123456789012374");

    private sealed class EchoSigner : INotificationSigner
    {
        public byte[] SignNotification(byte[] notificationMetadataTlv) => notificationMetadataTlv;
    }

    private static CardEngine Engine()
    {
        var engine = new CardEngine(new InMemoryCardStore(), new EchoSigner());
        engine.AddPreLoadedProfile(new ProfileRecord { Iccid = A, IsdpAid = [] }, [0]);
        engine.AddPreLoadedProfile(new ProfileRecord { Iccid = B, IsdpAid = [] }, [0]);
        engine.AddPreLoadedProfile(new ProfileRecord { Iccid = Fallback, IsdpAid = [], FallbackAttribute = true }, [0]);
        engine.AddPreLoadedProfile(new ProfileRecord { Iccid = Ecall, IsdpAid = [], EcallIndication = true }, [0]);
        Assert.Equal(EnableResult.Ok, engine.Enable(ProfileSelector.ByIccid(A)));
        return engine;
    }

    private static void GrantRollbackTo(CardEngine engine, Iccid iccid) =>
        engine.UpdateSettings(s => s with { RollbackIccid = iccid.Digits, RollbackResult = [0xBF, 0x51, 0x00] });

    [Fact]
    public void Fallback_and_return_switch_both_ways_and_end_a_rollback_grant()
    {
        var engine = Engine();
        GrantRollbackTo(engine, B);
        Assert.Equal(ExecuteFallbackMechanismResult.Ok, engine.ExecuteFallbackMechanism(catBusy: false));
        Assert.Equal(Fallback, engine.EnabledProfile!.Iccid);
        Assert.Equal(A.Digits, engine.Settings.FallbackPreviousIccid);
        Assert.Null(engine.Settings.RollbackResult);

        Assert.Equal(ReturnFromFallbackResult.Ok, engine.ReturnFromFallback(catBusy: false));
        Assert.Equal(A, engine.EnabledProfile!.Iccid);
        Assert.Null(engine.Settings.FallbackPreviousIccid);
        Assert.Equal(ReturnFromFallbackResult.FallbackNotAvailable, engine.ReturnFromFallback(catBusy: false));
    }

    [Fact]
    public void A_package_switch_ends_the_fallback_in_use()
    {
        var engine = Engine();
        engine.ExecuteFallbackMechanism(catBusy: false);
        Assert.Equal(EnableResult.Ok, engine.EnableByPackage(ProfileSelector.ByIccid(B)));
        Assert.Null(engine.Settings.FallbackPreviousIccid);
        Assert.Equal(ReturnFromFallbackResult.FallbackNotAvailable, engine.ReturnFromFallback(catBusy: false));
    }

    [Fact]
    public void The_emergency_profile_ends_a_rollback_grant_but_not_the_fallback_in_use()
    {
        var engine = Engine();
        engine.ExecuteFallbackMechanism(catBusy: false);
        GrantRollbackTo(engine, A);
        Assert.Equal(EnableEmergencyProfileResult.Ok, engine.EnableEmergencyProfile(catBusy: false));
        Assert.True(engine.EmergencyInUse);
        Assert.Null(engine.Settings.RollbackIccid);
        Assert.Equal(A.Digits, engine.Settings.FallbackPreviousIccid);
        Assert.Equal(ExecuteFallbackMechanismResult.EcallActive, engine.ExecuteFallbackMechanism(catBusy: false));

        Assert.Equal(DisableEmergencyProfileResult.Ok, engine.DisableEmergencyProfile(catBusy: false, notify: false));
        Assert.Equal(Fallback, engine.EnabledProfile!.Iccid);
        Assert.False(engine.EmergencyInUse);
    }

    [Fact]
    public void Rollback_returns_to_the_granted_profile_once_with_the_stored_result()
    {
        var engine = Engine();
        Assert.Equal(EnableResult.Ok, engine.EnableByPackage(ProfileSelector.ByIccid(B)));
        GrantRollbackTo(engine, A);
        Assert.Equal(ProfileRollbackResult.Ok, engine.ProfileRollback(catBusy: false, out var result));
        Assert.Equal([0xBF, 0x51, 0x00], result);
        Assert.Equal(A, engine.EnabledProfile!.Iccid);
        Assert.Equal(ProfileRollbackResult.RollbackNotAllowed, engine.ProfileRollback(catBusy: false, out result));
        Assert.Null(result);
    }

    [Fact]
    public void A_busy_CAT_changes_nothing()
    {
        var engine = Engine();
        GrantRollbackTo(engine, B);
        var before = engine.Settings;
        Assert.Equal(ExecuteFallbackMechanismResult.CatBusy, engine.ExecuteFallbackMechanism(catBusy: true));
        Assert.Equal(EnableEmergencyProfileResult.CatBusy, engine.EnableEmergencyProfile(catBusy: true));
        Assert.Equal(ProfileRollbackResult.CatBusy, engine.ProfileRollback(catBusy: true, out _));
        Assert.Equal(IotMemoryResetResult.CatBusy,
            engine.IotMemoryReset(IotMemoryResetOptions.DeleteOperationalProfiles, catBusy: true).Result);
        Assert.Same(before, engine.Settings);
        Assert.Equal(A, engine.EnabledProfile!.Iccid);
        Assert.Equal(4, engine.Profiles.Count);
    }

    [Fact]
    public void Deleting_the_enabled_profile_in_an_IoT_reset_ends_the_fallback_and_rollback_state()
    {
        var engine = Engine();
        engine.ExecuteFallbackMechanism(catBusy: false);
        GrantRollbackTo(engine, A);
        var reset = engine.IotMemoryReset(IotMemoryResetOptions.DeleteOperationalProfiles, catBusy: false);
        Assert.Equal(IotMemoryResetResult.Ok, reset.Result);
        Assert.True(reset.EnabledProfileDeleted);
        Assert.Null(engine.Settings.FallbackPreviousIccid);
        Assert.Null(engine.Settings.RollbackIccid);
    }
}
