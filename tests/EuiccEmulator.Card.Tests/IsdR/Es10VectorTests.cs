using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Core.State;

namespace EuiccEmulator.Card.Tests.IsdR;

/// <summary>Request/response hex vectors for every ES10 function of the foundation, valid and invalid.</summary>
public class Es10VectorTests
{
    private const string Iccid1 = "89000123456789012341";
    private const string Iccid1Ef = "98001032547698103214";
    private const string Iccid2 = "89000123456789012358";
    private const string Aid1 = "A0000005591010FFFFFFFF8900001000";

    private static TestCard CardWithProfile()
    {
        var card = new TestCard().SelectIsdR();
        card.AddProfile(Iccid1);
        return card;
    }

    [Theory]
    // GetEID (SGP.22 §5.7.20)
    [InlineData("BF3E035C015A", "BF3E125A10" + TestIdentity.Eid)]
    // GetEuiccConfiguredAddresses (§5.6.2): no default SM-DP+, root SM-DS only
    [InlineData("BF3C00", "BF3C1A8118" + "74657374726F6F74736D64732E6578616D706C652E636F6D")]
    // SetDefaultDpAddress (§5.6.3)
    [InlineData("BF3F0A8008736D64702E636F6D", "BF3F03800100")]
    [InlineData("BF3F028000", "BF3F03800100")]
    // GetProfilesInfo (§5.7.15)
    [InlineData("BF2D00",
        "BF2D3DA03BE3395A0A" + Iccid1Ef + "4F10" + Aid1 + "9F700100" + "9107546573742053509209546573742032333431950102")]
    [InlineData("BF2D035C015A", "BF2D10A00EE30C5A0A" + Iccid1Ef)]
    [InlineData("BF2D065C045A9F7095", "BF2D17A015E3135A0A" + Iccid1Ef + "9F700100950102")]
    [InlineData("BF2D0EA00C5A0A" + Iccid1Ef, "BF2D3DA03BE3395A0A" + Iccid1Ef + "4F10" + Aid1 + "9F700100" + "9107546573742053509209546573742032333431950102")]
    [InlineData("BF2D14A0124F10" + Aid1, "BF2D3DA03BE3395A0A" + Iccid1Ef + "4F10" + Aid1 + "9F700100" + "9107546573742053509209546573742032333431950102")]
    [InlineData("BF2D0EA00C5A0A98001032547698103285", "BF2D02A000")] // unknown ICCID: empty list
    [InlineData("BF2D05A003950100", "BF2D02A000")] // no test profiles
    [InlineData("BF2D0AA003950102" + "5C035A9F70", "BF2D14A012E3105A0A" + Iccid1Ef + "9F700100")]
    [InlineData("BF2D05A003950109", "BF2D03810101")] // class out of range: incorrectInputValues
    [InlineData("BF2D04A0028000", "BF2D03810101")] // unknown criterion
    [InlineData("BF2D02A000", "BF2D03810101")] // empty criterion
    // EnableProfile / DisableProfile / DeleteProfile (§5.7.16-18)
    [InlineData("BF3111A00C5A0A" + Iccid1Ef + "810100", "BF3103800100")]
    [InlineData("BF3117A0124F10" + Aid1 + "810100", "BF3103800100")]
    [InlineData("BF3111A00C5A0A98001032547698103285810100", "BF3103800101")]
    [InlineData("BF3211A00C5A0A" + Iccid1Ef + "810100", "BF3203800102")]
    [InlineData("BF3211A00C5A0A98001032547698103285810100", "BF3203800101")]
    [InlineData("BF330C5A0A98001032547698103285", "BF3303800101")]
    [InlineData("BF33124F10" + Aid1, "BF3303800100")]
    // SetNickname (§5.7.21)
    [InlineData("BF29125A0A" + Iccid1Ef + "90044E69636B", "BF2903800100")]
    [InlineData("BF290E5A0A" + Iccid1Ef + "9000", "BF2903800100")]
    [InlineData("BF29125A0A98001032547698103285" + "90044E69636B", "BF2903800101")]
    // eUICCMemoryReset (§5.7.19)
    [InlineData("BF340482020520", "BF3403800101")] // reset default SM-DP+ address: none set
    [InlineData("BF340482020640", "BF3403800101")] // field-loaded test profiles: none
    [InlineData("BF340482020780", "BF3403800100")] // operational profiles: one deleted
    // ListNotification / RetrieveNotificationsList / RemoveNotificationFromList (§5.7.9-11)
    [InlineData("BF2800", "BF2802A000")]
    [InlineData("BF2B00", "BF2B02A000")]
    [InlineData("BF2B05A003800101", "BF2B02A000")]
    [InlineData("BF2B04A0028200", "BF2B02A200")]
    [InlineData("BF2B04A0028300", "BF2B0381017F")]
    [InlineData("BF3003800101", "BF3003800101")]
    // GetEUICCChallenge (§5.7.7): seeded random source
    public void Es10_Request_GivesExactResponse(string request, string expected)
    {
        using var card = CardWithProfile();
        var (data, sw) = card.Es10(request);
        Assert.Equal("9000", sw);
        Assert.Equal(expected, data);
    }

    [Theory]
    [InlineData("BF3E035C0199")] // tagList must be 5A
    [InlineData("BF3E00")] // tagList missing
    [InlineData("BF3104A0025A00")] // ICCID not 10 bytes
    [InlineData("BF3103A00100")] // truncated
    [InlineData("BF3111A00C5A0A" + Iccid1Ef)] // refreshFlag missing
    [InlineData("BF3111A00C9A0A" + Iccid1Ef + "810100")] // wrong identifier tag
    [InlineData("BF33029000")] // neither 4F nor 5A
    [InlineData("BF29045A020000")]
    [InlineData("BF3400")] // resetOptions missing
    [InlineData("BF300100")]
    [InlineData("BF3F038001FF")] // address is not UTF-8
    public void Es10_MalformedRequest_Gives6A80AndChangesNothing(string request)
    {
        using var card = CardWithProfile();
        var before = card.Euicc.Store.Load();
        var (_, sw) = card.Es10(request);
        Assert.Equal("6A80", sw);
        var after = card.Euicc.Store.Load();
        Assert.Equal(before.Profiles.Single(), after.Profiles.Single());
        Assert.Equal(before.Settings, after.Settings);
        Assert.Empty(card.Errors);
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
