using System.Buffers.Binary;
using System.Security.Cryptography;

namespace EuiccEmulator.Card.Uicc.Auth;

/// <summary>
/// Milenage (3GPP TS 35.206 §4.1) for one subscriber: K and OPc fixed, the AES-128 encryptor keyed once and reused.
/// Rotation constants r1..r5 (bits) and XOR constants c1..c5 are parameters (TS 35.206 §4.1; SAIP AlgoParameter
/// rotationConstants / xoringConstants). Not thread-safe: one caller at a time (<see cref="Aka"/> serializes).
/// </summary>
internal sealed class Milenage : IAkaFunctions, IDisposable
{
    /// <summary>Default r1..r5 = 64, 0, 32, 64, 96 (TS 35.206 §4.1; SAIP default '4000204060'H).</summary>
    public static ReadOnlySpan<byte> DefaultRotationConstants => [0x40, 0x00, 0x20, 0x40, 0x60];

    private readonly Aes aes;
    private readonly ICryptoTransform encryptor;
    private readonly UInt128 opc;
    private readonly int[] r = new int[5];
    private readonly UInt128[] c = new UInt128[5];
    private readonly byte[] input = new byte[48];
    private readonly byte[] output = new byte[48];
    private readonly byte[] tempRand = new byte[16];
    private UInt128 temp;
    private bool haveTemp;

    /// <param name="k">K, 16 bytes.</param>
    /// <param name="opc">OPc, 16 bytes (see <see cref="ComputeOpc"/>).</param>
    /// <param name="rotationConstants">r1..r5, 5 bytes; empty for the defaults.</param>
    /// <param name="xoringConstants">c1..c5, 80 bytes; empty for the defaults (c1 = 0, c2..c5 = 1, 2, 4, 8).</param>
    public Milenage(ReadOnlySpan<byte> k, ReadOnlySpan<byte> opc, ReadOnlySpan<byte> rotationConstants = default,
        ReadOnlySpan<byte> xoringConstants = default)
    {
        if (k.Length != 16) throw new ArgumentException("Milenage K must be 16 bytes", nameof(k));
        if (opc.Length != 16) throw new ArgumentException("Milenage OPc must be 16 bytes", nameof(opc));
        if (rotationConstants.IsEmpty) rotationConstants = DefaultRotationConstants;
        if (rotationConstants.Length != 5) throw new ArgumentException("rotation constants must be 5 bytes", nameof(rotationConstants));
        if (!xoringConstants.IsEmpty && xoringConstants.Length != 80)
            throw new ArgumentException("XOR constants must be 80 bytes", nameof(xoringConstants));
        for (var i = 0; i < 5; i++)
        {
            if (rotationConstants[i] > 127) throw new ArgumentException("a rotation constant exceeds 127", nameof(rotationConstants));
            r[i] = rotationConstants[i];
            c[i] = xoringConstants.IsEmpty
                ? (i == 0 ? UInt128.Zero : UInt128.One << (i - 1))
                : BinaryPrimitives.ReadUInt128BigEndian(xoringConstants.Slice(i * 16, 16));
        }
        this.opc = BinaryPrimitives.ReadUInt128BigEndian(opc);
        aes = Aes.Create();
        aes.Mode = CipherMode.ECB;
        aes.Padding = PaddingMode.None;
        aes.Key = k.ToArray();
        encryptor = aes.CreateEncryptor();
    }

    public int ResLength => 8;

    public int MacLength => 8;

    public int CkLength => 16;

    public int IkLength => 16;

    /// <summary>OPc = OP ⊕ E_K(OP) (TS 35.206 §4.1).</summary>
    public static byte[] ComputeOpc(ReadOnlySpan<byte> k, ReadOnlySpan<byte> op)
    {
        if (k.Length != 16) throw new ArgumentException("Milenage K must be 16 bytes", nameof(k));
        if (op.Length != 16) throw new ArgumentException("Milenage OP must be 16 bytes", nameof(op));
        using var aes = Aes.Create();
        aes.Key = k.ToArray();
        var opc = aes.EncryptEcb(op, PaddingMode.None);
        for (var i = 0; i < 16; i++) opc[i] ^= op[i];
        return opc;
    }

    /// <summary>f2 (RES, 8 bytes), f3 (CK, 16), f4 (IK, 16), f5 (AK, 6): OUT2..OUT4 in one pass of three blocks.</summary>
    public void F2345(ReadOnlySpan<byte> rand, Span<byte> res, Span<byte> ck, Span<byte> ik, Span<byte> ak)
    {
        Temp(rand);
        var x = temp ^ opc;
        for (var i = 0; i < 3; i++)
            BinaryPrimitives.WriteUInt128BigEndian(input.AsSpan(i * 16, 16), UInt128.RotateLeft(x, r[i + 1]) ^ c[i + 1]);
        Encrypt(3);
        var out2 = BinaryPrimitives.ReadUInt128BigEndian(output) ^ opc;
        Span<byte> block = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(block, out2);
        block[..6].CopyTo(ak);
        block[8..].CopyTo(res);
        BinaryPrimitives.WriteUInt128BigEndian(ck, BinaryPrimitives.ReadUInt128BigEndian(output.AsSpan(16, 16)) ^ opc);
        BinaryPrimitives.WriteUInt128BigEndian(ik, BinaryPrimitives.ReadUInt128BigEndian(output.AsSpan(32, 16)) ^ opc);
    }

    /// <summary>f1: MAC-A, 8 bytes.</summary>
    public void F1(ReadOnlySpan<byte> rand, ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> amf, Span<byte> macA)
    {
        Out1(rand, sqn, amf);
        output.AsSpan(0, 8).CopyTo(macA);
    }

    /// <summary>f1*: MAC-S, 8 bytes.</summary>
    public void F1Star(ReadOnlySpan<byte> rand, ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> amf, Span<byte> macS)
    {
        Out1(rand, sqn, amf);
        output.AsSpan(8, 8).CopyTo(macS);
    }

    /// <summary>f5*: AK for resynchronisation, 6 bytes (OUT5).</summary>
    public void F5Star(ReadOnlySpan<byte> rand, Span<byte> ak)
    {
        Temp(rand);
        BinaryPrimitives.WriteUInt128BigEndian(input, UInt128.RotateLeft(temp ^ opc, r[4]) ^ c[4]);
        Encrypt(1);
        Span<byte> block = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(block, BinaryPrimitives.ReadUInt128BigEndian(output) ^ opc);
        block[..6].CopyTo(ak);
    }

    public void Dispose()
    {
        encryptor.Dispose();
        aes.Dispose();
    }

    // OUT1 = E_K(TEMP ⊕ rot(IN1 ⊕ OPc, r1) ⊕ c1) ⊕ OPc, IN1 = SQN || AMF || SQN || AMF; left in output[0..16].
    private void Out1(ReadOnlySpan<byte> rand, ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> amf)
    {
        if (sqn.Length != 6) throw new ArgumentException("SQN must be 6 bytes", nameof(sqn));
        if (amf.Length != 2) throw new ArgumentException("AMF must be 2 bytes", nameof(amf));
        Temp(rand);
        Span<byte> in1 = stackalloc byte[16];
        sqn.CopyTo(in1);
        amf.CopyTo(in1[6..]);
        in1[..8].CopyTo(in1[8..]);
        var x = UInt128.RotateLeft(BinaryPrimitives.ReadUInt128BigEndian(in1) ^ opc, r[0]) ^ c[0] ^ temp;
        BinaryPrimitives.WriteUInt128BigEndian(input, x);
        Encrypt(1);
        BinaryPrimitives.WriteUInt128BigEndian(output, BinaryPrimitives.ReadUInt128BigEndian(output) ^ opc);
    }

    // TEMP = E_K(RAND ⊕ OPc), kept for the RAND it was computed for.
    private void Temp(ReadOnlySpan<byte> rand)
    {
        if (rand.Length != 16) throw new ArgumentException("RAND must be 16 bytes", nameof(rand));
        if (haveTemp && rand.SequenceEqual(tempRand)) return;
        BinaryPrimitives.WriteUInt128BigEndian(input, BinaryPrimitives.ReadUInt128BigEndian(rand) ^ opc);
        Encrypt(1);
        temp = BinaryPrimitives.ReadUInt128BigEndian(output);
        rand.CopyTo(tempRand);
        haveTemp = true;
    }

    private void Encrypt(int blocks)
    {
        var n = encryptor.TransformBlock(input, 0, blocks * 16, output, 0);
        if (n != blocks * 16) throw new CryptographicException("AES-ECB returned a short block");
    }
}
