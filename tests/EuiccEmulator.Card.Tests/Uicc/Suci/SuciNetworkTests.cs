namespace EuiccEmulator.Card.Tests.Uicc.Suci;

/// <summary>The test's home network de-conceals the Annex C.4 scheme outputs (so it can judge the card's).</summary>
public sealed class SuciNetworkTests
{
    [Theory]
    [InlineData(1, "B2E92F836055A255837DEBF850B528997CE0201CB82ADFE4BE1F587D07D8457DCB02352410CDDD9E730EF3FA87")]
    [InlineData(2, "039AAB8376597021E855679A9778EA0B67396E68C66DF32C0F41E9ACCA2DA9B9D146A33FC2716AC7DAE96AA30A4D")]
    public void The_Annex_C_4_outputs_give_back_the_MSIN(byte scheme, string output)
    {
        var key = scheme == 1 ? EciesTests.ProfileAHnPrivate : EciesTests.ProfileBHnPrivate;
        Assert.Equal("00012080F6", Convert.ToHexString(SuciNetwork.Deconceal(scheme, key, Convert.FromHexString(output))!));
        var forged = Convert.FromHexString(output);
        forged[^9] ^= 0x01;
        Assert.Null(SuciNetwork.Deconceal(scheme, key, forged));
    }
}
