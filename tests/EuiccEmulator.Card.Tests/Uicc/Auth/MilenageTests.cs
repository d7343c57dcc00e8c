using EuiccEmulator.Card.Uicc.Auth;

namespace EuiccEmulator.Card.Tests.Uicc.Auth;

public class MilenageTests
{
    private static byte[] H(string hex) => Convert.FromHexString(hex);

    [Theory]
    [MemberData(nameof(MilenageTestSets.Names), MemberType = typeof(MilenageTestSets))]
    public void Conformance_test_set(string name)
    {
        var t = MilenageTestSets.Get(name);
        Assert.Equal(t.Opc, Convert.ToHexStringLower(Milenage.ComputeOpc(H(t.K), H(t.Op))));

        using var m = new Milenage(H(t.K), H(t.Opc));
        var (res, ck, ik, ak) = (new byte[8], new byte[16], new byte[16], new byte[6]);
        m.F2345(H(t.Rand), res, ck, ik, ak);
        Assert.Equal(t.F2, Convert.ToHexStringLower(res));
        Assert.Equal(t.F3, Convert.ToHexStringLower(ck));
        Assert.Equal(t.F4, Convert.ToHexStringLower(ik));
        Assert.Equal(t.F5, Convert.ToHexStringLower(ak));

        var mac = new byte[8];
        m.F1(H(t.Rand), H(t.Sqn), H(t.Amf), mac);
        Assert.Equal(t.F1, Convert.ToHexStringLower(mac));
        m.F1Star(H(t.Rand), H(t.Sqn), H(t.Amf), mac);
        Assert.Equal(t.F1Star, Convert.ToHexStringLower(mac));
        var akStar = new byte[6];
        m.F5Star(H(t.Rand), akStar);
        Assert.Equal(t.F5Star, Convert.ToHexStringLower(akStar));
    }

    [Theory]
    [MemberData(nameof(MilenageTestSets.Names), MemberType = typeof(MilenageTestSets))]
    public void Functions_give_the_same_answers_in_any_order(string name)
    {
        // The TEMP cache must never leak between RANDs: run f1 of one set, then all functions of another.
        var t = MilenageTestSets.Get(name);
        var other = MilenageTestSets.All[(MilenageTestSets.All.ToList().IndexOf(t) + 1) % MilenageTestSets.All.Count];
        using var m = new Milenage(H(t.K), H(t.Opc));
        var mac = new byte[8];
        m.F1(H(other.Rand), H(t.Sqn), H(t.Amf), mac);
        var akStar = new byte[6];
        m.F5Star(H(t.Rand), akStar);
        Assert.Equal(t.F5Star, Convert.ToHexStringLower(akStar));
        m.F1Star(H(t.Rand), H(t.Sqn), H(t.Amf), mac);
        Assert.Equal(t.F1Star, Convert.ToHexStringLower(mac));
    }

    [Fact]
    public void Explicit_default_constants_equal_the_defaults()
    {
        var t = MilenageTestSets.All[0];
        var xoring = H("00000000000000000000000000000000" + "00000000000000000000000000000001" +
            "00000000000000000000000000000002" + "00000000000000000000000000000004" + "00000000000000000000000000000008");
        using var m = new Milenage(H(t.K), H(t.Opc), H("4000204060"), xoring);
        var (res, ck, ik, ak) = (new byte[8], new byte[16], new byte[16], new byte[6]);
        m.F2345(H(t.Rand), res, ck, ik, ak);
        Assert.Equal(t.F2, Convert.ToHexStringLower(res));
        Assert.Equal(t.F4, Convert.ToHexStringLower(ik));
    }

    [Fact]
    public void Other_constants_change_the_output()
    {
        var t = MilenageTestSets.All[0];
        using var m = new Milenage(H(t.K), H(t.Opc), H("4000204061"));
        var (res, ck, ik, ak) = (new byte[8], new byte[16], new byte[16], new byte[6]);
        m.F2345(H(t.Rand), res, ck, ik, ak);
        Assert.Equal(t.F2, Convert.ToHexStringLower(res)); // r2 unchanged
        Assert.NotEqual(t.F5Star, Convert.ToHexStringLower(Star(m, t.Rand))); // r5 changed
    }

    private static byte[] Star(Milenage m, string rand)
    {
        var ak = new byte[6];
        m.F5Star(H(rand), ak);
        return ak;
    }

    [Theory]
    [InlineData(15, 16, 5, 0)]
    [InlineData(16, 17, 5, 0)]
    [InlineData(16, 16, 4, 0)]
    [InlineData(16, 16, 5, 79)]
    public void Rejects_bad_lengths(int k, int opc, int rotation, int xoring)
    {
        Assert.Throws<ArgumentException>(() => new Milenage(new byte[k], new byte[opc], new byte[rotation], new byte[xoring]));
    }
}
