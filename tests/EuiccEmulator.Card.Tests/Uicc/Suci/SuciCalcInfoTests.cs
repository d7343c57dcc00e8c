using EuiccEmulator.Card.Uicc.Suci;

namespace EuiccEmulator.Card.Tests.Uicc.Suci;

/// <summary>Hex vectors of EF.SUCI_Calc_Info(_USIM) (3GPP TS 31.102 §4.4.11.8), valid and invalid.</summary>
public sealed class SuciCalcInfoTests
{
    /// <summary>Profile B with key 1 (id 27, P-256), profile A with key 2 (id 30, X25519), then the null scheme.</summary>
    internal static string ThreeSchemes(string? p256 = null) =>
        "A006020101020000" + "A16B" + "80011B" + "8141" + (p256 ?? Convert.ToHexString(EciesTests.ProfileBHnPublic))
        + "80011E" + "8120" + Convert.ToHexString(EciesTests.ProfileAHnPublic);

    [Fact]
    public void The_TS48_fill_pattern_is_the_null_scheme_only()
    {
        Assert.True(SuciCalcInfo.TryParse(Convert.FromHexString("A0020000" + new string('F', 228)), out var info, out _));
        Assert.Equal([(0, 0)], info!.Schemes);
        Assert.Empty(info.Keys);
        Assert.Equal(ProtectionScheme.Null, info.Choose().Scheme);
    }

    [Fact]
    public void Schemes_keep_their_order_and_key_indexes_name_the_keys_from_1()
    {
        Assert.True(SuciCalcInfo.TryParse(Convert.FromHexString(ThreeSchemes() + "FF"), out var info, out var reason), reason);
        Assert.Equal([(2, 1), (1, 2), (0, 0)], info!.Schemes);
        Assert.Equal([(byte)27, (byte)30], info.Keys.Select(k => k.Id));
        var (scheme, id, key) = info.Choose();
        Assert.Equal((ProtectionScheme.ProfileB, (byte)27), (scheme, id));
        Assert.Equal(EciesTests.ProfileBHnPublic, key);
    }

    [Fact]
    public void A_key_that_is_not_of_its_scheme_passes_to_the_next_listed_scheme()
    {
        // Key 1 (for profile B) is one byte, not a P-256 point: profile A with key 2 is taken.
        var hex = "A006020101020000" + "A12B" + "80011B" + "8101FF" + "80011E" + "8120" + Convert.ToHexString(EciesTests.ProfileAHnPublic);
        Assert.True(SuciCalcInfo.TryParse(Convert.FromHexString(hex), out var info, out var reason), reason);
        Assert.Equal((ProtectionScheme.ProfileA, (byte)30), (info!.Choose().Scheme, info.Choose().KeyId));
    }

    [Theory]
    [InlineData("A006020507010000")] // key index past the list, unknown scheme 7, then null
    [InlineData("A002020A")]         // nothing usable and no null scheme listed (TS 33.501 §6.12.2)
    [InlineData("A000")]             // an empty list
    public void Without_a_usable_key_the_null_scheme_is_chosen(string hex)
    {
        Assert.True(SuciCalcInfo.TryParse(Convert.FromHexString(hex), out var info, out var reason), reason);
        Assert.Equal((ProtectionScheme.Null, (byte)0), (info!.Choose().Scheme, info.Choose().KeyId));
    }

    [Theory]
    [InlineData("", "no protection scheme list")]
    [InlineData("FFFF", "no protection scheme list")]
    [InlineData("A003000000", "odd length")]
    [InlineData("A0020000A1038001", "truncated")]
    [InlineData("A0020000A103800101", "without its key")]
    [InlineData("A0020000A10380011B", "without its key")]
    [InlineData("A0020000A1048101AA", "truncated")]
    [InlineData("A0020000A103810100", "unexpected '81'")]
    [InlineData("A0020000800101", "unexpected tag 80")]
    [InlineData("A00200008001", "truncated")]
    [InlineData("A0820000", "truncated")]
    public void Malformed_content_is_refused_with_its_reason(string hex, string reason)
    {
        Assert.False(SuciCalcInfo.TryParse(Convert.FromHexString(hex), out var info, out var why));
        Assert.Null(info);
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }
}
