using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Rsp.Tests.Values;

public class IccidTests
{
    [Theory]
    [InlineData("89000123456789012341", "98001032547698103214", "89000123456789012341")]
    [InlineData("8988211000000000001", "988812010000000000F1", "8988211000000000001F")]
    public void Codings_SwappedAndPlain_RoundTrip(string digits, string swapped, string plain)
    {
        var iccid = Iccid.Parse(digits);
        Assert.Equal(swapped, Convert.ToHexString(iccid.ToSwappedBcd()));
        Assert.Equal(plain, Convert.ToHexString(iccid.ToPlainBcd()));
        Assert.True(Iccid.TryFromSwappedBcd(Convert.FromHexString(swapped), out var a));
        Assert.True(Iccid.TryFromPlainBcd(Convert.FromHexString(plain), out var b));
        Assert.Equal(iccid, a);
        Assert.Equal(iccid, b);
    }

    [Theory]
    [InlineData("98001032547698103A14")] // nibble A
    [InlineData("980010325476981032")] // 9 bytes
    [InlineData("9800103254769810F2F4")] // digit after padding
    public void TryFromSwappedBcd_Invalid_Fails(string hex)
    {
        Assert.False(Iccid.TryFromSwappedBcd(Convert.FromHexString(hex), out _));
    }
}
