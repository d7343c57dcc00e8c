using System.Security.Cryptography;
using EuiccEmulator.Card.Uicc.Suci;

namespace EuiccEmulator.Card.Tests.Uicc.Suci;

/// <summary>The SUCI protection schemes against the implementers' test data of 3GPP TS 33.501 Annex C.4.</summary>
public sealed class EciesTests
{
    // C.4: IMSI 274012 001002086; the scheme input is the MSIN in BCD, low nibble first, 'F' filler.
    private static readonly byte[] MsinInput = Convert.FromHexString("00012080F6");
    private static readonly byte[] NaiInput = Convert.FromHexString("766572796C6F6E67757365726E616D6531");
    internal static readonly byte[] ProfileAHnPrivate = H("c53c22208b61860b06c62e5406a7b330c2b577aa5558981510d128247d38bd1d");
    internal static readonly byte[] ProfileAHnPublic = H("5a8d38864820197c3394b92613b20b91633cbd897119273bf8e4a6f4eec0a650");
    internal static readonly byte[] ProfileBHnPrivate = H("F1AB1074477EBCC7F554EA1C5FC368B1616730155E0041AC447D6301975FECDA");
    internal static readonly byte[] ProfileBHnPublic = H(
        "0472DA71976234CE833A6907425867B82E074D44EF907DFB4B3E21C1C2256EBCD1"
        + "5A7DED52FCBB097A4ED250E036C7B9C8C7004C4EEDC4F068CD7BF8D3F900E3B4");
    internal static readonly byte[] ProfileBHnPublicCompressed = H("0272DA71976234CE833A6907425867B82E074D44EF907DFB4B3E21C1C2256EBCD1");

    [Fact]
    public void Null_scheme_output_is_the_input_C_4_2_1()
    {
        Assert.Equal("00012080F6", Convert.ToHexString(Ecies.Conceal(ProtectionScheme.Null, [], MsinInput, NoRandom)));
    }

    [Fact]
    public void Profile_A_IMSI_C_4_3_1()
    {
        var output = Ecies.Conceal(ProtectionScheme.ProfileA, ProfileAHnPublic, MsinInput,
            Fixed("c80949f13ebe61af4ebdbd293ea4f942696b9e815d7e8f0096bbf6ed7de62256"));
        Assert.Equal("B2E92F836055A255837DEBF850B528997CE0201CB82ADFE4BE1F587D07D8457D" + "CB02352410" + "CDDD9E730EF3FA87",
            Convert.ToHexString(output));
    }

    [Fact]
    public void Profile_A_network_specific_identifier_C_4_3_2()
    {
        var output = Ecies.Conceal(ProtectionScheme.ProfileA, ProfileAHnPublic, NaiInput,
            Fixed("BE9EFF3E9F22A4B42A3D236E7A6C500B3F2E7E0C7449988BA800D664BF4FCD97"));
        Assert.Equal("977D8B2FDAA7B64AA700D04227D5B440630EA4EC50F9082273A26BB678C92222"
            + "8E358A1582ADB15322C10E515141D2039A" + "12E1D7783A97F1AC", Convert.ToHexString(output));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Profile_B_IMSI_C_4_4_1_with_the_home_network_key_uncompressed_or_compressed(bool compressed)
    {
        var output = Ecies.Conceal(ProtectionScheme.ProfileB, compressed ? ProfileBHnPublicCompressed : ProfileBHnPublic,
            MsinInput, Fixed("99798858A1DC6A2C68637149A4B1DBFD1FDFF5ADDD62A2142F06699ED7602529"));
        Assert.Equal("039AAB8376597021E855679A9778EA0B67396E68C66DF32C0F41E9ACCA2DA9B9D1" + "46A33FC271" + "6AC7DAE96AA30A4D",
            Convert.ToHexString(output));
    }

    [Fact]
    public void Profile_B_network_specific_identifier_C_4_4_2()
    {
        var output = Ecies.Conceal(ProtectionScheme.ProfileB, ProfileBHnPublic, NaiInput,
            Fixed("90A5898BD29FFA3F261E00E980067C70A2B1B992A21F5B4FEF6D4DF69FE804AD"));
        Assert.Equal("03759BB22C563D9F4A6B3C1419E543FC2F39D6823F02A9D71162B39399218B244B"
            + "BE22D8B9F856A52ED381CD7EAF4CF2D525" + "3CDDC61A0A7882EB", Convert.ToHexString(output));
    }

    [Fact]
    public void The_KDF_gives_the_encryption_key_ICB_and_MAC_key_of_C_4_3_1()
    {
        var keys = Ecies.X963Kdf(H("028ddf890ec83cdf163947ce45f6ec1a0e3070ea5fe57e2b1f05139f3e82422a"),
            H("b2e92f836055a255837debf850b528997ce0201cb82adfe4be1f587d07d8457d"), 64);
        Assert.Equal("2BA342CABD2B3B1E5E4E890DA11B65F6", Convert.ToHexString(keys, 0, 16));
        Assert.Equal("E2622CB0CDD08204E721C8EA9B95A7C6", Convert.ToHexString(keys, 16, 16));
        Assert.Equal("D9846966FB7CF5FCF11266C5957DEA60B83FFF2B7C940690A4BFE57B1EB52BD2", Convert.ToHexString(keys, 32, 32));
    }

    [Fact]
    public void AES_CTR_carries_into_the_next_counter_bytes()
    {
        // Two blocks from an ICB ending in FF..FF: the second block's counter is the carry (AES-128 ECB is the check).
        var key = new byte[16];
        byte[] icb = [.. new byte[8], .. Enumerable.Repeat((byte)0xFF, 8)];
        var stream = Ecies.AesCtr(key, icb, new byte[32]);
        using var aes = Aes.Create();
        aes.Key = key;
        byte[] next = [0, 0, 0, 0, 0, 0, 0, 1, .. new byte[8]];
        Assert.Equal(aes.EncryptEcb(icb, PaddingMode.None), stream[..16]);
        Assert.Equal(aes.EncryptEcb(next, PaddingMode.None), stream[16..]);
    }

    [Fact]
    public void Keys_that_are_not_of_the_scheme_are_refused()
    {
        Assert.False(Ecies.IsValidPublicKey(ProtectionScheme.ProfileA, ProfileBHnPublic));
        Assert.False(Ecies.IsValidPublicKey(ProtectionScheme.ProfileB, ProfileAHnPublic));
        var offCurve = (byte[])ProfileBHnPublic.Clone();
        offCurve[^1] ^= 1;
        Assert.False(Ecies.IsValidPublicKey(ProtectionScheme.ProfileB, offCurve));
        Assert.True(Ecies.IsValidPublicKey(ProtectionScheme.ProfileB, ProfileBHnPublicCompressed));
        // A point encoding byte other than 02, 03 or 04 (found by the uicc fuzz target: it was an internal error).
        Assert.False(Ecies.IsValidPublicKey(ProtectionScheme.ProfileB, [0x82, .. ProfileBHnPublicCompressed[1..]]));
        Assert.False(Ecies.IsValidPublicKey(ProtectionScheme.ProfileB, [0x81, .. ProfileBHnPublic[1..]]));
        Assert.Throws<CryptographicException>(
            () => Ecies.Conceal(ProtectionScheme.ProfileB, offCurve, MsinInput, RandomNumberGenerator.GetBytes));
        // RFC 7748 §6.1: the all-zero shared secret of a small-order point is refused.
        Assert.Throws<CryptographicException>(
            () => Ecies.Conceal(ProtectionScheme.ProfileA, new byte[32], MsinInput, RandomNumberGenerator.GetBytes));
    }

    private static byte[] NoRandom(int n) => throw new InvalidOperationException("the null scheme draws nothing");

    private static Func<int, byte[]> Fixed(string hex) => n =>
    {
        Assert.Equal(32, n);
        return H(hex);
    };

    private static byte[] H(string hex) => Convert.FromHexString(hex);
}
