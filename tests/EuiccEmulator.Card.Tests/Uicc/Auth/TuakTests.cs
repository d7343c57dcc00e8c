using EuiccEmulator.Card.Uicc.Auth;

namespace EuiccEmulator.Card.Tests.Uicc.Auth;

public class TuakTests
{
    public sealed record TuakTestSet(string Name, string K, string Rand, string Sqn, string Amf, string Top, int Iterations,
        string Topc, string F1, string F1Star, string F2, string F3, string F4, string F5, string F5Star);

    /// <summary>
    /// 3GPP TUAK test data (TS 35.233 §6.3-§6.8, test sets 1-6; the same sets as the implementers' data of TS 35.232):
    /// every combination of 128/256-bit K, 64/128/256-bit MAC, 32..256-bit RES, 128/256-bit CK and IK, 1 and 2
    /// Keccak iterations. Output lengths follow from the hex lengths.
    /// </summary>
    public static IReadOnlyList<TuakTestSet> Sets { get; } =
    [
        new("TS 35.233 §6.3 test set 1", "abababababababababababababababab", "42424242424242424242424242424242", "111111111111", "ffff",
            "5555555555555555555555555555555555555555555555555555555555555555", 1,
            "bd04d9530e87513c5d837ac2ad954623a8e2330c115305a73eb45d1f40cccbff", "f9a54e6aeaa8618d", "e94b4dc6c7297df3",
            "657acd64", "d71a1e5c6caffe986a26f783e5c78be1", "be849fa2564f869aecee6f62d4337e72", "719f1e9b9054", "e7af6b3d0e38"),
        new("TS 35.233 §6.4 test set 2", "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0efeeedecebeae9e8e7e6e5e4e3e2e1e0",
            "0123456789abcdef0123456789abcdef",
            "0123456789ab", "abcd", "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f", 1,
            "305425427e18c503c8a4b294ea72c95d0c36c6c6b29d0c65de5974d5977f8524", "c0b8c2d4148ec7aa5f1d78a97e4d1d58",
            "ef81af7290f7842c6ceafa537fa0745b", "e9d749dc4eea0035", "a4cb6f6529ab17f8337f27baa8234d47", "2274155ccf4199d5e2abcbf621907f90",
            "480a9345cc1e", "f84eb338848c"),
        new("TS 35.233 §6.5 test set 3", "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0efeeedecebeae9e8e7e6e5e4e3e2e1e0",
            "0123456789abcdef0123456789abcdef",
            "0123456789ab", "abcd", "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f", 1,
            "305425427e18c503c8a4b294ea72c95d0c36c6c6b29d0c65de5974d5977f8524",
            "d97b75a1776065271b1e212bc3b1bf173f438b21e6c64a55a96c372e085e5cc5",
            "427bbf07c6e3a86c54f8c5216499f3909a6fd4a164c9fe235b1550258111b821", "07021c73e7635c7d",
            "4d59ac796834eb85d11fa148a5058c3c", "126d47500136fdc5ddfd14f19ebf16749ce4b6435323fbb5715a3a796a6082bd", "1d6622c4e59a",
            "f84eb338848c"),
        new("TS 35.233 §6.6 test set 4", "b8da837a50652d6ac7c97da14f6acc61", "6887e55425a966bd86c9661a5fa72be8", "0dea2ee2c5af", "df1e",
            "0952be13556c32ebc58195d9dd930493e12a9003669988ffde5fa1f0fe35cc01", 1,
            "2bc16eb657a68e1f446f08f57c0efb1d493527a2e652ce281eb6ca0e4487760a", "749214087958dd8f58bfcdf869d8ae3f",
            "619e865afe80e382aee13063f9dfb56d", "4041ce438e3e38e8aa96562eed83ac43", "3e3bc01bea0cd914c4c2c83ce2d92757",
            "666a8e6f577b1aa77b7fd53cebb8a3d6", "1f880d005119", "45e617d77fe5"),
        new("TS 35.233 §6.7 test set 5", "1574ca56881d05c189c82880f789c9cd4244955f4426aa2b69c29f15770e5aa5",
            "c570aac68cde651fb1e3088322498bef",
            "c89bb71f3a41", "297d", "e59f6eb10ea406813f4991b0b9e02f181edf4c7e17b480f66d34da35ee88c95e", 1,
            "3c6052e41532a28a47aa3cbb89f223e8f3aaa976aecd48bc3e7d6165a55eff62", "d7340dad02b4cb01", "c6021e2e66accb15",
            "84d89b41db1867ffd4c7ba1d82163f4d526a20fbae5418fbb526940b1eeb905c",
            "d419676afe5ab58c1d8bee0d43523a4d2f52ef0b31a4676a0c334427a988fe65", "205533e505661b61d05cc0eac87818f4", "d7b3d2d4980a",
            "ca9655264986"),
        new("TS 35.233 §6.8 test set 6", "1574ca56881d05c189c82880f789c9cd4244955f4426aa2b69c29f15770e5aa5",
            "c570aac68cde651fb1e3088322498bef",
            "c89bb71f3a41", "297d", "e59f6eb10ea406813f4991b0b9e02f181edf4c7e17b480f66d34da35ee88c95e", 2,
            "b04a66f26c62fcd6c82de22a179ab65506ecf47f56245cd149966cfa9cec7a51",
            "90d2289ed1ca1c3dbc2247bb480d431ac71d2e4a7677f6e997cfddb0cbad88b7",
            "427355dbac30e825063aba61b556e87583abac638e3ab01c4c884ad9d458dc2f",
            "d67e6e64590d22eecba7324afa4af4460c93f01b24506d6e12047d789a94c867",
            "ede57edfc57cdffe1aae75066a1b7479bbc3837438e88d37a801cccc9f972b89",
            "48ed9299126e5057402fe01f9201cf25249f9c5c0ed2afcf084755daff1d3999", "6aae8d18c448", "8c5f33b61f4e"),
    ];

    public static TheoryData<string> Names()
    {
        var d = new TheoryData<string>();
        foreach (var s in Sets) d.Add(s.Name);
        return d;
    }

    private static byte[] H(string hex) => Convert.FromHexString(hex);

    private static string X(ReadOnlySpan<byte> b) => Convert.ToHexStringLower(b);

    [Theory]
    [MemberData(nameof(Names))]
    public void Conformance_test_set(string name)
    {
        var t = Sets.Single(s => s.Name == name);
        var topc = Tuak.ComputeTopc(H(t.K), H(t.Top), t.Iterations);
        Assert.Equal(t.Topc, X(topc));

        var tuak = new Tuak(H(t.K), topc, t.F2.Length / 2, t.F1.Length / 2, t.F3.Length / 2, t.F4.Length / 2, t.Iterations);
        var (res, ck, ik, ak) = (new byte[t.F2.Length / 2], new byte[t.F3.Length / 2], new byte[t.F4.Length / 2], new byte[6]);
        tuak.F2345(H(t.Rand), res, ck, ik, ak);
        Assert.Equal(t.F2, X(res));
        Assert.Equal(t.F3, X(ck));
        Assert.Equal(t.F4, X(ik));
        Assert.Equal(t.F5, X(ak));

        var mac = new byte[t.F1.Length / 2];
        tuak.F1(H(t.Rand), H(t.Sqn), H(t.Amf), mac);
        Assert.Equal(t.F1, X(mac));
        tuak.F1Star(H(t.Rand), H(t.Sqn), H(t.Amf), mac);
        Assert.Equal(t.F1Star, X(mac));
        tuak.F5Star(H(t.Rand), ak);
        Assert.Equal(t.F5Star, X(ak));
    }

    [Fact]
    public void Rejects_bad_parameters()
    {
        var topc = new byte[32];
        Assert.Throws<ArgumentException>(() => new Tuak(new byte[24], topc));
        Assert.Throws<ArgumentException>(() => new Tuak(new byte[16], new byte[16]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Tuak(new byte[16], topc, resLength: 12));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Tuak(new byte[16], topc, macLength: 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Tuak(new byte[16], topc, ckLength: 24));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Tuak(new byte[16], topc, keccakIterations: 0));
    }
}
