using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Tests.IsdR.Es10c;

/// <summary>GetProfilesInfo (SGP.22 §5.7.15) beyond the catalogue vectors.</summary>
public class GetProfilesInfoTests
{
    private const string Iccid1 = "89000123456789012341";
    private const string Iccid2 = "89000123456789012358";
    private const string Aid1 = "A0000005591010FFFFFFFF8900001000";

    private static TestCard CardWithProfile()
    {
        var card = new TestCard().SelectIsdR();
        card.AddProfile(Iccid1);
        return card;
    }

    [Fact]
    public void GetProfilesInfo_TwoProfiles_ListsBothInAidOrder()
    {
        using var card = CardWithProfile();
        card.AddProfile(Iccid2, ProfileClass.Test);
        var data = card.Es10("BF2D035C014F").Data;
        Assert.Equal("BF2D2AA028E3124F10" + Aid1 + "E3124F10A0000005591010FFFFFFFF8900001100", data);
        Assert.Equal("BF2D10A00EE30C5A0A" + TestCard.SwappedIccid(Iccid2), card.Es10("BF2D08A0039501005C015A").Data);
    }
}
