using EuiccEmulator.Card.Tests.Support;

namespace EuiccEmulator.Card.Tests.IsdR.Es10b;

/// <summary>GetEUICCChallenge (SGP.22 §5.7.7).</summary>
public class GetEuiccChallengeTests
{
    [Fact]
    public void GetEuiccChallenge_Twice_GivesFresh16ByteChallenges()
    {
        using var card = new TestCard(seed: null).SelectIsdR();
        var first = card.Es10("BF2E00").Data;
        var second = card.Es10("BF2E00").Data;
        Assert.Matches("^BF2E128010[0-9A-F]{32}$", first);
        Assert.NotEqual(first, second);
        Assert.Equal(Convert.FromHexString(second[10..]), card.Euicc.Context.EuiccChallenge);
    }
}
