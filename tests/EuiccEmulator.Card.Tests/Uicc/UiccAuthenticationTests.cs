using System.Formats.Asn1;
using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Card.Tests.Uicc.Auth;
using EuiccEmulator.Card.Uicc.Auth;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.State;
using EuiccEmulator.Storage.LiteDb;

namespace EuiccEmulator.Card.Tests.Uicc;

/// <summary>
/// AUTHENTICATE through APDUs on the TS.48 v7 profile: usim-test-algorithm (TS 34.108 §8.1.2) with
/// K = 000102..0F from its PE-AKAParameter, for the USIM and the ISIM.
/// </summary>
public sealed class UiccAuthenticationTests
{
    private static string V7 => Path.Combine(TestPaths.Ts48, "v7", "TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der");
    private static readonly byte[] K = Convert.FromHexString("000102030405060708090A0B0C0D0E0F");
    private static readonly AkaParameters Network = AkaParameters.UsimTestAlgorithm(K, 16);
    private const string SelectUsim = "00A4040C0CA0000000871002FF49FF0589";
    private const string SelectIsim = "00A4040C07A0000000871004";
    private const string VerifyPin1 = "002000010830303030FFFFFFFF";
    private static readonly byte[] Rand = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");

    private static string Authenticate(TestCard card, byte[] rand, byte[] autn) =>
        card.Transmit($"008800812210{H(rand)}10{H(autn)}00");

    [Fact]
    public void The_3G_context_answers_RES_CK_IK_and_Kc_from_the_profile_keys()
    {
        using var card = Ts48FileSystemTests.CardWith(V7);
        Assert.Equal("9000", card.Transmit(SelectUsim));
        Assert.Equal("9000", card.Transmit(VerifyPin1));
        var sqn = (5UL << 5) | 3;
        var response = Authenticate(card, Rand, AkaNetwork.Autn(Network, Rand, sqn));
        // Expected values from the TS 34.108 definition: XDOUT = K xor RAND; RES = XDOUT, CK/IK = XDOUT rotated 1/2 bytes.
        var xdout = K.Zip(Rand, (a, b) => (byte)(a ^ b)).ToArray();
        byte[] ck = [.. xdout[1..], xdout[0]];
        byte[] ik = [.. xdout[2..], .. xdout[..2]];
        var kc = new byte[8];
        for (var i = 0; i < 8; i++) kc[i] = (byte)(ck[i] ^ ck[i + 8] ^ ik[i] ^ ik[i + 8]);
        // EF.UST of this profile ('9EFFBF1D FF..') has service n°27 (GSM access): Kc = c3(CK, IK) is appended.
        Assert.Equal($"DB10{H(xdout)}10{H(ck)}10{H(ik)}08{H(kc)}9000", response);
        // Without Le the case-4 response is announced by 61xx and fetched with GET RESPONSE.
        var next = AkaNetwork.Autn(Network, Rand, (6UL << 5) | 3);
        var announced = card.Transmit($"008800812210{H(Rand)}10{H(next)}");
        Assert.StartsWith("61", announced, StringComparison.Ordinal);
        Assert.Equal(response.Length / 2 - 2, Convert.ToInt32(announced[2..], 16));
        Assert.Equal(response, card.Transmit($"00C00000{announced[2..]}"));
        // Service n°38 (GSM security context) is there too: the GSM context answers SRES = c2(RES) and the same Kc.
        var sres = new byte[4];
        for (var i = 0; i < 16; i++) sres[i % 4] ^= xdout[i];
        Assert.Equal($"04{H(sres)}08{H(kc)}9000", card.Transmit($"008800801110{H(Rand)}00"));
    }

    [Fact]
    public void A_replayed_SQN_gets_an_AUTS_the_network_can_verify_and_a_wrong_MAC_gets_9862()
    {
        using var card = Ts48FileSystemTests.CardWith(V7);
        card.Transmit(SelectUsim);
        card.Transmit(VerifyPin1);
        var sqn = (40UL << 5) | 7;
        var autn = AkaNetwork.Autn(Network, Rand, sqn);
        Assert.StartsWith("DB", Authenticate(card, Rand, autn), StringComparison.Ordinal);
        var replay = Authenticate(card, Rand, autn);
        Assert.StartsWith("DC0E", replay, StringComparison.Ordinal);
        Assert.EndsWith("9000", replay, StringComparison.Ordinal);
        var auts = Convert.FromHexString(replay[4..^4]);
        Assert.Equal(sqn, AkaNetwork.SqnMsFromAuts(Network, Rand, auts));

        var forged = (byte[])AkaNetwork.Autn(Network, Rand, sqn + 32).Clone();
        forged[^1] ^= 0x01;
        Assert.Equal("9862", Authenticate(card, Rand, forged));
        // Neither failure moved the array: the next fresh SQN is accepted.
        Assert.StartsWith("DB", Authenticate(card, Rand, AkaNetwork.Autn(Network, Rand, sqn + 32)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_ISIM_authenticates_with_its_own_keys()
    {
        using var card = Ts48FileSystemTests.CardWith(V7);
        Assert.Equal("9000", card.Transmit(SelectIsim));
        Assert.Equal("9000", card.Transmit(VerifyPin1));
        var response = Authenticate(card, Rand, AkaNetwork.Autn(Network, Rand, 33));
        Assert.StartsWith("DB10", response, StringComparison.Ordinal);
        Assert.EndsWith("9000", response, StringComparison.Ordinal);
    }

    [Fact]
    public void AUTHENTICATE_needs_the_application_PIN()
    {
        using var card = Ts48FileSystemTests.CardWith(V7);
        card.Transmit(SelectUsim);
        var autn = AkaNetwork.Autn(Network, Rand, 32);
        Assert.Equal("6982", Authenticate(card, Rand, autn));
        // The refused command did not consume the SQN.
        card.Transmit(VerifyPin1);
        Assert.StartsWith("DB", Authenticate(card, Rand, autn), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("p1", "6A86")]
    [InlineData("undefined-context", "6A86")]
    [InlineData("gba-context", "9864")]
    [InlineData("short-autn", "6700")]
    [InlineData("short-rand", "6A80")]
    public void Malformed_AUTHENTICATE_gets_its_status_word_and_changes_nothing(string kind, string sw)
    {
        using var card = Ts48FileSystemTests.CardWith(V7);
        card.Transmit(SelectUsim);
        card.Transmit(VerifyPin1);
        var autn = AkaNetwork.Autn(Network, Rand, 64);
        var apdu = kind switch
        {
            "p1" => $"008801812210{H(Rand)}10{H(autn)}00",
            "undefined-context" => $"008800832210{H(Rand)}10{H(autn)}00",
            "gba-context" => $"008800842210{H(Rand)}10{H(autn)}00",
            // The AUTN length byte promises 16 bytes, Lc leaves 15: TS 102 221 §10.2.1.3 wrong length.
            "short-autn" => $"008800812110{H(Rand)}10{H(autn[..15])}00",
            // Lengths add up, but a 15-byte RAND is no RAND.
            _ => $"00880081210F{H(Rand[..15])}10{H(autn)}00",
        };
        var stateBefore = card.Euicc.Engine.EnabledProfile!.UiccState;
        Assert.Equal(sw, card.Transmit(apdu));
        Assert.Same(stateBefore, card.Euicc.Engine.EnabledProfile!.UiccState);
        Assert.StartsWith("DB", Authenticate(card, Rand, autn), StringComparison.Ordinal);
    }

    [Fact]
    public void AUTHENTICATE_outside_an_NAA_is_refused()
    {
        using var card = Ts48FileSystemTests.CardWith(V7);
        Assert.Equal("9000", card.Transmit("00A4000C023F00"));
        card.Transmit(VerifyPin1);
        Assert.Equal("6985", Authenticate(card, Rand, AkaNetwork.Autn(Network, Rand, 32)));
    }

    [Fact]
    public void The_GSM_class_RUN_GSM_ALGORITHM_answers_SRES_and_Kc_through_9F0C()
    {
        using var card = Ts48FileSystemTests.CardWith(V7);
        Assert.Equal("6982", card.Transmit($"A088000010{H(Rand)}"));
        Assert.Equal("9000", card.Transmit("A020000108" + "30303030FFFFFFFF"));
        Assert.Equal("9F0C", card.Transmit($"A088000010{H(Rand)}"));
        var answer = card.Transmit("A0C000000C");
        var gsm = Aka.Authenticate(Network, SqnState.Initial, Rand, default, AuthenticationContext.Gsm);
        Assert.Equal(H(gsm.Sres.Span) + H(gsm.Kc.Span) + "9000", answer);
        Assert.Equal("6700", card.Transmit($"A08800000F{H(Rand[..15])}"));
    }

    [Fact]
    public void The_SQN_array_is_committed_survives_a_restart_and_belongs_to_its_profile()
    {
        var dir = Directory.CreateTempSubdirectory("uicc-auth-");
        try
        {
            var db = Path.Combine(dir.FullName, "card.db");
            var sqn = (1000UL << 5) | 9;
            var autn = AkaNetwork.Autn(Network, Rand, sqn);
            var upp = File.ReadAllBytes(V7);
            var profile = ProfileImporter.Import(upp).Profile!;
            using (var store = LiteDbCardStore.Open(db, new LiteDbStoreOptions { IdleCheckpoint = TimeSpan.Zero }))
            {
                using var card = new TestCard(store,
                    options: new EuiccEmulator.Card.CardOs.CardOptions { ProfileMemory = 16 * 1024 * 1024 });
                card.Euicc.Engine.AddPreLoadedProfile(profile, upp);
                card.Euicc.Engine.Enable(EuiccEmulator.State.ProfileSelector.ByIccid(profile.Iccid));
                card.Transmit(SelectUsim);
                card.Transmit(VerifyPin1);
                Assert.StartsWith("DB", Authenticate(card, Rand, autn), StringComparison.Ordinal);
            }
            using (var store = LiteDbCardStore.Open(db, new LiteDbStoreOptions { IdleCheckpoint = TimeSpan.Zero }))
            {
                using var card = new TestCard(store);
                card.Transmit(SelectUsim);
                card.Transmit(VerifyPin1);
                var replay = Authenticate(card, Rand, autn);
                Assert.StartsWith("DC0E", replay, StringComparison.Ordinal);
                Assert.Equal(sqn, AkaNetwork.SqnMsFromAuts(Network, Rand, Convert.FromHexString(replay[4..^4])));
                // Deleting the profile and loading it again starts from its sqnInit.
                Assert.Equal(EuiccEmulator.Rsp.Codes.DisableResult.Ok,
                    card.Euicc.Engine.Disable(EuiccEmulator.State.ProfileSelector.ByIccid(profile.Iccid)));
                Assert.Equal(EuiccEmulator.Rsp.Codes.DeleteResult.Ok,
                    card.Euicc.Engine.Delete(EuiccEmulator.State.ProfileSelector.ByIccid(profile.Iccid)));
                card.Euicc.Engine.AddPreLoadedProfile(profile, upp);
                card.Euicc.Engine.Enable(EuiccEmulator.State.ProfileSelector.ByIccid(profile.Iccid));
                card.Transmit(SelectUsim);
                card.Transmit(VerifyPin1);
                Assert.StartsWith("DB", Authenticate(card, Rand, autn), StringComparison.Ordinal);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_Milenage_profile_answers_the_TS_35_208_set_1_through_APDUs()
    {
        // The TS.48 v7 package with its PE-AKAParameters turned into Milenage with set 1's K and OPc (same lengths).
        var set = MilenageTestSets.All[0];
        var upp = File.ReadAllBytes(V7);
        var from = Convert.FromHexString("8001038101028210" + H(K) + "8310" + new string('0', 32));
        var to = Convert.FromHexString("8001018101008210" + set.K + "8310" + set.Opc);
        var replaced = 0;
        for (var i = upp.AsSpan().IndexOf(from); i >= 0; i = upp.AsSpan().IndexOf(from))
        {
            to.CopyTo(upp, i);
            replaced++;
        }
        Assert.Equal(2, replaced);
        var path = Path.Combine(Path.GetTempPath(), $"milenage-{Guid.NewGuid():N}.der");
        File.WriteAllBytes(path, upp);
        try
        {
            using var card = Ts48FileSystemTests.CardWith(path);
            card.Transmit(SelectUsim);
            card.Transmit(VerifyPin1);
            var sqnXorAk = Convert.FromHexString(set.Sqn).Zip(Convert.FromHexString(set.F5), (a, b) => (byte)(a ^ b)).ToArray();
            var autn = H(sqnXorAk) + set.Amf + set.F1;
            // The set's SQN is beyond Δ (2^28, sqnOptions default '02') of the initial array: MAC-A verifies, the SQN
            // is refused, and AUTS starts with SQN_MS (0) xor AK* = f5*.
            var auts = card.Transmit($"008800812210{set.Rand}10{autn}00").ToUpperInvariant();
            Assert.StartsWith($"DC0E{set.F5Star}".ToUpperInvariant(), auts, StringComparison.Ordinal);
            // RES, CK, IK depend on RAND and the keys only: a fresh SQN gets the set's f2, f3, f4 and Kc.
            var keys = AkaParameters.Milenage(Convert.FromHexString(set.K), Convert.FromHexString(set.Opc));
            var fresh = AkaNetwork.Autn(keys, Convert.FromHexString(set.Rand), 0x20, 0xB9B9);
            Assert.Equal($"DB08{set.F2}10{set.F3}10{set.F4}08{set.GsmKc}9000".ToUpperInvariant(),
                card.Transmit($"008800812210{set.Rand}10{H(fresh)}00").ToUpperInvariant());
            Assert.Equal($"04{set.GsmSres}08{set.GsmKc}9000".ToUpperInvariant(),
                card.Transmit($"008800801110{set.Rand}00").ToUpperInvariant());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_TUAK_profile_answers_the_TS_35_233_set_1_through_APDUs()
    {
        // The TS.48 v7 package with each PE-AKAParameter re-encoded as TUAK (algorithmID 2) with set 1's K and TOPc,
        // algorithmOptions '00': RES 32 bits, MAC 64 bits, CK and IK 128 bits; one Keccak iteration.
        var set = TuakTests.Sets[0];
        var k = Convert.FromHexString(set.K);
        var topc = Convert.FromHexString(set.Topc);
        var package = new List<byte>();
        var replaced = 0;
        foreach (var pe in ProfileElementReader.ReadAll(File.ReadAllBytes(V7)))
        {
            if (pe.Tag != (int)ProfileElementType.AkaParameter)
            {
                package.AddRange(pe.Encoded.ToArray());
                continue;
            }
            var header = new AsnReader(pe.Content, AsnEncodingRules.DER).ReadEncodedValue();
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4)))
            {
                w.WriteEncodedValue(header.Span);
                using (w.PushSequence(Ctx(1)))
                using (w.PushSequence(Ctx(1)))
                {
                    w.WriteInteger(2, Ctx(0));
                    w.WriteOctetString([0x00], Ctx(1));
                    w.WriteOctetString(k, Ctx(2));
                    w.WriteOctetString(topc, Ctx(3));
                    w.WriteInteger(set.Iterations, Ctx(7));
                }
            }
            package.AddRange(w.Encode());
            replaced++;
        }
        Assert.Equal(2, replaced);
        var path = Path.Combine(Path.GetTempPath(), $"tuak-{Guid.NewGuid():N}.der");
        File.WriteAllBytes(path, [.. package]);
        try
        {
            using var card = Ts48FileSystemTests.CardWith(path);
            card.Transmit(SelectUsim);
            card.Transmit(VerifyPin1);
            var sqnXorAk = Convert.FromHexString(set.Sqn).Zip(Convert.FromHexString(set.F5), (a, b) => (byte)(a ^ b)).ToArray();
            // The set's SQN is beyond Δ of the initial array: MAC-A (f1) verifies and AUTS starts with 0 xor AK* = f5*.
            var auts = card.Transmit($"008800812210{set.Rand}10{H(sqnXorAk)}{set.Amf}{set.F1}00").ToUpperInvariant();
            Assert.StartsWith($"DC0E{set.F5Star}".ToUpperInvariant(), auts, StringComparison.Ordinal);
            // A fresh SQN: the set's RES (f2), CK (f3), IK (f4), and Kc = c3(CK, IK) (EF.UST service n°27).
            var network = AkaParameters.Tuak(k, topc, 4, 8, 16, 16, set.Iterations);
            var fresh = AkaNetwork.Autn(network, Convert.FromHexString(set.Rand), 0x20, 0xFFFF);
            var ck = Convert.FromHexString(set.F3);
            var ik = Convert.FromHexString(set.F4);
            var kc = new byte[8];
            for (var i = 0; i < 8; i++) kc[i] = (byte)(ck[i] ^ ck[i + 8] ^ ik[i] ^ ik[i + 8]);
            Assert.Equal($"DB04{set.F2}10{set.F3}10{set.F4}08{H(kc)}9000".ToUpperInvariant(),
                card.Transmit($"008800812210{set.Rand}10{H(fresh)}00").ToUpperInvariant());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Asn1Tag Ctx(int n) => new(TagClass.ContextSpecific, n);

    private static string H(ReadOnlySpan<byte> b) => Convert.ToHexString(b);
}
