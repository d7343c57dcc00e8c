using EuiccEmulator.Card.Tests.Support;

namespace EuiccEmulator.Card.Tests.IsdR.Es10a;

/// <summary>SetDefaultDpAddress with GetEuiccConfiguredAddresses (SGP.22 §5.6.2-3).</summary>
public class SetDefaultDpAddressTests
{
    [Fact]
    public void SetDefaultDpAddress_ThenGetAddresses_ShowsIt()
    {
        using var card = new TestCard().SelectIsdR();
        card.Es10("BF3F0A8008736D64702E636F6D");
        Assert.StartsWith("BF3C248008736D64702E636F6D81", card.Es10("BF3C00").Data, StringComparison.Ordinal);
        Assert.Equal("BF3403800100", card.Es10("BF340482020520").Data);
        Assert.StartsWith("BF3C1A81", card.Es10("BF3C00").Data, StringComparison.Ordinal);
    }
}
