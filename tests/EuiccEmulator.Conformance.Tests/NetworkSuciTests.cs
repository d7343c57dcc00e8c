namespace EuiccEmulator.Conformance.Tests;

/// <summary>The suite's own profile B de-concealment against 3GPP TS 33.501 Annex C.4.4.</summary>
public sealed class NetworkSuciTests
{
    private static readonly byte[] HnPrivate = Convert.FromHexString("F1AB1074477EBCC7F554EA1C5FC368B1616730155E0041AC447D6301975FECDA");

    [Theory]
    [InlineData("039AAB8376597021E855679A9778EA0B67396E68C66DF32C0F41E9ACCA2DA9B9D146A33FC2716AC7DAE96AA30A4D", "00012080F6")]
    [InlineData("03759BB22C563D9F4A6B3C1419E543FC2F39D6823F02A9D71162B39399218B244B"
        + "BE22D8B9F856A52ED381CD7EAF4CF2D5253CDDC61A0A7882EB", "766572796C6F6E67757365726E616D6531")]
    public void Annex_C_4_4_outputs_give_back_their_input(string output, string input)
    {
        Assert.Equal(input, Convert.ToHexString(NetworkSuci.DeconcealProfileB(HnPrivate, Convert.FromHexString(output))!));
    }

    [Fact]
    public void A_changed_ciphertext_fails_the_MAC_and_a_point_off_the_curve_is_refused()
    {
        var output = Convert.FromHexString("039AAB8376597021E855679A9778EA0B67396E68C66DF32C0F41E9ACCA2DA9B9D146A33FC2716AC7DAE96AA30A4D");
        output[34] ^= 0x01;
        Assert.Null(NetworkSuci.DeconcealProfileB(HnPrivate, output));
        var offCurve = Convert.FromHexString("02" + new string('0', 62) + "07" + "46A33FC2716AC7DAE96AA30A4D"); // x = 7: not on P-256
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => NetworkSuci.DeconcealProfileB(HnPrivate, offCurve));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(
            () => NetworkSuci.DeconcealProfileB(HnPrivate, [0x04, .. output[1..]]));
    }
}
