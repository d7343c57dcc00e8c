using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using EuiccEmulator.Card.Uicc.Auth;

namespace EuiccEmulator.Benchmarks;

/// <summary>
/// AUTHENTICATE (3G context, success) with Milenage as the card computes it (Aka.Authenticate: parse nothing, check
/// MAC-A and SQN, build the 'DB' response and the next SQN state) against its floor: the five AES-128 block
/// encryptions Milenage needs for it (TEMP, OUT1 for MAC-A, OUT2 for AK and RES, OUT3 for CK, OUT4 for IK; TS 35.206
/// §4.1) on an encryptor keyed once, in the fewest calls their dependencies allow: TEMP; then OUT2, OUT3 and OUT4 in
/// one call; then OUT1, whose input needs SQN = (SQN ⊕ AK) ⊕ AK with AK from OUT2. Target: Authenticate / floor ≤ 3.
/// </summary>
public class AkaBenchmarks
{
    private AkaParameters _parameters = null!;
    private byte[] _rand = [];
    private byte[] _autn = [];
    private ICryptoTransform _encryptor = null!;
    private readonly byte[] _in = new byte[48];
    private readonly byte[] _out = new byte[48];

    [GlobalSetup]
    public void Setup()
    {
        var k = RandomNumberGenerator.GetBytes(16);
        var opc = RandomNumberGenerator.GetBytes(16);
        _parameters = AkaParameters.Milenage(k, opc);
        _rand = RandomNumberGenerator.GetBytes(16);
        var network = new Milenage(k, opc);
        var (res, ck, ik, ak) = (new byte[8], new byte[16], new byte[16], new byte[6]);
        network.F2345(_rand, res, ck, ik, ak);
        byte[] sqn = [0, 0, 0, 0, 0x04, 0x21]; // SEQ 33, IND 1: fresh against the initial state on every call
        _autn = new byte[16];
        for (var i = 0; i < 6; i++) _autn[i] = (byte)(sqn[i] ^ ak[i]);
        _autn[6] = 0x80;
        network.F1(_rand, sqn, _autn.AsSpan(6, 2), _autn.AsSpan(8));
        if (Aka.Authenticate(_parameters, SqnState.Initial, _rand, _autn, AuthenticationContext.Umts).Outcome
            != AuthenticationOutcome.Success)
        {
            throw new InvalidOperationException("benchmark AUTN refused");
        }
        var aes = Aes.Create();
        aes.Mode = CipherMode.ECB;
        aes.Padding = PaddingMode.None;
        aes.Key = k;
        _encryptor = aes.CreateEncryptor();
    }

    [Benchmark]
    public object Authenticate_Milenage_3G() => // object: the result type is internal to the card
        Aka.Authenticate(_parameters, SqnState.Initial, _rand, _autn, AuthenticationContext.Umts);

    [Benchmark]
    public byte Floor_Authenticate_Milenage_3G()
    {
        _in[0] ^= _out[0]; // chain the calls so none can be skipped
        _encryptor.TransformBlock(_in, 0, 16, _out, 0);
        for (var i = 0; i < 3; i++) _in[i * 16] ^= _out[0]; // OUT2..OUT4 depend on TEMP
        _encryptor.TransformBlock(_in, 0, 48, _out, 0);
        _in[0] ^= _out[0]; // OUT1 depends on AK
        _encryptor.TransformBlock(_in, 0, 16, _out, 0);
        return _out[0];
    }
}
