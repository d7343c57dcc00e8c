using EuiccEmulator.Card.Uicc.Auth;

namespace EuiccEmulator.Card.Tests.Uicc.Auth;

public class UsimTestAlgorithmTests
{
    private static byte[] H(string hex) => Convert.FromHexString(hex);

    [Fact]
    public void Outputs_follow_TS_34_108_8_1_2_by_hand()
    {
        // K = 00..0F, RAND = 00112233..FF: XDOUT = K ⊕ RAND = 00 10 20 .. F0 (worked out from §8.1.2.1 step 1).
        var alg = new UsimTestAlgorithm(H("000102030405060708090a0b0c0d0e0f"));
        var rand = H("00112233445566778899aabbccddeeff");
        var (res, ck, ik, ak) = (new byte[16], new byte[16], new byte[16], new byte[6]);
        alg.F2345(rand, res, ck, ik, ak);
        Assert.Equal("00102030405060708090a0b0c0d0e0f0", Convert.ToHexStringLower(res));
        Assert.Equal("102030405060708090a0b0c0d0e0f000", Convert.ToHexStringLower(ck)); // XDOUT[8..127, 0..7]
        Assert.Equal("2030405060708090a0b0c0d0e0f00010", Convert.ToHexStringLower(ik)); // XDOUT[16..127, 0..15]
        Assert.Equal("304050607080", Convert.ToHexStringLower(ak));                       // XDOUT[24..71]
        var mac = new byte[8];
        alg.F1(rand, H("000000000020"), H("8000"), mac); // XDOUT[0..63] ⊕ (SQN || AMF)
        Assert.Equal("001020304070e070", Convert.ToHexStringLower(mac));
        alg.F5Star(rand, ak);
        Assert.Equal("304050607080", Convert.ToHexStringLower(ak));
    }

    [Fact]
    public void Short_res_is_the_head_of_xdout()
    {
        var alg = new UsimTestAlgorithm(H("000102030405060708090a0b0c0d0e0f"), resLength: 8);
        var (res, ck, ik, ak) = (new byte[8], new byte[16], new byte[16], new byte[6]);
        alg.F2345(H("00112233445566778899aabbccddeeff"), res, ck, ik, ak);
        Assert.Equal("0010203040506070", Convert.ToHexStringLower(res));
    }

    [Theory]
    [InlineData(32, 16)]
    [InlineData(16, 3)]
    [InlineData(16, 17)]
    public void Rejects_bad_parameters(int k, int res)
    {
        Assert.ThrowsAny<ArgumentException>(() => new UsimTestAlgorithm(new byte[k], res));
    }
}
