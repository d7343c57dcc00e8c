using EuiccEmulator.Card.Tests.Support;

namespace EuiccEmulator.Card.Tests.IsdR.Iot;

/// <summary>Hex vectors of the SGP.32 ES10b functions on a card with no eIM and no profiles.</summary>
public class IotVectorTests
{
    [Theory]
    [InlineData("BF5500", "BF5502A000")] // GetEimConfigurationData: no eIM
    [InlineData("BF5505A0038001" + "78", "BF5502A000")] // with a search criterion
    [InlineData("BF5603800101", "BF5603810101")] // GetCerts: unknown CI
    [InlineData("BF5D03800100", "BF5D03800106")] // ExecuteFallbackMechanism: fallbackNotAvailable
    [InlineData("BF5E038001FF", "BF5E03800106")] // ReturnFromFallback: fallbackNotAvailable
    [InlineData("BF5B03800100", "BF5B03800108")] // EnableEmergencyProfile: ecallNotAvailable
    [InlineData("BF5C03800100", "BF5C03800102")] // DisableEmergencyProfile: profileNotInEnabledState
    [InlineData("BF5803800100", "BF5803020101")] // ProfileRollback: rollbackNotAllowed
    [InlineData("BF5A03800100", "BF5A03800104")] // ImmediateEnable: nothing installed
    [InlineData("BF5902" + "8000", "BF5903800100")] // ConfigureImmediateProfileEnabling: flag set
    [InlineData("BF5F00", "BF5F03810101")] // GetConnectivityParameters: parametersNotAvailable
    [InlineData("BF650A8008736D64702E636F6D", "BF6503800100")] // SetDefaultDpAddress (IoT)
    [InlineData("BF640482020780", "BF6403800101")] // eUICCMemoryReset IoT: nothing to delete
    [InlineData("BF640482020106", "BF6409800101810101820100")] // eIM config and immediate-enable config reset
    [InlineData("BF2B04A0028200", "BF2B02A200")] // RetrieveNotificationsList: no package results
    public void Iot_Request_GivesExactResponse(string request, string expected)
    {
        using var card = new TestCard().SelectIsdR();
        var (data, sw) = card.Es10(request);
        Assert.Equal("9000", sw);
        Assert.Equal(expected, data);
    }

    [Theory]
    [InlineData("BF5700")] // AddInitialEim without its list
    [InlineData("BF5704A0023001")] // truncated
    [InlineData("BF5800")] // ProfileRollback without refreshFlag
    [InlineData("BF5D0381010F")] // refreshFlag with the wrong tag
    [InlineData("BF6400")] // eUICCMemoryReset without options
    [InlineData("BF51023000")] // LoadEuiccPackage without a signature
    [InlineData("BF51093003800100" + "5F370100")] // EuiccPackageSigned without eid and counter
    [InlineData("BF6503810100")] // address with the wrong tag
    [InlineData("BF5503A00100")] // criterion that is not an eimId
    public void Iot_MalformedRequest_Gives6A80AndChangesNothing(string request)
    {
        using var card = new TestCard().SelectIsdR();
        var before = card.Euicc.Engine.Settings;
        Assert.Equal("6A80", card.Es10(request).Sw);
        Assert.Same(before, card.Euicc.Engine.Settings);
        Assert.Empty(card.Errors);
    }
}
