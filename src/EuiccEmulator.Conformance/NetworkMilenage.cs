using System.Security.Cryptography;

namespace EuiccEmulator.Conformance;

/// <summary>
/// The network side of Milenage (3GPP TS 35.206 §4.1), for the AUTHENTICATE cases: written here, apart from the card's,
/// so that a card answer is checked against an independent computation and not against the card's own code.
/// Known answers: TS 35.208 test sets (tests/EuiccEmulator.Conformance.Tests).
/// </summary>
internal sealed class NetworkMilenage : IDisposable
{
    private readonly Aes _aes = Aes.Create();
    private readonly byte[] _opc;

    public NetworkMilenage(byte[] k, byte[] opc)
    {
        _aes.Key = k;
        _opc = opc;
    }

    public void Dispose() => _aes.Dispose();

    /// <summary>f1 (MAC-A) and f1* (MAC-S): OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc, IN1 = SQN||AMF||SQN||AMF.</summary>
    public (byte[] MacA, byte[] MacS) F1(byte[] rand, byte[] sqn, byte[] amf)
    {
        byte[] in1 = [.. sqn, .. amf, .. sqn, .. amf];
        var temp = Temp(rand);
        var x = Rotate(Xor(in1, _opc), 64);
        var out1 = Xor(Encrypt(Xor(temp, x)), _opc);
        return (out1[..8], out1[8..]);
    }

    /// <summary>f2 (RES), f3 (CK), f4 (IK), f5 (AK) and f5* (AK*) from OUT2..OUT5 (r2..r5 = 0, 32, 64, 96; c2..c5 = 1, 2, 4, 8).</summary>
    public (byte[] Res, byte[] Ck, byte[] Ik, byte[] Ak, byte[] AkStar) F2345(byte[] rand)
    {
        var temp = Temp(rand);
        byte[] Out(int rotation, byte constant)
        {
            var x = Rotate(Xor(temp, _opc), rotation);
            x[15] ^= constant;
            return Xor(Encrypt(x), _opc);
        }
        var out2 = Out(0, 1);
        return (out2[8..], Out(32, 2), Out(64, 4), out2[..6], Out(96, 8)[..6]);
    }

    /// <summary>AUTN = SQN xor AK || AMF || MAC-A (TS 33.102 §6.3.2).</summary>
    public byte[] Autn(byte[] rand, byte[] sqn, byte[] amf)
    {
        var ak = F2345(rand).Ak;
        return [.. Xor(sqn, ak), .. amf, .. F1(rand, sqn, amf).MacA];
    }

    private byte[] Temp(byte[] rand) => Encrypt(Xor(rand, _opc));

    private byte[] Encrypt(byte[] block) => _aes.EncryptEcb(block, PaddingMode.None);

    private static byte[] Xor(byte[] a, byte[] b)
    {
        var r = new byte[a.Length];
        for (var i = 0; i < a.Length; i++) r[i] = (byte)(a[i] ^ b[i]);
        return r;
    }

    // Cyclic rotation of the 128-bit value by r bits towards the most significant bit (r is a multiple of 8 here).
    private static byte[] Rotate(byte[] x, int r)
    {
        var bytes = r / 8;
        var result = new byte[16];
        for (var i = 0; i < 16; i++) result[i] = x[(i + bytes) % 16];
        return result;
    }
}
