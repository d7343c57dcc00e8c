using System.Formats.Asn1;
using EuiccEmulator.Card.IsdR.Download;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Tests.IsdR.Download;

public class StoreMetadataParserTests
{
    private const string Iccid = "5A0A98001032547698103214";
    private const string Names = "910353503192044E616D65"; // "SP1", "Name"

    [Fact]
    public void Parse_Minimal_DefaultsToOperational()
    {
        var profile = StoreMetadataParser.Parse(Convert.FromHexString("BF2517" + Iccid + Names));
        Assert.Equal("89000123456789012341", profile.Iccid.Digits);
        Assert.Equal("SP1", profile.ServiceProviderName);
        Assert.Equal("Name", profile.ProfileName);
        Assert.Equal(ProfileClass.Operational, profile.ProfileClass);
        Assert.Null(profile.IconType);
        Assert.Equal(PprIds.None, profile.Pprs);
    }

    [Fact]
    public void Parse_AllFields_ReadsEach()
    {
        var hex = Iccid + Names + "930101" + "9403FFD8FF" + "950100"
            + "B610300E800204" + "50" + "8108" + Convert.ToHexString("N.exampl"u8)
            + "B70B800300F1108101AA8201BB"
            + "9902" + "0640"
            + "9F7B01FF" + "9F6701FF"
            + "BF2300"; // not stored
        var bytes = Convert.FromHexString($"BF25{hex.Length / 2:X2}" + hex);
        var profile = StoreMetadataParser.Parse(bytes);
        Assert.Equal(IconType.Png, profile.IconType);
        Assert.Equal([0xFF, 0xD8, 0xFF], profile.Icon);
        Assert.Equal(ProfileClass.Test, profile.ProfileClass);
        var config = Assert.Single(profile.NotificationConfigs);
        Assert.Equal(NotificationEvents.Enable | NotificationEvents.Delete, config.Events);
        Assert.Equal("N.exampl", config.Address);
        Assert.Equal([0x00, 0xF1, 0x10], profile.ProfileOwner!.MccMnc);
        Assert.Equal([0xAA], profile.ProfileOwner.Gid1);
        Assert.Equal([0xBB], profile.ProfileOwner.Gid2);
        Assert.Equal(PprIds.Ppr1DisableNotAllowed, profile.Pprs);
        Assert.True(profile.EcallIndication);
        Assert.True(profile.FallbackAllowed);
    }

    [Theory]
    [InlineData("BF2503" + "910100", "ICCID missing")]
    [InlineData("BF250D5A0A98001032547698103214", "names missing")]
    [InlineData("BF251A" + Iccid + Names + "950103", "class out of range")]
    [InlineData("BF251A" + Iccid + Names + "930101", "iconType without icon")]
    [InlineData("BF251C" + Iccid + Names + "B703800100", "mccMnc not 3 bytes")]
    [InlineData("BF2517" + "5A0A980010325476981032A4" + Names, "ICCID coding")]
    public void Parse_Invalid_Throws(string hex, string why)
    {
        Assert.ThrowsAny<AsnContentException>(() => StoreMetadataParser.Parse(Convert.FromHexString(hex)));
        Assert.NotEmpty(why);
    }
}

public class RatRuleTests
{
    private static readonly OperatorId Owner = new([0x00, 0xF1, 0x10], [0x12], null);

    [Theory]
    [InlineData("EEEEEE", PprIds.Ppr1DisableNotAllowed, PprIds.Ppr1DisableNotAllowed, true)]
    [InlineData("00F110", PprIds.Ppr1DisableNotAllowed | PprIds.Ppr2DeleteNotAllowed, PprIds.Ppr2DeleteNotAllowed, true)]
    [InlineData("00F1E0", PprIds.Ppr2DeleteNotAllowed, PprIds.Ppr2DeleteNotAllowed, true)] // MNC digit wildcard
    [InlineData("00F120", PprIds.Ppr1DisableNotAllowed, PprIds.Ppr1DisableNotAllowed, false)] // other operator
    [InlineData("EEEEEE", PprIds.Ppr1DisableNotAllowed, PprIds.Ppr2DeleteNotAllowed, false)] // PPR not in the rule
    public void Allows_MatchesOperatorAndPprs(string mccMnc, PprIds rulePprs, PprIds asked, bool expected)
    {
        var rule = new RatRule(rulePprs, [new OperatorId(Convert.FromHexString(mccMnc), null, null)], false);
        Assert.Equal(expected, rule.Allows(asked, Owner));
    }

    [Fact]
    public void Allows_Gid1Required_OwnerWithoutGid_Refused()
    {
        var rule = new RatRule(PprIds.Ppr1DisableNotAllowed, [new OperatorId([0x00, 0xF1, 0x10], [0x12], null)], false);
        Assert.True(rule.Allows(PprIds.Ppr1DisableNotAllowed, Owner));
        Assert.False(rule.Allows(PprIds.Ppr1DisableNotAllowed, Owner with { Gid1 = null }));
        Assert.False(rule.Allows(PprIds.Ppr1DisableNotAllowed, null));
    }
}
