using EuiccEmulator.Card.Tests.Support;

namespace EuiccEmulator.Card.Tests.IsdR.Es10b;

/// <summary>GetEUICCInfo1 and GetEUICCInfo2 (SGP.22 §5.7.8).</summary>
public class GetEuiccInfoTests
{
    private const string Iccid1 = "89000123456789012341";

    private static TestCard CardWithProfile()
    {
        var card = new TestCard().SelectIsdR();
        card.AddProfile(Iccid1);
        return card;
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
            tags.Add(Iso7816.Ber.Tags.WireTag(tag));
            info.ReadEncodedValue();
        }
        Assert.Equal([0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0xA9, 0xAA, 0x04, 0x0C, 0x90, 0xB4], tags);
        Assert.EndsWith("900100B40B" + "A0050403010200" + "8100" + "8200", Convert.ToHexString(data), StringComparison.Ordinal);
        Assert.Contains("8103030301", Convert.ToHexString(data), StringComparison.Ordinal);
    }
}
