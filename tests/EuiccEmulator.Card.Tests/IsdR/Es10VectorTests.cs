using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Core.State;

namespace EuiccEmulator.Card.Tests.IsdR;

/// <summary>ES10 behaviour beyond single request/response vectors (those are in the ES10 catalogue, Es10CatalogueTests).</summary>
public class Es10VectorTests
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
    public void GetEuiccChallenge_Twice_GivesFresh16ByteChallenges()
    {
        using var card = new TestCard(seed: null).SelectIsdR();
        var first = card.Es10("BF2E00").Data;
        var second = card.Es10("BF2E00").Data;
        Assert.Matches("^BF2E128010[0-9A-F]{32}$", first);
        Assert.NotEqual(first, second);
        Assert.Equal(Convert.FromHexString(second[10..]), card.Euicc.Context.EuiccChallenge);
    }

    [Fact]
    public void GetEuiccInfo1_ListsSgp26CiSkis()
    {
        const string nist = "F54172BDF98A95D65CBEB88A38A1C11D800A85C3";
        const string brainpool = "C0BC70BA36929D43B467FF57570530E57AB8FCD8";
        using var card = new TestCard().SelectIsdR();
        Assert.Equal("BF204B8203020500" + "A92C0414" + nist + "0414" + brainpool + "AA160414" + nist, card.Es10("BF2000").Data);
    }

    [Fact]
    public void GetEuiccInfo2_HasMandatoryFieldsInOrder()
    {
        using var card = CardWithProfile();
        var data = Convert.FromHexString(card.Es10("BF2200").Data);
        var reader = new System.Formats.Asn1.AsnReader(data, System.Formats.Asn1.AsnEncodingRules.DER);
        var info = reader.ReadSequence(new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 34, true));
        var tags = new List<int>();
        while (info.HasData)
        {
            var tag = info.PeekTag();
            tags.Add(Core.Ber.Tags.WireTag(tag));
            info.ReadEncodedValue();
        }
        Assert.Equal([0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0xA9, 0xAA, 0x04, 0x0C, 0x90, 0xB4], tags);
        Assert.EndsWith("900100B40B" + "A0050403010200" + "8100" + "8200", Convert.ToHexString(data), StringComparison.Ordinal);
        Assert.Contains("8103030301", Convert.ToHexString(data), StringComparison.Ordinal);
    }

    [Fact]
    public void SetDefaultDpAddress_ThenGetAddresses_ShowsIt()
    {
        using var card = new TestCard().SelectIsdR();
        card.Es10("BF3F0A8008736D64702E636F6D");
        Assert.StartsWith("BF3C248008736D64702E636F6D81", card.Es10("BF3C00").Data, StringComparison.Ordinal);
        Assert.Equal("BF3403800100", card.Es10("BF340482020520").Data);
        Assert.StartsWith("BF3C1A81", card.Es10("BF3C00").Data, StringComparison.Ordinal);
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
