using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Pki;

namespace EuiccEmulator.Benchmarks;

/// <summary>
/// The crypto floor of each scenario: only the primitives the card code performs, keys already imported, no
/// parsing, no state. Counted from the card code:
/// <list type="bullet">
/// <item>AuthenticateServer (Es10b/AuthenticateServerHandler): verify serverSignature1, sign euiccSigned1:
/// 1 verify + 1 sign. CERT.DPauth and CERT.DPpb are verified once per card (IsdR/Download/ServerCertificates), so a
/// repeated download does not verify them again; the first download from an SM-DP+ costs 2 verifications more.</item>
/// <item>Download = AuthenticateServer + PrepareDownload (verify smdpSignature2, generate otPK.EUICC,
/// sign euiccSigned2) + BPP (BppLoader: verify the InitialiseSecureChannel signature, ECDH agreement, X9.63 KDF of
/// the session keys (2 SHA-256 blocks), AES-CMAC over every MACed TLV, AES-CBC decryption of every encrypted TLV,
/// sign the ProfileInstallationResult): 3 verify + 3 sign + ECDH keygen + import of otPK.DP.ECKA (fresh in every
/// download, so never imported ahead) + agreement + KDF + CMAC + CBC.</item>
/// <item>eUICC package (Iot/LoadEuiccPackageHandler): verify eimSignature, sign the result: 1 verify + 1 sign.</item>
/// </list>
/// The byte counts for CMAC and CBC come from a real bound profile package of the same size.
/// </summary>
public class FloorBenchmarks
{
    private readonly byte[] _message = RandomNumberGenerator.GetBytes(300);
    private ECDsa _signer = null!;
    private ECDsa _verifier = null!;
    private byte[] _signature = null!;
    private ECDiffieHellman _peer = null!;
    private ECParameters _peerPoint;
    private ECCurve _curve;
    private Aes _aes = null!;
    private byte[][] _maced = [];
    private byte[][] _encrypted = [];
    private byte[] _scratch = [];

    private void Setup(EcCurve curve, int profileSize)
    {
        _curve = curve.ToNamedCurve();
        _signer = ECDsa.Create(_curve);
        _verifier = ECDsa.Create(_signer.ExportParameters(false));
        _signature = _signer.SignData(_message, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        _peer = ECDiffieHellman.Create(_curve);
        _peerPoint = _peer.ExportParameters(false);
        _aes = Aes.Create();
        _aes.Key = RandomNumberGenerator.GetBytes(16);
        if (profileSize == 0) return;
        // One real download for the exact TLV sizes of the bound profile package.
        using var card = new BenchCard(StoreKind.Memory, curve);
        var result = new DownloadDriver(new Es10Client(card.Card), card.NewSmdp(curve)).Run(Profiles.Request(profileSize));
        var package = result.Package ?? throw new InvalidOperationException("download failed: " + result.Problem);
        var kinds = package.SegmentKinds;
        _maced = [.. package.Segments.Where((_, i) => kinds[i] is BppSegmentKind.ConfigureIsdp or BppSegmentKind.StoreMetadata
            or BppSegmentKind.ReplaceSessionKeys or BppSegmentKind.ProfileData).Select(s => new byte[16 + s.Length])];
        _encrypted = [.. package.Segments.Where((_, i) => kinds[i] is BppSegmentKind.ConfigureIsdp
            or BppSegmentKind.ReplaceSessionKeys or BppSegmentKind.ProfileData).Select(s => new byte[(s.Length - 8) / 16 * 16])];
        _scratch = new byte[_maced.Max(m => m.Length) + 16];
    }

    [GlobalSetup(Target = nameof(Floor_Download_P256_1K))]
    public void SetupP256Small() => Setup(EcCurve.NistP256, 1024);

    [GlobalSetup(Target = nameof(Floor_Download_P256_64K))]
    public void SetupP256Large() => Setup(EcCurve.NistP256, 64 * 1024);

    [GlobalSetup(Target = nameof(Floor_Download_Brainpool_1K))]
    public void SetupBrainpool() => Setup(EcCurve.BrainpoolP256r1, 1024);

    [GlobalSetup(Targets = [nameof(Floor_AuthenticateServer_P256), nameof(Floor_Package)])]
    public void SetupSmall() => Setup(EcCurve.NistP256, 0);

    private void Verify(int n)
    {
        for (var i = 0; i < n; i++)
        {
            if (!_verifier.VerifyData(_message, _signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
                throw new InvalidOperationException();
        }
    }

    private void Sign(int n)
    {
        for (var i = 0; i < n; i++)
            _signer.SignData(_message, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>One download's primitives on the curve and sizes of the set-up that ran (the three download floors).</summary>
    internal int Download()
    {
        Verify(3);
        Sign(3);
        using var otk = ECDiffieHellman.Create(_curve);
        // otPK.DP.ECKA arrives in the command, fresh per download: no card can import it ahead. Its import (OpenSSL
        // checks the point, one scalar multiplication) is part of the floor.
        using var peer = ECDiffieHellman.Create(_peerPoint);
        var secret = otk.DeriveRawSecretAgreement(peer.PublicKey);
        Span<byte> kdf = stackalloc byte[64];
        Span<byte> input = stackalloc byte[32 + 4 + 40];
        secret.CopyTo(input);
        SHA256.HashData(input, kdf);
        SHA256.HashData(input, kdf[32..]);
        Span<byte> iv = stackalloc byte[16];
        foreach (var m in _maced)
        {
            // AES-CMAC = AES-CBC over the (padded) input with a zero IV; the subkey step is a block XOR.
            var whole = m.Length / 16 * 16;
            _aes.EncryptCbc(m.AsSpan(0, whole), iv, _scratch, PaddingMode.None);
            _aes.EncryptEcb(_scratch.AsSpan(0, 16), _scratch.AsSpan(16, 16), PaddingMode.None);
        }
        foreach (var e in _encrypted)
        {
            _aes.EncryptEcb(iv, _scratch.AsSpan(0, 16), PaddingMode.None); // ICV
            _aes.DecryptCbc(e, iv, _scratch, PaddingMode.None);
        }
        return secret.Length;
    }

    [Benchmark]
    public int Floor_Download_P256_1K() => Download();

    [Benchmark]
    public int Floor_Download_P256_64K() => Download();

    [Benchmark]
    public int Floor_Download_Brainpool_1K() => Download();

    [Benchmark]
    public void Floor_AuthenticateServer_P256()
    {
        Verify(1);
        Sign(1);
    }

    [Benchmark]
    public void Floor_Package()
    {
        Verify(1);
        Sign(1);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _signer.Dispose();
        _verifier.Dispose();
        _peer.Dispose();
        _aes.Dispose();
    }
}
