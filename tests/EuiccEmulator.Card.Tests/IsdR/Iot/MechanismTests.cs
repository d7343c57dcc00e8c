using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Peers;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;


namespace EuiccEmulator.Card.Tests.IsdR.Iot;

/// <summary>Fallback, emergency profile, rollback and immediate enable (SGP.32 §5.9.15-23).</summary>
public class MechanismTests
{
    private static Iccid I(string digits) => Iccid.Parse(digits);

    private static IotCard WithProfiles()
    {
        var iot = new IotCard();
        iot.AddProfile(IotCard.A);
        iot.AddProfile(IotCard.B, fallbackAllowed: true);
        iot.AddProfile(IotCard.Emergency, ecall: true);
        return iot;
    }

    [Fact]
    public void Fallback_ExecuteAndReturn_SwitchesAndRemembersPreviousProfile()
    {
        using var iot = WithProfiles();
        // no attribute yet
        Assert.Equal(6, TestEim.ParseExecuteFallbackMechanismResponse(iot.Send(TestEim.BuildExecuteFallbackMechanismRequest(false))));
        Assert.True(iot.Package([Psmo.Enable(I(IotCard.A)), Psmo.SetFallbackAttribute(I(IotCard.B))]).AllOk);
        Assert.Equal(2, iot.Package([Psmo.SetFallbackAttribute(I(IotCard.A))]).Results[0].Code); // fallbackNotAllowed

        Assert.Equal(0, TestEim.ParseExecuteFallbackMechanismResponse(iot.Send(TestEim.BuildExecuteFallbackMechanismRequest(false))));
        Assert.Equal((ProfileState.Disabled, ProfileState.Enabled), (iot.State(IotCard.A), iot.State(IotCard.B)));
        Assert.Equal(IotCard.A, iot.Engine.Settings.FallbackPreviousIccid);
        // already on it
        Assert.Equal(2, TestEim.ParseExecuteFallbackMechanismResponse(iot.Send(TestEim.BuildExecuteFallbackMechanismRequest(false))));
        Assert.Equal(3, iot.Package([Psmo.UnsetFallbackAttribute()]).Results[0].Code); // holder is enabled

        Assert.Equal(0, TestEim.ParseReturnFromFallbackResponse(iot.Send(TestEim.BuildReturnFromFallbackRequest(false))));
        Assert.Equal((ProfileState.Enabled, ProfileState.Disabled), (iot.State(IotCard.A), iot.State(IotCard.B)));
        Assert.Equal(6, TestEim.ParseReturnFromFallbackResponse(iot.Send(TestEim.BuildReturnFromFallbackRequest(false))));
        Assert.Equal(0, iot.Package([Psmo.UnsetFallbackAttribute()]).Results[0].Code);
        Assert.Equal(2, iot.Package([Psmo.UnsetFallbackAttribute()]).Results[0].Code); // noFallbackAttribute
    }

    [Fact]
    public void Emergency_PreemptsPackagesFallbackAndMemoryReset_ThenRestoresPreviousProfile()
    {
        using var iot = WithProfiles();
        Assert.True(iot.Package([Psmo.Enable(I(IotCard.A)), Psmo.SetFallbackAttribute(I(IotCard.B))]).AllOk);
        Assert.Equal(0, TestEim.ParseEnableEmergencyProfileResponse(iot.Send(TestEim.BuildEnableEmergencyProfileRequest(false))));
        Assert.Equal(ProfileState.Enabled, iot.State(IotCard.Emergency));
        Assert.Equal(ProfileState.Disabled, iot.State(IotCard.A));

        var package = iot.Package([Psmo.GetRat()]);
        Assert.Equal((EuiccPackageResultKind.SignedError, 104), (package.Kind, package.ErrorCode!.Value));
        Assert.Equal(104, TestEim.ParseExecuteFallbackMechanismResponse(iot.Send(TestEim.BuildExecuteFallbackMechanismRequest(false))));
        Assert.Equal(104, TestEim.ParseEuiccMemoryResetResponse(
            iot.Send(TestEim.BuildEuiccMemoryResetRequest(IotMemoryResetOptions.DeleteOperationalProfiles))).ResetResult);
        Assert.Equal(2, TestEim.ParseEnableEmergencyProfileResponse(iot.Send(TestEim.BuildEnableEmergencyProfileRequest(false))));
        Assert.Equal(3, iot.Engine.Profiles.Count);

        Assert.Equal(0, TestEim.ParseDisableEmergencyProfileResponse(iot.Send(TestEim.BuildDisableEmergencyProfileRequest(false))));
        Assert.Equal((ProfileState.Enabled, ProfileState.Disabled), (iot.State(IotCard.A), iot.State(IotCard.Emergency)));
        Assert.Equal(2, TestEim.ParseDisableEmergencyProfileResponse(iot.Send(TestEim.BuildDisableEmergencyProfileRequest(false))));
        Assert.Equal(EuiccPackageResultKind.Signed, iot.Package([Psmo.GetRat()]).Kind);
    }

    [Fact]
    public void EnablePackage_OnEmergencyProfile_DisallowedByPolicy()
    {
        using var iot = WithProfiles();
        Assert.Equal(3, iot.Package([Psmo.Enable(I(IotCard.Emergency))]).Results[0].Code);
        Assert.Equal(ProfileState.Disabled, iot.State(IotCard.Emergency));
    }

    [Fact]
    public void EnableEmergency_WithoutEcallProfile_EcallNotAvailable()
    {
        using var iot = new IotCard();
        iot.AddProfile(IotCard.A);
        Assert.Equal(8, TestEim.ParseEnableEmergencyProfileResponse(iot.Send(TestEim.BuildEnableEmergencyProfileRequest(false))));
    }

    [Fact]
    public void Rollback_AfterEnableWithRollbackFlag_ReturnsStoredResultOnce()
    {
        using var iot = WithProfiles();
        Assert.Equal(1, TestEim.ParseProfileRollbackResponse(iot.Send(TestEim.BuildProfileRollbackRequest(false))).CmdResult);
        // Rollback needs a profile to return to.
        Assert.Equal(20, iot.Package([Psmo.Enable(I(IotCard.A), rollbackFlag: true)]).Results[0].Code);
        Assert.True(iot.Package([Psmo.Enable(I(IotCard.A))]).AllOk);
        var granted = iot.Package([Psmo.Enable(I(IotCard.B), rollbackFlag: true)]);
        Assert.True(granted.AllOk);

        var rollback = TestEim.ParseProfileRollbackResponse(iot.Send(TestEim.BuildProfileRollbackRequest(false)));
        Assert.Equal(0, rollback.CmdResult);
        Assert.Equal(granted.Raw, rollback.EuiccPackageResult);
        Assert.Equal((ProfileState.Enabled, ProfileState.Disabled), (iot.State(IotCard.A), iot.State(IotCard.B)));
        Assert.Equal(1, TestEim.ParseProfileRollbackResponse(iot.Send(TestEim.BuildProfileRollbackRequest(false))).CmdResult);
    }

    [Fact]
    public void ImmediateEnable_AfterDownloadFromConfiguredSmdp_EnablesIt()
    {
        using var iot = new IotCard(associate: false);
        Assert.Equal(4, TestEim.ParseImmediateEnableResponse(iot.Send(TestEim.BuildImmediateEnableRequest(false)))); // nothing installed
        Assert.Equal(0, TestEim.ParseConfigureImmediateProfileEnablingResponse(
            iot.Send(TestEim.BuildConfigureImmediateProfileEnablingRequest(true, "2.999.10", TestSmdpOptions.DefaultAddress))));
        Assert.True(Downloads.Run(iot.Card).Success);
        Assert.Equal(0, TestEim.ParseImmediateEnableResponse(iot.Send(TestEim.BuildImmediateEnableRequest(false))));
        Assert.Equal(ProfileState.Enabled, iot.State(Downloads.Iccid));
        Assert.Equal(4, TestEim.ParseImmediateEnableResponse(iot.Send(TestEim.BuildImmediateEnableRequest(false))));
    }

    [Fact]
    public void ImmediateEnable_OtherSmdp_NotAvailable_AndConfigRefusedOnceEimAssociated()
    {
        using var iot = new IotCard(associate: false);
        iot.Send(TestEim.BuildConfigureImmediateProfileEnablingRequest(true, "2.999.99"));
        Assert.True(Downloads.Run(iot.Card).Success);
        Assert.Equal(1, TestEim.ParseImmediateEnableResponse(iot.Send(TestEim.BuildImmediateEnableRequest(false))));
        iot.Send(TestEim.BuildAddInitialEimRequest(iot.Eim.ConfigurationData));
        Assert.Equal(2,
            TestEim.ParseConfigureImmediateProfileEnablingResponse(iot.Send(TestEim.BuildConfigureImmediateProfileEnablingRequest(true))));
    }

    [Fact]
    public void MemoryResetIot_EimAndImmediateEnableOptions_Reported()
    {
        using var iot = WithProfiles();
        iot.Package([Psmo.ConfigureImmediateEnable(true)]);
        var reset = TestEim.ParseEuiccMemoryResetResponse(iot.Send(TestEim.BuildEuiccMemoryResetRequest(
            IotMemoryResetOptions.DeleteOperationalProfiles | IotMemoryResetOptions.ResetEimConfigData
                | IotMemoryResetOptions.ResetImmediateEnableConfig)));
        Assert.Equal(new IotMemoryResetResponse(0, 0, 0), reset);
        Assert.Empty(iot.Engine.Profiles);
        Assert.Empty(iot.Engine.Settings.Eims);
        Assert.Null(iot.Engine.Settings.ImmediateEnable);
        var again = TestEim.ParseEuiccMemoryResetResponse(iot.Send(TestEim.BuildEuiccMemoryResetRequest(
            IotMemoryResetOptions.DeleteOperationalProfiles | IotMemoryResetOptions.ResetEimConfigData)));
        Assert.Equal(new IotMemoryResetResponse(1, 1, null), again);
    }

    [Fact]
    public void ConnectivityParametersAndIotDefaultDpAddress()
    {
        using var plain = new IotCard();
        Assert.Equal(1, TestEim.ParseGetConnectivityParametersResponse(plain.Send(TestEim.BuildGetConnectivityParametersRequest())).Error);
        using var configured = new IotCard(new CardOptions { ConnectivityHttpParams = [0x01, 0x02] });
        Assert.Equal([0x01, 0x02],
            TestEim.ParseGetConnectivityParametersResponse(configured.Send(TestEim.BuildGetConnectivityParametersRequest())).HttpParams);
        Assert.Equal(0, TestEim.ParseSetDefaultDpAddressResponse(configured.Send(TestEim.BuildSetDefaultDpAddressRequest("dp.example"))));
        Assert.Equal("dp.example", configured.Engine.Settings.DefaultDpAddress);
    }

    [Fact]
    public void LockOption_AfterPackageSwitch_Es10bGets6985UntilReset()
    {
        using var iot = new IotCard(new CardOptions { LockEs10bAfterProfileSwitch = true });
        iot.AddProfile(IotCard.A);
        Assert.True(iot.Package([Psmo.Enable(I(IotCard.A))]).AllOk);
        Assert.Equal(0x6985, iot.Client.Send([0xBF, 0x2E, 0x00]).StatusWord);
        Assert.Equal(0x9000, iot.Client.Send([0xBF, 0x2D, 0x00]).StatusWord); // ES10c still answers
        iot.Card.Euicc.Card.Reset();
        var client = new Es10Client(iot.Card.Euicc.Card);
        client.Open();
        Assert.Equal(0x9000, client.Send([0xBF, 0x2E, 0x00]).StatusWord);
    }

    [Fact]
    public void GetResponseClassOption_RefusesTheOtherClass()
    {
        using var card = new TestCard(options: new CardOptions { GetResponseClass = GetResponseClass.ProprietaryOnly }).SelectIsdR();
        Assert.Equal("6115", card.Transmit("80E2910006BF3E035C015A"));
        Assert.Equal("6E00", card.Transmit("00C0000015"));
        Assert.EndsWith("9000", card.Transmit("80C0000015"), StringComparison.Ordinal);
    }

    [Fact]
    public void EuiccInfo2AndFci_ShowIotFields()
    {
        using var iot = WithProfiles();
        Assert.Contains("900100B40B", Convert.ToHexString(iot.Send([0xBF, 0x22, 0x00])), StringComparison.Ordinal);
    }
}
