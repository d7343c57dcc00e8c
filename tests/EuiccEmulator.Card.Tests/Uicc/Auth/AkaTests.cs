using EuiccEmulator.Card.Uicc.Auth;

namespace EuiccEmulator.Card.Tests.Uicc.Auth;

public class AkaTests
{
    private static byte[] H(string hex) => Convert.FromHexString(hex);

    private static readonly MilenageTestSet Set1 = MilenageTestSets.All[0];

    private static AkaParameters Milenage1(SqnPolicy? policy = null) => AkaParameters.Milenage(H(Set1.K), H(Set1.Opc), policy);

    private static readonly SqnPolicy NoDelta = new() { CheckDelta = false };

    private static ulong Sqn(ulong seq, int ind) => (seq << 5) | (uint)ind;

    [Fact]
    public void Success_3G_response_is_DB_RES_CK_IK_exact_bytes()
    {
        // TS 35.208 set 1: SQN ff9bb4d0b607, AMF b9b9, AUTN = SQN ⊕ f5 || AMF || f1. That SEQ is far more than Δ ahead
        // of an all-zero array, so the Δ check is off here (and refuses it below).
        var autn = H("55f328b43577b9b94a9ffac354dfafb3");
        var r = Aka.Authenticate(Milenage1(NoDelta), SqnState.Initial, H(Set1.Rand), autn, AuthenticationContext.Umts);
        Assert.Equal(AuthenticationOutcome.Success, r.Outcome);
        Assert.Equal(0x9000, r.StatusWord);
        Assert.Equal("db08" + Set1.F2 + "10" + Set1.F3 + "10" + Set1.F4, Convert.ToHexStringLower(r.ResponseData));
        Assert.True(r.StateChanged);
        var seq = 0xff9bb4d0b607UL >> 5;
        Assert.Equal(seq, r.NewState[0x07]);
        var refused = Aka.Authenticate(Milenage1(), SqnState.Initial, H(Set1.Rand), autn, AuthenticationContext.Umts);
        Assert.Equal(AuthenticationOutcome.SynchronisationFailure, refused.Outcome);
    }

    [Fact]
    public void Success_3G_with_Kc_appends_08_c3()
    {
        var autn = H("55f328b43577b9b94a9ffac354dfafb3");
        var r = Aka.Authenticate(Milenage1(NoDelta), SqnState.Initial, H(Set1.Rand), autn, AuthenticationContext.Umts, includeKc: true);
        Assert.Equal("db08" + Set1.F2 + "10" + Set1.F3 + "10" + Set1.F4 + "08" + Set1.GsmKc, Convert.ToHexStringLower(r.ResponseData));
        Assert.Equal(Set1.GsmKc, Convert.ToHexStringLower(r.Kc.Span));
    }

    [Theory]
    [MemberData(nameof(MilenageTestSets.Names), MemberType = typeof(MilenageTestSets))]
    public void Gsm_context_gives_SRES_and_Kc_of_TS_55_205(string name)
    {
        var t = MilenageTestSets.Get(name);
        var p = AkaParameters.Milenage(H(t.K), H(t.Opc));
        var r = Aka.Authenticate(p, SqnState.Initial, H(t.Rand), default, AuthenticationContext.Gsm);
        Assert.Equal("04" + t.GsmSres + "08" + t.GsmKc, Convert.ToHexStringLower(r.ResponseData));
        Assert.Equal(0x9000, r.StatusWord);
        Assert.False(r.StateChanged);
        Assert.Same(SqnState.Initial, r.NewState);
    }

    [Fact]
    public void Mac_failure_is_9862_without_data_and_state_unchanged()
    {
        var autn = H("55f328b43577b9b94a9ffac354dfafb3");
        autn[^1] ^= 1;
        var state = SqnState.Initial;
        var r = Aka.Authenticate(Milenage1(), state, H(Set1.Rand), autn, AuthenticationContext.Umts);
        Assert.Equal(AuthenticationOutcome.MacFailure, r.Outcome);
        Assert.Equal(0x9862, r.StatusWord);
        Assert.Empty(r.ResponseData);
        Assert.Same(state, r.NewState);
        Assert.False(r.StateChanged);
    }

    [Fact]
    public void Replayed_challenge_is_a_sync_failure_with_verifiable_AUTS()
    {
        var p = Milenage1();
        var rand = H(Set1.Rand);
        var autn = AkaNetwork.Autn(p, rand, Sqn(100, 3));
        var first = Aka.Authenticate(p, SqnState.Initial, rand, autn, AuthenticationContext.Umts);
        Assert.Equal(AuthenticationOutcome.Success, first.Outcome);

        var replay = Aka.Authenticate(p, first.NewState, rand, autn, AuthenticationContext.Umts);
        Assert.Equal(AuthenticationOutcome.SynchronisationFailure, replay.Outcome);
        Assert.Equal(0x9000, replay.StatusWord);
        Assert.Equal(16, replay.ResponseData.Length);
        Assert.Equal(new byte[] { 0xDC, 0x0E }, replay.ResponseData[..2]);
        Assert.Same(first.NewState, replay.NewState);
        Assert.Equal(Sqn(100, 3), AkaNetwork.SqnMsFromAuts(p, rand, replay.Auts.Span));
    }

    [Fact]
    public void Each_IND_slot_is_checked_on_its_own()
    {
        var p = Milenage1();
        var rand = H(Set1.Rand);
        var s = Aka.Authenticate(p, SqnState.Initial, rand, AkaNetwork.Autn(p, rand, Sqn(50, 1)), AuthenticationContext.Umts).NewState;
        // A lower SEQ in another slot is still fresh (TS 33.102 Annex C.2.2).
        var r = Aka.Authenticate(p, s, rand, AkaNetwork.Autn(p, rand, Sqn(40, 2)), AuthenticationContext.Umts);
        Assert.Equal(AuthenticationOutcome.Success, r.Outcome);
        Assert.Equal(40UL, r.NewState[2]);
        Assert.Equal(50UL, r.NewState[1]);
        // The same slot with a lower SEQ is not.
        var stale = Aka.Authenticate(p, r.NewState, rand, AkaNetwork.Autn(p, rand, Sqn(45, 1)), AuthenticationContext.Umts);
        Assert.Equal(AuthenticationOutcome.SynchronisationFailure, stale.Outcome);
        Assert.Equal(Sqn(50, 1), AkaNetwork.SqnMsFromAuts(p, rand, stale.Auts.Span));
    }

    [Fact]
    public void Delta_limits_the_step_forward()
    {
        var p = Milenage1(new SqnPolicy { CheckDelta = true, Delta = 1000 });
        var rand = H(Set1.Rand);
        Assert.Equal(AuthenticationOutcome.Success,
            Aka.Authenticate(p, SqnState.Initial, rand, AkaNetwork.Autn(p, rand, Sqn(1000, 0)), AuthenticationContext.Umts).Outcome);
        Assert.Equal(AuthenticationOutcome.SynchronisationFailure,
            Aka.Authenticate(p, SqnState.Initial, rand, AkaNetwork.Autn(p, rand, Sqn(1001, 0)), AuthenticationContext.Umts).Outcome);
        var off = Milenage1(new SqnPolicy { CheckDelta = false });
        Assert.Equal(AuthenticationOutcome.Success,
            Aka.Authenticate(off, SqnState.Initial, rand, AkaNetwork.Autn(off, rand, Sqn(SqnPolicy.MaxSeq, 0)), AuthenticationContext.Umts)
                .Outcome);
    }

    [Fact]
    public void Age_limit_rejects_old_SEQ_in_a_fresh_slot()
    {
        var p = Milenage1(new SqnPolicy { CheckAgeLimit = true, AgeLimit = 10 });
        var rand = H(Set1.Rand);
        var s = Aka.Authenticate(p, SqnState.Initial, rand, AkaNetwork.Autn(p, rand, Sqn(100, 0)), AuthenticationContext.Umts).NewState;
        Assert.Equal(AuthenticationOutcome.Success,
            Aka.Authenticate(p, s, rand, AkaNetwork.Autn(p, rand, Sqn(90, 1)), AuthenticationContext.Umts).Outcome);
        Assert.Equal(AuthenticationOutcome.SynchronisationFailure,
            Aka.Authenticate(p, s, rand, AkaNetwork.Autn(p, rand, Sqn(89, 1)), AuthenticationContext.Umts).Outcome);
    }

    [Fact]
    public void Test_algorithm_round_trip_and_exact_response()
    {
        var p = AkaParameters.UsimTestAlgorithm(H("000102030405060708090a0b0c0d0e0f"));
        var rand = H("00112233445566778899aabbccddeeff");
        // AUTN worked out from TS 34.108 §8.1.2.1 for SQN 0x20, AMF 8000 (and produced identically by osmo-auc-gen).
        var autn = H("3040506070a08000001020304070e070");
        Assert.Equal(autn, AkaNetwork.Autn(p, rand, 0x20));
        var r = Aka.Authenticate(p, SqnState.Initial, rand, autn, AuthenticationContext.Umts, includeKc: true);
        Assert.Equal("db10" + "00102030405060708090a0b0c0d0e0f0" + "10" + "102030405060708090a0b0c0d0e0f000" + "10" +
            "2030405060708090a0b0c0d0e0f00010" + "08" + "0000000000000000", Convert.ToHexStringLower(r.ResponseData));
        Assert.Equal(1UL, r.NewState[0]);
    }

    [Theory]
    [MemberData(nameof(TuakTests.Names), MemberType = typeof(TuakTests))]
    public void Tuak_round_trip_with_its_AUTN_length(string name)
    {
        var t = TuakTests.Sets.Single(s => s.Name == name);
        var p = AkaParameters.Tuak(H(t.K), H(t.Topc), t.F2.Length / 2, t.F1.Length / 2, t.F3.Length / 2, t.F4.Length / 2, t.Iterations);
        var rand = H(t.Rand);
        var autn = AkaNetwork.Autn(p, rand, Sqn(7, 7));
        Assert.Equal(p.AutnLength, autn.Length);
        var r = Aka.Authenticate(p, SqnState.Initial, rand, autn, AuthenticationContext.Umts);
        Assert.Equal(AuthenticationOutcome.Success, r.Outcome);
        Assert.Equal(t.F2, Convert.ToHexStringLower(r.Res.Span));
        Assert.Equal(t.F3, Convert.ToHexStringLower(r.Ck.Span));
        Assert.Equal(t.F4, Convert.ToHexStringLower(r.Ik.Span));
        var replay = Aka.Authenticate(p, r.NewState, rand, autn, AuthenticationContext.Umts);
        Assert.Equal(AuthenticationOutcome.SynchronisationFailure, replay.Outcome);
        Assert.Equal(6 + p.MacLength, replay.ResponseData[1]);
        Assert.Equal(Sqn(7, 7), AkaNetwork.SqnMsFromAuts(p, rand, replay.Auts.Span));
        var gsm = Aka.Authenticate(p, SqnState.Initial, rand, default, AuthenticationContext.Gsm);
        var fits = p.ResLength <= 16 && p.CkLength == 16 && p.IkLength == 16;
        Assert.Equal(fits ? 0x9000 : 0x9864, gsm.StatusWord);
    }

    [Fact]
    public void Parameters_are_cached_and_compare_by_content()
    {
        var a = Milenage1();
        var b = Milenage1();
        Assert.Equal(a, b);
        Assert.NotEqual(a, AkaParameters.Milenage(H(Set1.K), H(MilenageTestSets.All[1].Opc)));
        Assert.Equal(AkaParameters.MilenageWithOp(H(Set1.K), H(Set1.Op)), a);
        Assert.DoesNotContain(Set1.K, a.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(1, 0x00, "465b5ce8b199b49faa5f0a2ee238a6bc", "cd63cb71954a9f4e48a5994e37a02baf", true)]
    [InlineData(3, 0x02, "000102030405060708090a0b0c0d0e0f", "00000000000000000000000000000000", true)]
    [InlineData(3, 0x03, "000102030405060708090a0b0c0d0e0f", "00000000000000000000000000000000", false)]
    [InlineData(1, 0x00, "465b5ce8b199b49faa5f0a2ee238a6", "cd63cb71954a9f4e48a5994e37a02baf", false)]
    [InlineData(4, 0x00, "465b5ce8b199b49faa5f0a2ee238a6bc", "cd63cb71954a9f4e48a5994e37a02baf", false)]
    public void From_saip(int algorithmId, byte options, string key, string opc, bool ok)
    {
        var result = AkaParameters.TryFromSaip(algorithmId, options, H(key), H(opc), H("4000204060"), default, 1, 0x02,
            H("000010000000"), H("000010000000"), out var p, out var error);
        Assert.Equal(ok, result);
        Assert.Equal(ok, p is not null);
        Assert.Equal(ok, error is null);
        if (algorithmId == 3 && ok) Assert.Equal(16, p!.ResLength);
    }
}
