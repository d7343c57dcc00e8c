using System.Security.Cryptography;

namespace EuiccEmulator.Card.Uicc.Auth;

/// <summary>
/// The USIM side of AKA (3GPP TS 33.102 §6.3.3, Annex C; TS 31.102 §7.1.2) as a pure function of the profile's
/// parameters, its SQN state and the challenge: nothing is kept between calls except the parameters' cached
/// algorithm instance.
/// </summary>
internal static class Aka
{
    // TS 33.102 §6.3.3: MAC-S is computed with a dummy AMF of all zeros.
    private static ReadOnlySpan<byte> ResyncAmf => [0x00, 0x00];

    /// <summary>
    /// AUTHENTICATE. 3G context: checks MAC-A first (failure: 9862, state unchanged), then SQN freshness per
    /// TS 33.102 Annex C.2 (failure: 'DC' 0E AUTS with SQN_MS, state unchanged), else answers
    /// 'DB' L RES L CK L IK [L Kc] and returns the state with SEQ_MS(IND) = SEQ. Kc = c3(CK, IK) is included when
    /// <paramref name="includeKc"/> (TS 31.102 §7.1.2.1: service n°27 "GSM Access" available) and CK / IK are 128 bits.
    /// GSM context: <paramref name="autn"/> must be empty; answers 04 SRES 08 Kc with SRES = c2(RES), Kc = c3(CK, IK)
    /// (TS 33.102 §6.8.1.2), state unchanged.
    /// Lengths must be those <see cref="AuthenticateCommandData.TryParse"/> accepts; anything else throws
    /// <see cref="ArgumentException"/>.
    /// </summary>
    public static AuthenticationResult Authenticate(AkaParameters parameters, SqnState sqnState, ReadOnlySpan<byte> rand,
        ReadOnlySpan<byte> autn, AuthenticationContext context, bool includeKc = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(sqnState);
        if (rand.Length != 16) throw new ArgumentException("RAND must be 16 bytes", nameof(rand));
        var f = parameters.Functions;
        lock (f)
        {
            return context switch
            {
                AuthenticationContext.Umts => Umts(parameters, f, sqnState, rand, autn, includeKc),
                AuthenticationContext.Gsm => autn.IsEmpty
                    ? Gsm(f, sqnState, rand)
                    : throw new ArgumentException("the GSM context takes no AUTN", nameof(autn)),
                _ => throw new ArgumentOutOfRangeException(nameof(context)),
            };
        }
    }

    private static AuthenticationResult Umts(AkaParameters p, IAkaFunctions f, SqnState state, ReadOnlySpan<byte> rand,
        ReadOnlySpan<byte> autn, bool includeKc)
    {
        if (autn.Length != p.AutnLength) throw new ArgumentException($"AUTN must be {p.AutnLength} bytes", nameof(autn));
        int resLen = f.ResLength, ckLen = f.CkLength, ikLen = f.IkLength, macLen = f.MacLength;
        var withKc = includeKc && ckLen == 16 && ikLen == 16;

        // Success response layout; RES, CK, IK are computed straight into it and only released if both checks pass.
        var response = new byte[1 + 1 + resLen + 1 + ckLen + 1 + ikLen + (withKc ? 9 : 0)];
        int resAt = 2, ckAt = resAt + resLen + 1, ikAt = ckAt + ckLen + 1, kcAt = ikAt + ikLen + 1;
        Span<byte> ak = stackalloc byte[6];
        f.F2345(rand, response.AsSpan(resAt, resLen), response.AsSpan(ckAt, ckLen), response.AsSpan(ikAt, ikLen), ak);

        Span<byte> sqn = stackalloc byte[6];
        for (var i = 0; i < 6; i++) sqn[i] = (byte)(autn[i] ^ ak[i]);
        Span<byte> xmac = stackalloc byte[32];
        xmac = xmac[..macLen];
        f.F1(rand, sqn, autn.Slice(6, 2), xmac);
        if (!CryptographicOperations.FixedTimeEquals(xmac, autn.Slice(8, macLen)))
        {
            CryptographicOperations.ZeroMemory(response);
            return new AuthenticationResult(AuthenticationOutcome.MacFailure, 0x9862, [], state);
        }

        var received = SqnState.ReadUInt48(sqn);
        var seq = received >> SqnPolicy.IndBits;
        var ind = (int)(received & (SqnPolicy.ArraySize - 1));
        if (!IsFresh(p.SqnPolicy, state, seq, ind))
        {
            CryptographicOperations.ZeroMemory(response);
            return SynchronisationFailure(f, state, rand, macLen);
        }

        response[0] = 0xDB;
        response[1] = (byte)resLen;
        response[ckAt - 1] = (byte)ckLen;
        response[ikAt - 1] = (byte)ikLen;
        if (withKc)
        {
            response[kcAt - 1] = 8;
            C3(response.AsSpan(ckAt, 16), response.AsSpan(ikAt, 16), response.AsSpan(kcAt, 8));
        }
        var next = state.With(ind, seq);
        return new AuthenticationResult(AuthenticationOutcome.Success, 0x9000, response, next)
        {
            StateChanged = true,
            Res = response.AsMemory(resAt, resLen),
            Ck = response.AsMemory(ckAt, ckLen),
            Ik = response.AsMemory(ikAt, ikLen),
            Kc = withKc ? response.AsMemory(kcAt, 8) : default,
        };
    }

    // TS 33.102 Annex C.2: SEQ > SEQ_MS(IND) (C.2.2), optionally SEQ - SEQ_MS ≤ Δ (C.2.1) and SEQ_MS - SEQ ≤ L (C.2.2),
    // SEQ_MS being the highest SEQ accepted anywhere in the array.
    internal static bool IsFresh(SqnPolicy policy, SqnState state, ulong seq, int ind)
    {
        if (seq <= state[ind]) return false;
        var highest = state.Highest.Seq;
        if (policy.CheckDelta && seq > highest && seq - highest > policy.Delta) return false;
        if (policy.CheckAgeLimit && highest > seq && highest - seq > policy.AgeLimit) return false;
        return true;
    }

    // AUTS = SQN_MS ⊕ AK* || MAC-S, MAC-S = f1*(SQN_MS, RAND, AMF = 0000) (TS 33.102 §6.3.3, §6.3.5).
    private static AuthenticationResult SynchronisationFailure(IAkaFunctions f, SqnState state, ReadOnlySpan<byte> rand, int macLen)
    {
        var response = new byte[2 + 6 + macLen];
        response[0] = 0xDC;
        response[1] = (byte)(6 + macLen);
        var auts = response.AsSpan(2);
        Span<byte> sqnMs = stackalloc byte[6];
        SqnState.WriteUInt48(sqnMs, state.SqnMs);
        Span<byte> akStar = stackalloc byte[6];
        f.F5Star(rand, akStar);
        for (var i = 0; i < 6; i++) auts[i] = (byte)(sqnMs[i] ^ akStar[i]);
        f.F1Star(rand, sqnMs, ResyncAmf, auts.Slice(6, macLen));
        return new AuthenticationResult(AuthenticationOutcome.SynchronisationFailure, 0x9000, response, state)
        {
            Auts = response.AsMemory(2),
        };
    }

    private static AuthenticationResult Gsm(IAkaFunctions f, SqnState state, ReadOnlySpan<byte> rand)
    {
        // c2 and c3 are defined on RES of at most 128 bits and 128-bit CK / IK.
        if (f.CkLength != 16 || f.IkLength != 16 || f.ResLength > 16)
            return new AuthenticationResult(AuthenticationOutcome.ContextNotSupported, 0x9864, [], state);
        Span<byte> res = stackalloc byte[32];
        res = res[..f.ResLength];
        Span<byte> ck = stackalloc byte[16];
        Span<byte> ik = stackalloc byte[16];
        Span<byte> ak = stackalloc byte[6];
        f.F2345(rand, res, ck, ik, ak);
        var response = new byte[14];
        response[0] = 4;
        C2(res, response.AsSpan(1, 4));
        response[5] = 8;
        C3(ck, ik, response.AsSpan(6, 8));
        CryptographicOperations.ZeroMemory(ck);
        CryptographicOperations.ZeroMemory(ik);
        return new AuthenticationResult(AuthenticationOutcome.Success, 0x9000, response, state)
        {
            Sres = response.AsMemory(1, 4),
            Kc = response.AsMemory(6, 8),
        };
    }

    /// <summary>c2 (TS 33.102 §6.8.1.2): SRES = XOR of the four 32-bit words of RES padded with zeros to 128 bits.</summary>
    public static void C2(ReadOnlySpan<byte> res, Span<byte> sres)
    {
        if (res.Length > 16) throw new ArgumentException("c2 takes RES of at most 128 bits", nameof(res));
        sres[..4].Clear();
        for (var i = 0; i < res.Length; i++) sres[i & 3] ^= res[i];
    }

    /// <summary>c3 (TS 33.102 §6.8.1.2): Kc = CK1 ⊕ CK2 ⊕ IK1 ⊕ IK2 over the 64-bit halves.</summary>
    public static void C3(ReadOnlySpan<byte> ck, ReadOnlySpan<byte> ik, Span<byte> kc)
    {
        for (var i = 0; i < 8; i++) kc[i] = (byte)(ck[i] ^ ck[i + 8] ^ ik[i] ^ ik[i + 8]);
    }
}
