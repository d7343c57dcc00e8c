using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace EuiccEmulator.Rsp.Tests.Bsp;

/// <summary>
/// AES-CMAC (NIST SP 800-38B, RFC 4493) with a full 16-byte tag: a second, independent implementation for
/// cross-checking the BSP CMAC (Bsp/AesCmac). Only spans cross this boundary; reusable, not thread-safe.
/// </summary>
internal sealed class BcAesCmac
{
    public const int MacLength = 16;

    private readonly CMac _mac;

    public BcAesCmac(ReadOnlySpan<byte> key)
    {
        if (key.Length is not (16 or 24 or 32))
            throw new ArgumentException("AES key must be 16, 24 or 32 bytes.", nameof(key));
        // The engine factory picks the hardware AES path where the CPU has one.
        _mac = new CMac(AesUtilities.CreateEngine());
        _mac.Init(new KeyParameter(key));
    }

    public void Update(ReadOnlySpan<byte> data) => _mac.BlockUpdate(data);

    /// <summary>Writes the 16-byte tag and resets for the next message.</summary>
    public void Finish(Span<byte> destination)
    {
        if (destination.Length < MacLength)
            throw new ArgumentException("Destination is shorter than the tag.", nameof(destination));
        _mac.DoFinal(destination);
    }

    public static byte[] Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        var cmac = new BcAesCmac(key);
        cmac.Update(data);
        var tag = new byte[MacLength];
        cmac.Finish(tag);
        return tag;
    }
}
