using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Messages;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Tests.IsdR.Iot;

public class EuiccPackageTests
{
    private static Iccid I(string digits) => Iccid.Parse(digits);

    [Fact]
    public void EnablePackage_SignedResultVerifies_SwitchesAndKeepsResultUntilAcknowledged()
    {
        using var iot = new IotCard();
        iot.AddProfile(IotCard.A);
        var result = iot.Package([Psmo.Enable(I(IotCard.A))]);
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.True(result.SignatureValid);
        Assert.Equal(EuiccPackageResultKind.Signed, result.Kind);
        Assert.Equal(EuiccResultKind.Enable, Assert.Single(result.Results).Kind);
        Assert.Equal(0, result.Results[0].Code);
        Assert.Equal(ProfileState.Enabled, iot.State(IotCard.A));
        Assert.Equal(1, iot.Engine.Settings.Eims[0].Counter);

        // RetrieveNotificationsList with criterion 82 lists it; RemoveNotificationFromList drops it.
        var listed = Convert.ToHexString(iot.Send(Convert.FromHexString("BF2B04A0028200")));
        Assert.Contains(Convert.ToHexString(result.Raw), listed, StringComparison.Ordinal);
        Assert.Equal("BF3003800100", Convert.ToHexString(iot.Send(Convert.FromHexString($"BF300380010{result.SeqNumber:X}"))));
        Assert.Equal("BF2B02A200", Convert.ToHexString(iot.Send(Convert.FromHexString("BF2B04A0028200"))));
    }

    [Fact]
    public void Package_WithAlternativeSigningInput_VerifiesWithThatInput()
    {
        using var iot = new IotCard(new CardOptions { EprSignatureInput = EuiccEmulator.Rsp.Messages.EprSignatureInput.AssociationToken });
        iot.AddProfile(IotCard.A);
        var request = iot.Eim.BuildEuiccPackage([Psmo.Disable(I(IotCard.A))]);
        var response = iot.Send(request.Encoded);
        Assert.True(
            iot.Eim.VerifyEuiccPackageResult(response, request, EuiccEmulator.Rsp.Messages.EprSignatureInput.AssociationToken)
                .SignatureValid);
        Assert.False(
            iot.Eim.VerifyEuiccPackageResult(response, request, EuiccEmulator.Rsp.Messages.EprSignatureInput.EimSignature).SignatureValid);
    }

    public static TheoryData<string, EimFaults, EuiccPackageResultKind, int?> Faults() => new()
    {
        { "wrong key", new EimFaults { WrongSigningKey = true }, EuiccPackageResultKind.UnsignedError, null },
        { "corrupt signature", new EimFaults { CorruptSignature = true }, EuiccPackageResultKind.UnsignedError, null },
        { "wrong association token", new EimFaults { WrongAssociationToken = true }, EuiccPackageResultKind.UnsignedError, null },
        { "wrong EID", new EimFaults { WrongEid = true }, EuiccPackageResultKind.SignedError, 3 },
        { "replayed counter", new EimFaults { ReplayCounter = true }, EuiccPackageResultKind.SignedError, 4 },
        { "counter too high", new EimFaults { CounterTooHigh = true }, EuiccPackageResultKind.SignedError, 6 },
        { "oversize", new EimFaults { Oversize = OversizeKind.ManyOperations, OversizeBytes = 16 * 1024 + 1 },
            EuiccPackageResultKind.SignedError, 15 },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void Package_WithFault_RefusedWithoutAnyChange(string name, EimFaults faults, EuiccPackageResultKind kind, int? code)
    {
        using var iot = new IotCard();
        iot.AddProfile(IotCard.A);
        iot.Package([Psmo.GetRat()]); // counter 1 accepted, so a replay has something to repeat
        string Snapshot() =>
            $"{iot.Engine.Settings.Eims[0].Counter}|{string.Join(",", iot.Engine.Profiles.Select(p => $"{p.Iccid}:{p.State}"))}|"
                + $"{iot.Engine.Notifications.Count()}";
        var before = Snapshot();
        var result = iot.Package([Psmo.Enable(I(IotCard.A))], faults);
        Assert.Equal(kind, result.Kind);
        Assert.Equal(code, result.ErrorCode);
        if (kind == EuiccPackageResultKind.SignedError) Assert.True(result.SignatureValid, name);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Package_UnknownEim_UnsignedError()
    {
        using var iot = new IotCard();
        using var stranger = new TestEim(new TestEimOptions { EimId = "stranger.example", Eid = Eid.Parse(TestIdentity.Eid) });
        var request = stranger.BuildEuiccPackage([Psmo.GetRat()]);
        Assert.StartsWith("BF51", Convert.ToHexString(iot.Send(request.Encoded)), StringComparison.Ordinal);
        Assert.Equal(EuiccPackageResultKind.UnsignedError,
            TestEim.ParseEuiccPackageResult(iot.Send(stranger.BuildEuiccPackage([Psmo.GetRat()]).Encoded)).Kind);
    }

    [Fact]
    public void Package_StopsAtFirstFailure_OneSwitchPerPackage()
    {
        using var iot = new IotCard();
        iot.AddProfile(IotCard.A);
        iot.AddProfile(IotCard.B);
        var result = iot.Package([Psmo.Enable(I(IotCard.A)), Psmo.Enable(I(IotCard.B)), Psmo.GetRat()]);
        Assert.Equal([0, 127], result.Results.Select(r => r.Code!.Value));
        Assert.Equal(ProfileState.Enabled, iot.State(IotCard.A));
        Assert.Equal(ProfileState.Disabled, iot.State(IotCard.B));

        var failing = iot.Package([Psmo.Delete(I("89000123456789012374")), Psmo.GetRat()]);
        Assert.Equal(1, Assert.Single(failing.Results).Code); // iccidOrAidNotFound, GetRat never ran
        Assert.True(failing.IsValid, string.Join("; ", failing.Problems));
    }

    [Fact]
    public void ListProfileInfoGetRatSetDefaultDpAddressAndImmediateEnableConfig_Work()
    {
        using var iot = new IotCard();
        iot.AddProfile(IotCard.A);
        var result = iot.Package([
            Psmo.ListProfileInfo(tagList: [0x5A]),
            Psmo.GetRat(),
            Psmo.SetDefaultDpAddress("smdp.example"),
            Psmo.ConfigureImmediateEnable(true, "2.999.10", "testsmdpplus1.example.com"),
        ]);
        Assert.True(result.AllOk, string.Join(",", result.Results));
        Assert.Single(result.Results[0].ProfileInfos!);
        Assert.Single(result.Results[1].Rules!);
        Assert.Equal("smdp.example", iot.Engine.Settings.DefaultDpAddress);
        Assert.Equal(new ImmediateEnableConfig(true, "2.999.10", "testsmdpplus1.example.com"), iot.Engine.Settings.ImmediateEnable);
    }

    [Fact]
    public void Ecos_AddListUpdateDeleteEim()
    {
        using var iot = new IotCard();
        using var second = new TestEim(new TestEimOptions { EimId = "second.example", Eid = Eid.Parse(TestIdentity.Eid) });
        var added =
            iot.Package([Eco.AddEim(second.ConfigurationData with { AssociationToken = EimConfigurationData.AssignAssociationToken })]);
        Assert.Equal(2, added.Results[0].AssociationToken);
        var listed = iot.Package([Eco.ListEim()]);
        Assert.Equal([TestEimOptions.DefaultEimId, "second.example"], listed.Results[0].EimIds!.Select(e => e.EimId));
        var updated = iot.Package([Eco.UpdateEim(second.ConfigurationData with { CounterValue = 100 })]);
        Assert.Equal(0, updated.Results[0].Code);
        Assert.Equal(100, iot.Engine.FindEim("second.example")!.Counter);
        Assert.Equal(2, iot.Package([Eco.AddEim(second.ConfigurationData)]).Results[0].Code); // already there
        Assert.Equal(0, iot.Package([Eco.DeleteEim("second.example")]).Results[0].Code);
        Assert.Equal(1, iot.Package([Eco.DeleteEim("second.example")]).Results[0].Code); // eimNotFound
        Assert.Equal(2, iot.Package([Eco.DeleteEim(TestEimOptions.DefaultEimId)]).Results[0].Code); // lastEimDeleted
        Assert.Empty(iot.Engine.Settings.Eims);
    }

    [Fact]
    public void Replay_AfterRestartOnDurableStore_IsRefused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"iot-{Guid.NewGuid():N}.db");
        try
        {
            EuiccPackageRequest request;
            byte[] eimConfiguration;
            using (var store = Storage.LiteDb.LiteDbCardStore.Open(path))
            using (var iot = new IotCard(store: store))
            {
                iot.AddProfile(IotCard.A);
                request = iot.Eim.BuildEuiccPackage([Psmo.Enable(I(IotCard.A))]);
                Assert.Equal(EuiccPackageResultKind.Signed, iot.Eim.VerifyEuiccPackageResult(iot.Send(request.Encoded), request).Kind);
                eimConfiguration = iot.Eim.BuildEimConfigurationData();
            }
            using (var store = Storage.LiteDb.LiteDbCardStore.Open(path))
            using (var iot = new IotCard(store: store, associate: false))
            {
                Assert.Equal(1, iot.Engine.Settings.Eims.Single().Counter);
                var replay = TestEim.ParseEuiccPackageResult(iot.Send(request.Encoded));
                Assert.Equal(4, replay.ErrorCode); // replayError
                Assert.Equal(ProfileState.Enabled, iot.State(IotCard.A));
                Assert.NotEmpty(eimConfiguration);
            }
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".lock");
        }
    }
}
