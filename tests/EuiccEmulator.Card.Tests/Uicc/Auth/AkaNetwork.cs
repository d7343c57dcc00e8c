using EuiccEmulator.Card.Uicc.Auth;

namespace EuiccEmulator.Card.Tests.Uicc.Auth;

/// <summary>The network side for tests: AUTN = SQN ⊕ AK || AMF || MAC-A (TS 33.102 §6.3.2) from the spec functions.</summary>
internal static class AkaNetwork
{
    public static byte[] Autn(AkaParameters p, ReadOnlySpan<byte> rand, ulong sqn, ushort amf = 0x8000)
    {
        var f = Functions(p);
        var (res, ck, ik, ak) = (new byte[f.ResLength], new byte[f.CkLength], new byte[f.IkLength], new byte[6]);
        f.F2345(rand, res, ck, ik, ak);
        var autn = new byte[8 + f.MacLength];
        var sqnBytes = new byte[6];
        for (var i = 0; i < 6; i++) sqnBytes[i] = (byte)(sqn >> (40 - 8 * i));
        for (var i = 0; i < 6; i++) autn[i] = (byte)(sqnBytes[i] ^ ak[i]);
        autn[6] = (byte)(amf >> 8);
        autn[7] = (byte)amf;
        f.F1(rand, sqnBytes, autn.AsSpan(6, 2), autn.AsSpan(8));
        return autn;
    }

    /// <summary>SQN_MS from AUTS, checking MAC-S (TS 33.102 §6.3.5); null when MAC-S is wrong.</summary>
    public static ulong? SqnMsFromAuts(AkaParameters p, ReadOnlySpan<byte> rand, ReadOnlySpan<byte> auts)
    {
        var f = Functions(p);
        var ak = new byte[6];
        f.F5Star(rand, ak);
        var sqnMs = new byte[6];
        for (var i = 0; i < 6; i++) sqnMs[i] = (byte)(auts[i] ^ ak[i]);
        var macS = new byte[f.MacLength];
        f.F1Star(rand, sqnMs, new byte[2], macS);
        if (!macS.AsSpan().SequenceEqual(auts[6..])) return null;
        ulong v = 0;
        foreach (var b in sqnMs) v = (v << 8) | b;
        return v;
    }

    // Separate instances from the card's cached one, so the network side shares no state with the card.
    private static IAkaFunctions Functions(AkaParameters p) => p.Algorithm switch
    {
        AkaAlgorithm.Milenage => new Milenage(p.Key.Span, p.Opc.Span, p.RotationConstants.Span, p.XoringConstants.Span),
        AkaAlgorithm.Tuak => new Tuak(p.Key.Span, p.Opc.Span, p.ResLength, p.MacLength, p.CkLength, p.IkLength, p.KeccakIterations),
        _ => new UsimTestAlgorithm(p.Key.Span, p.ResLength),
    };
}
