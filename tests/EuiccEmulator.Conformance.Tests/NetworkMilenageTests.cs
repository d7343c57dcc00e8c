using EuiccEmulator.Conformance;

namespace EuiccEmulator.Conformance.Tests;

/// <summary>The suite's own Milenage against 3GPP TS 35.208 §4.3 (test sets 1 and 2).</summary>
public sealed class NetworkMilenageTests
{
    [Theory]
    [InlineData("465B5CE8B199B49FAA5F0A2EE238A6BC", "CD63CB71954A9F4E48A5994E37A02BAF", "23553CBE9637A89D218AE64DAE47BF35",
        "FF9BB4D0B607", "B9B9", "4A9FFAC354DFAFB3", "01CFAF9EC4E871E9", "A54211D5E3BA50BF", "B40BA9A3C58B2A05BBF0D987B21BF8CB",
        "F769BCD751044604127672711C6D3441", "AA689C648370", "451E8BECA43B")]
    [InlineData("0396EB317B6D1C36F19C1C84CD6FFD16", "53C15671C60A4B731C55B4A441C0BDE2", "C00D603103DCEE52C4478119494202E8",
        "FD8EEF40DF7D", "AF17", "5DF5B31807E258B0", "A8C016E51EF4A343", "D3A628ED988620F0", "58C433FF7A7082ACD424220F2B67C556",
        "21A8C1F929702ADB3E738488B9F5C5DA", "C47783995F72", "30F1197061C1")]
    public void Ts35208_test_set(string k, string opc, string rand, string sqn, string amf, string f1, string f1Star, string f2,
        string f3, string f4, string f5, string f5Star)
    {
        using var milenage = new NetworkMilenage(Convert.FromHexString(k), Convert.FromHexString(opc));
        var (macA, macS) = milenage.F1(Convert.FromHexString(rand), Convert.FromHexString(sqn), Convert.FromHexString(amf));
        var (res, ck, ik, ak, akStar) = milenage.F2345(Convert.FromHexString(rand));

        Assert.Equal(f1, Convert.ToHexString(macA));
        Assert.Equal(f1Star, Convert.ToHexString(macS));
        Assert.Equal(f2, Convert.ToHexString(res));
        Assert.Equal(f3, Convert.ToHexString(ck));
        Assert.Equal(f4, Convert.ToHexString(ik));
        Assert.Equal(f5, Convert.ToHexString(ak));
        Assert.Equal(f5Star, Convert.ToHexString(akStar));
    }
}
