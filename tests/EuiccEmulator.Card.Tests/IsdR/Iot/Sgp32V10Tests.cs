using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Rsp;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Tests.IsdR.Iot;

/// <summary>The SGP.32 v1.0 card mode: every wire difference from v1.2, as hex vectors (README "SGP.32 v1.0 and v1.2").</summary>
public class Sgp32V10Tests
{
    private static readonly CardOptions V10 = new() { Sgp32Version = Sgp32Version.V1_0 };

    private static IotCard V10Card(bool associate = true, TestEimOptions? eim = null) =>
        new(V10, eimOptions: (eim ?? new TestEimOptions()) with { SignAssociationToken = false }, associate: associate);

    [Fact]
    public void A_card_is_served_only_as_the_version_it_was_created_as()
    {
        var e = Assert.Throws<CardVersionMismatchException>(() =>
            new VirtualEuicc(new InMemoryCardStore(), TestIdentity.Identity, new CardOptions { Sgp32Version = Sgp32Version.V1_0 }));
        Assert.Equal(Sgp32Version.V1_2, e.Created);
        Assert.Contains("v1.2", e.Message, StringComparison.Ordinal);
    }

    // SGP.32 v1.0 §5.9.5: BF34 { 82 resetOptions } -> BF34 { 02 resetResult, 81 resetEimResult?, 82 autoEnable? }
    [Theory]
    [InlineData("BF340482020410", "BF3406020101810100")] // resetEimConfigData (bit 3): eIM removed, no profile: 1 / 0
    [InlineData("BF340482020308", "BF3406020101820100")] // resetAutoEnableConfig (bit 4), the open v1.0 IPAd's 3 unused bits
    [InlineData("BF340482020780", "BF3403020101")] // deleteOperationalProfiles, none installed: nothingToDelete
    public void MemoryReset_is_the_v10_form_under_BF34(string request, string expected)
    {
        using var iot = V10Card();
        iot.Card.SelectIsdR();
        var (data, sw) = iot.Card.Es10(request);
        Assert.Equal("9000", sw);
        Assert.Equal(expected, data);
        if (request == "BF340482020410") Assert.Empty(iot.Engine.Settings.Eims);
    }

    [Theory]
    [InlineData("BF6404820201E0")] // IoT memory reset of v1.2
    [InlineData("BF5D03800100")] // ExecuteFallbackMechanism
    [InlineData("BF5B03800100")] // EnableEmergencyProfile
    [InlineData("BF5F00")] // GetConnectivityParameters
    [InlineData("BF6505800361622E")] // SetDefaultDpAddress (IoT)
    public void Functions_v10_lacks_are_unknown_functions(string request)
    {
        using var iot = V10Card(associate: false);
        iot.Card.SelectIsdR();
        Assert.Equal("6A80", iot.Card.Es10(request).Sw);
    }

    // SGP.32 v1.0 §5.9.15 EnableUsingDD: BF5A {} -> BF5A { 80 enableUsingDDResult }
    [Fact]
    public void EnableUsingDD_without_a_download_is_noSessionContext()
    {
        using var iot = V10Card(associate: false);
        iot.Card.SelectIsdR();
        Assert.Equal(("BF5A03800104", "9000"), iot.Card.Es10("BF5A00"));
    }

    [Fact]
    public void EuiccInfo2_reports_iotVersion_1_0_0_without_the_v12_mechanisms()
    {
        using var iot = V10Card(associate: false);
        iot.Card.SelectIsdR();
        var (data, _) = iot.Card.Es10("BF2200");
        Assert.EndsWith("900100B407A0050403010000", data, StringComparison.Ordinal);
    }

    [Fact]
    public void A_package_is_signed_over_EuiccPackageSigned_alone()
    {
        using var iot = V10Card();
        iot.Card.SelectIsdR();
        iot.AddProfile(IotCard.A);
        var result = iot.Package([Psmo.Enable(Iccid.Parse(IotCard.A))]);
        Assert.Equal(EuiccPackageResultKind.Signed, result.Kind);
        Assert.Equal(ProfileState.Enabled, iot.State(IotCard.A));
    }

    [Fact]
    public void A_package_signed_with_the_v12_input_is_refused_unsigned_without_transactionId()
    {
        using var iot = new IotCard(V10, eimOptions: new TestEimOptions { SignAssociationToken = true });
        iot.Card.SelectIsdR();
        var request = iot.Eim.BuildEuiccPackage([Psmo.GetRat()]);
        var response = Convert.ToHexString(iot.Send(request.Encoded));
        // BF51 A2 { 80 eimId, 84 associationToken }: v1.0 EuiccPackageErrorUnsigned has no transactionId.
        Assert.Equal("BF5116A214800F65696D2E6578616D706C652E636F6D840101", response);
    }

    [Fact]
    public void Fallback_PSMOs_are_unknown_commands_in_v10()
    {
        using var iot = V10Card();
        iot.Card.SelectIsdR();
        var result = iot.Package([Psmo.UnsetFallbackAttribute()]);
        var only = Assert.Single(result.Results);
        Assert.Equal("020102", Convert.ToHexString(only.Raw.Span)); // processingTerminated unknownOrDamagedCommand
    }

    [Fact]
    public void ListEim_carries_eimIdType_with_tag_84()
    {
        using var iot = V10Card(eim: new TestEimOptions { EimIdType = EimIdType.Fqdn });
        iot.Card.SelectIsdR();
        var result = iot.Package([Eco.ListEim()]);
        var only = Assert.Single(result.Results);
        Assert.Equal("AB18A0163014800F65696D2E6578616D706C652E636F6D840102", Convert.ToHexString(only.Raw.Span));
    }
}
