using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Peers.Eim;

namespace EuiccEmulator.Card.Tests.IsdR.Iot;

public class EimAssociationTests
{
    [Fact]
    public void AddInitialEim_TokenMinusOne_CardAssignsTokenAndStoresWhatWasProvisioned()
    {
        using var iot = new IotCard();
        Assert.Equal(1, iot.Eim.AssociationToken);
        var eim = Assert.Single(iot.Engine.Settings.Eims);
        Assert.Equal(TestEimOptions.DefaultEimId, eim.EimId);
        // Neither eimIdType nor eimSupportedProtocol nor euiccCiPKId was given: none is stored or reported.
        Assert.Null(eim.IdType);
        Assert.Null(eim.Protocols);
        Assert.False(eim.CiSkiProvisioned);
        // Results are still signed with the card's first chain.
        Assert.Equal(TestIdentity.Identity.SigningChains[0].CiSubjectKeyId, eim.CiSki);
    }

    [Fact]
    public void AddInitialEim_Second_AssociatedEimAlreadyExists()
    {
        using var iot = new IotCard();
        using var other = new TestEim(new TestEimOptions { EimId = "other.example" });
        Assert.Equal("BF5703810102", Convert.ToHexString(iot.Send(TestEim.BuildAddInitialEimRequest(other.ConfigurationData))));
    }

    [Theory]
    [InlineData(8_388_608L, null, null, "BF5703810106")] // counter above the card's maximum
    [InlineData(0L, 5L, null, "BF5703810105")] // a token other than -1
    [InlineData(0L, null, "0102030405060708090A0B0C0D0E0F1011121314", "BF5703810103")] // unknown CI
    public void AddInitialEim_BadEntry_ErrorAndNothingStored(long counter, long? token, string? ciSki, string expected)
    {
        using var iot = new IotCard(associate: false);
        var config = iot.Eim.ConfigurationData with
        {
            CounterValue = counter,
            AssociationToken = token,
            EuiccCiPkId = ciSki is null ? null : Convert.FromHexString(ciSki),
        };
        Assert.Equal(expected, Convert.ToHexString(iot.Send(TestEim.BuildAddInitialEimRequest(config))));
        Assert.Empty(iot.Engine.Settings.Eims);
    }

    [Fact]
    public void GetEimConfigurationData_ReturnsStoredConfiguration()
    {
        using var iot = new IotCard();
        var all = TestEim.ParseGetEimConfigurationDataResponse(iot.Send(TestEim.BuildGetEimConfigurationDataRequest()));
        var config = Assert.Single(all);
        Assert.Equal(TestEimOptions.DefaultEimId, config.EimId);
        Assert.Equal(1, config.AssociationToken);
        Assert.Empty(TestEim.ParseGetEimConfigurationDataResponse(iot.Send(TestEim.BuildGetEimConfigurationDataRequest("nobody"))));
    }

    [Fact]
    public void GetCerts_ReturnsChainOfFirstCi_UnknownCiRefused()
    {
        using var iot = new IotCard();
        var certs = TestEim.ParseGetCertsResponse(iot.Send(TestEim.BuildGetCertsRequest(null)));
        Assert.Equal(TestIdentity.Identity.SigningChains[0].EuiccCertificate, certs.EuiccCertificate);
        Assert.Equal(TestIdentity.Identity.SigningChains[0].EumCertificate, certs.EumCertificate);
        Assert.Equal("BF5603810101", Convert.ToHexString(iot.Send(TestEim.BuildGetCertsRequest(new byte[20]))));
    }
}
