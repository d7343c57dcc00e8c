using System.Buffers.Binary;
using System.Security.Cryptography;

namespace EuiccEmulator.Rsp.Bsp;

/// <summary>
/// The running state shared by both directions: S-ENC, S-MAC, the MAC chaining value and the block counter.
/// </summary>
internal sealed class BspChannel : IDisposable
{
    private readonly byte[] _mcv = new byte[BspSessionKeys.Length];
    private Aes _aes;
    private AesCmac _cmac;

    public BspChannel(BspSessionKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        (_aes, _cmac) = Create(keys);
        Reset(keys);
    }

    /// <summary>The block counter the next TLV uses for its ICV.</summary>
    public long Counter { get; private set; }

    public Aes Aes => _aes;

    /// <summary>ReplaceSessionKeys: new keys, MCV = their initial value, counter back to 1.</summary>
    // SGP.22 §2.5.3 / §2.6.4.3: the PPKs start a fresh chain.
    public void Replace(BspSessionKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var (aes, cmac) = Create(keys);
        _aes.Dispose();
        _cmac.Dispose();
        _aes = aes;
        _cmac = cmac;
        Reset(keys);
    }

    /// <summary>Full 16-byte CMAC over MCV || tag || length || body; the state is not changed.</summary>
    // SGP.22 §2.6.4.3
    public void ComputeMac(ReadOnlySpan<byte> tagLengthBody, Span<byte> fullMac)
    {
        _cmac.Compute(_mcv, tagLengthBody, fullMac);
    }

    /// <summary>ICV = AES-ECB(S-ENC, counter as a 16-byte big-endian block).</summary>
    // SGP.22 §2.6.4.4
    public void ComputeIcv(Span<byte> icv)
    {
        Span<byte> block = stackalloc byte[BspTlv.BlockSize];
        block.Clear();
        BinaryPrimitives.WriteInt64BigEndian(block[8..], Counter);
        _aes.EncryptEcb(block, icv, PaddingMode.None);
    }

    /// <summary>Accepts one TLV: its full MAC becomes the MCV and the counter moves on (for 88 too).</summary>
    // SGP.22 §2.6.4.4: the counter is incremented for each TLV, MAC-only ones included.
    public void Advance(ReadOnlySpan<byte> fullMac)
    {
        fullMac.CopyTo(_mcv);
        Counter++;
    }

    public void Dispose()
    {
        _aes.Dispose();
        _cmac.Dispose();
        CryptographicOperations.ZeroMemory(_mcv);
    }

    private static (Aes Aes, AesCmac Cmac) Create(BspSessionKeys keys)
    {
        var aes = Aes.Create();
        aes.Key = keys.EncryptionKey;
        return (aes, new AesCmac(keys.MacKey));
    }

    private void Reset(BspSessionKeys keys)
    {
        keys.InitialMacChainingValue.CopyTo(_mcv, 0);
        Counter = 1;
    }
}
