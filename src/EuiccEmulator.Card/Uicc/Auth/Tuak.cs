using System.Buffers.Binary;

namespace EuiccEmulator.Card.Uicc.Auth;

/// <summary>
/// TUAK (3GPP TS 35.231) for one subscriber: every function is Keccak-f[1600] (iterated <see cref="KeccakIterations"/>
/// times) over one 1600-bit block laid out as TOPc | INSTANCE | ALGONAME | RAND | AMF | SQN | KEY | padding
/// (TS 35.231 §6). TS 35.231 numbers bits so that each field lands byte-reversed in the little-endian lanes; outputs
/// are read back the same way. Not thread-safe: one caller at a time (<see cref="Aka"/> serializes).
/// </summary>
internal sealed class Tuak : IAkaFunctions
{
    private const int StateBytes = 200;
    private static ReadOnlySpan<byte> AlgorithmName => "TUAK1.0"u8;

    private readonly byte[] topc;
    private readonly byte[] k;
    private readonly byte[] block = new byte[StateBytes];
    private readonly ulong[] lanes = new ulong[25];

    /// <param name="k">K, 16 or 32 bytes.</param>
    /// <param name="topc">TOPc, 32 bytes (see <see cref="ComputeTopc"/>).</param>
    /// <param name="resLength">RES: 4, 8, 16 or 32 bytes.</param>
    /// <param name="macLength">MAC-A / MAC-S: 8, 16 or 32 bytes.</param>
    /// <param name="ckLength">CK: 16 or 32 bytes.</param>
    /// <param name="ikLength">IK: 16 or 32 bytes.</param>
    /// <param name="keccakIterations">Number of Keccak-f[1600] applications per function, at least 1 (TS 35.231 §7.2).</param>
    public Tuak(ReadOnlySpan<byte> k, ReadOnlySpan<byte> topc, int resLength = 8, int macLength = 8, int ckLength = 16,
        int ikLength = 16, int keccakIterations = 1)
    {
        CheckKey(k);
        if (topc.Length != 32) throw new ArgumentException("TUAK TOPc must be 32 bytes", nameof(topc));
        if (resLength is not (4 or 8 or 16 or 32)) throw new ArgumentOutOfRangeException(nameof(resLength), "RES is 4, 8, 16 or 32 bytes");
        if (macLength is not (8 or 16 or 32)) throw new ArgumentOutOfRangeException(nameof(macLength), "MAC is 8, 16 or 32 bytes");
        if (ckLength is not (16 or 32)) throw new ArgumentOutOfRangeException(nameof(ckLength), "CK is 16 or 32 bytes");
        if (ikLength is not (16 or 32)) throw new ArgumentOutOfRangeException(nameof(ikLength), "IK is 16 or 32 bytes");
        if (keccakIterations < 1) throw new ArgumentOutOfRangeException(nameof(keccakIterations), "at least one iteration");
        this.k = k.ToArray();
        this.topc = topc.ToArray();
        ResLength = resLength;
        MacLength = macLength;
        CkLength = ckLength;
        IkLength = ikLength;
        KeccakIterations = keccakIterations;
    }

    public int ResLength { get; }

    public int MacLength { get; }

    public int CkLength { get; }

    public int IkLength { get; }

    public int KeccakIterations { get; }

    /// <summary>TOPc from TOP and K (TS 35.231 §6.2): the permutation over TOP with RAND, AMF and SQN zero.</summary>
    public static byte[] ComputeTopc(ReadOnlySpan<byte> k, ReadOnlySpan<byte> top, int keccakIterations = 1)
    {
        CheckKey(k);
        if (top.Length != 32) throw new ArgumentException("TUAK TOP must be 32 bytes", nameof(top));
        if (keccakIterations < 1) throw new ArgumentOutOfRangeException(nameof(keccakIterations), "at least one iteration");
        var state = new byte[StateBytes];
        Core(state, new ulong[25], top, KeyBit(k), default, default, default, k, keccakIterations);
        var topc = new byte[32];
        Reversed(state.AsSpan(0, 32), topc);
        return topc;
    }

    /// <summary>f1: MAC-A of <see cref="MacLength"/> bytes.</summary>
    public void F1(ReadOnlySpan<byte> rand, ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> amf, Span<byte> macA) =>
        Mac(0x00, rand, sqn, amf, macA);

    /// <summary>f1*: MAC-S of <see cref="MacLength"/> bytes.</summary>
    public void F1Star(ReadOnlySpan<byte> rand, ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> amf, Span<byte> macS) =>
        Mac(0x80, rand, sqn, amf, macS);

    /// <summary>f2 (RES), f3 (CK), f4 (IK), f5 (AK) from one permutation.</summary>
    public void F2345(ReadOnlySpan<byte> rand, Span<byte> res, Span<byte> ck, Span<byte> ik, Span<byte> ak)
    {
        CheckRand(rand);
        // INSTANCE for f2..f5: b6 set; RES, CK and IK sizes; key size (TS 35.231 §6.4).
        var instance = (byte)(0x40 | SizeBits(ResLength) | (CkLength == 32 ? 0x04 : 0) | (IkLength == 32 ? 0x02 : 0) | KeyBit(k));
        Core(block, lanes, topc, instance, rand, default, default, k, KeccakIterations);
        Reversed(block.AsSpan(0, ResLength), res);
        Reversed(block.AsSpan(32, CkLength), ck);
        Reversed(block.AsSpan(64, IkLength), ik);
        Reversed(block.AsSpan(96, 6), ak);
    }

    /// <summary>f5*: AK for resynchronisation.</summary>
    public void F5Star(ReadOnlySpan<byte> rand, Span<byte> ak)
    {
        CheckRand(rand);
        Core(block, lanes, topc, (byte)(0xC0 | KeyBit(k)), rand, default, default, k, KeccakIterations);
        Reversed(block.AsSpan(96, 6), ak);
    }

    private void Mac(byte kind, ReadOnlySpan<byte> rand, ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> amf, Span<byte> mac)
    {
        CheckRand(rand);
        if (sqn.Length != 6) throw new ArgumentException("SQN must be 6 bytes", nameof(sqn));
        if (amf.Length != 2) throw new ArgumentException("AMF must be 2 bytes", nameof(amf));
        // INSTANCE for f1 / f1*: b8 tells f1* from f1; MAC size; key size (TS 35.231 §6.3).
        var instance = (byte)(kind | SizeBits(MacLength) | KeyBit(k));
        Core(block, lanes, topc, instance, rand, amf, sqn, k, KeccakIterations);
        Reversed(block.AsSpan(0, MacLength), mac);
    }

    private static void Core(byte[] state, ulong[] lanes, ReadOnlySpan<byte> top, byte instance, ReadOnlySpan<byte> rand,
        ReadOnlySpan<byte> amf, ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> k, int iterations)
    {
        var s = state.AsSpan();
        s.Clear();
        Reversed(top, s[..32]);
        s[32] = instance;
        Reversed(AlgorithmName, s.Slice(33, 7));
        if (!rand.IsEmpty) Reversed(rand, s.Slice(40, 16));
        if (!amf.IsEmpty) Reversed(amf, s.Slice(56, 2));
        if (!sqn.IsEmpty) Reversed(sqn, s.Slice(58, 6));
        Reversed(k, s.Slice(64, k.Length)); // a 128-bit key leaves bytes 80..95 zero
        s[96] = 0x1F;  // padding of the 1088-bit rate block
        s[135] = 0x80;
        for (var i = 0; i < 25; i++) lanes[i] = BinaryPrimitives.ReadUInt64LittleEndian(s.Slice(i * 8, 8));
        for (var i = 0; i < iterations; i++) KeccakF1600.Permute(lanes);
        for (var i = 0; i < 25; i++) BinaryPrimitives.WriteUInt64LittleEndian(s.Slice(i * 8, 8), lanes[i]);
    }

    private static byte SizeBits(int bytes) => bytes switch { 8 => 0x08, 16 => 0x10, 32 => 0x20, _ => 0x00 };

    private static byte KeyBit(ReadOnlySpan<byte> k) => k.Length == 32 ? (byte)0x01 : (byte)0x00;

    private static void Reversed(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        for (var i = 0; i < source.Length; i++) destination[i] = source[source.Length - 1 - i];
    }

    private static void CheckKey(ReadOnlySpan<byte> k)
    {
        if (k.Length is not (16 or 32)) throw new ArgumentException("TUAK K must be 16 or 32 bytes", nameof(k));
    }

    private static void CheckRand(ReadOnlySpan<byte> rand)
    {
        if (rand.Length != 16) throw new ArgumentException("RAND must be 16 bytes", nameof(rand));
    }
}
