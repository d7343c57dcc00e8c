namespace EuiccEmulator.Card.Uicc.Auth;

/// <summary>
/// The test algorithm of 3GPP TS 34.108 §8.1.2 (the XOR "usim-test-algorithm" of SAIP, used by the TS.48 profiles):
/// XDOUT = K ⊕ RAND; RES = XDOUT[0..n); CK = XDOUT rotated by 8 bits; IK = XDOUT rotated by 16 bits;
/// AK = XDOUT[bits 24..71]; MAC = XDOUT[bits 0..63] ⊕ (SQN || AMF). For resynchronisation (§8.1.2.2) f5* = f5 and
/// f1* = f1 (with SQN_MS and the dummy AMF).
/// </summary>
internal sealed class UsimTestAlgorithm : IAkaFunctions
{
    private readonly byte[] k;
    private readonly byte[] xdout = new byte[16];

    /// <param name="k">K, 16 bytes.</param>
    /// <param name="resLength">RES length in bytes, 4..16 (TS 34.108 §8.1.2.1: 32 to 128 bits).</param>
    public UsimTestAlgorithm(ReadOnlySpan<byte> k, int resLength = 16)
    {
        if (k.Length != 16) throw new ArgumentException("test algorithm K must be 16 bytes", nameof(k));
        if (resLength is < 4 or > 16) throw new ArgumentOutOfRangeException(nameof(resLength), "RES is 4 to 16 bytes");
        this.k = k.ToArray();
        ResLength = resLength;
    }

    public int ResLength { get; }

    public int MacLength => 8;

    public int CkLength => 16;

    public int IkLength => 16;

    public void F2345(ReadOnlySpan<byte> rand, Span<byte> res, Span<byte> ck, Span<byte> ik, Span<byte> ak)
    {
        Xdout(rand);
        xdout.AsSpan(0, ResLength).CopyTo(res);
        xdout.AsSpan(1).CopyTo(ck);
        ck[15] = xdout[0];
        xdout.AsSpan(2).CopyTo(ik);
        xdout.AsSpan(0, 2).CopyTo(ik[14..]);
        xdout.AsSpan(3, 6).CopyTo(ak);
    }

    public void F1(ReadOnlySpan<byte> rand, ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> amf, Span<byte> macA) =>
        Mac(rand, sqn, amf, macA);

    public void F1Star(ReadOnlySpan<byte> rand, ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> amf, Span<byte> macS) =>
        Mac(rand, sqn, amf, macS);

    public void F5Star(ReadOnlySpan<byte> rand, Span<byte> ak)
    {
        Xdout(rand);
        xdout.AsSpan(3, 6).CopyTo(ak);
    }

    private void Mac(ReadOnlySpan<byte> rand, ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> amf, Span<byte> mac)
    {
        if (sqn.Length != 6) throw new ArgumentException("SQN must be 6 bytes", nameof(sqn));
        if (amf.Length != 2) throw new ArgumentException("AMF must be 2 bytes", nameof(amf));
        Xdout(rand);
        for (var i = 0; i < 6; i++) mac[i] = (byte)(xdout[i] ^ sqn[i]);
        mac[6] = (byte)(xdout[6] ^ amf[0]);
        mac[7] = (byte)(xdout[7] ^ amf[1]);
    }

    private void Xdout(ReadOnlySpan<byte> rand)
    {
        if (rand.Length != 16) throw new ArgumentException("RAND must be 16 bytes", nameof(rand));
        for (var i = 0; i < 16; i++) xdout[i] = (byte)(k[i] ^ rand[i]);
    }
}
