using System.Security.Cryptography;
using EuiccEmulator.Rsp.Bsp;

namespace EuiccEmulator.Rsp.Tests.Bsp;

internal static class BspTestSupport
{
    /// <summary>Hex to bytes, ignoring whitespace (multi-line vectors).</summary>
    public static byte[] Hex(string hex)
    {
        var compact = new System.Text.StringBuilder(hex.Length);
        foreach (var c in hex)
        {
            if (!char.IsWhiteSpace(c))
                compact.Append(c);
        }
        return Convert.FromHexString(compact.ToString());
    }

    public static byte[] Base64(string text)
    {
        var compact = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
                compact.Append(c);
        }
        return Convert.FromBase64String(compact.ToString());
    }

    public static BspSessionKeys Keys(string mcv, string enc, string mac) => new(Hex(mcv), Hex(enc), Hex(mac));

    public static BspSessionKeys RandomKeys(Random random)
    {
        var bytes = new byte[48];
        random.NextBytes(bytes);
        return new BspSessionKeys(bytes[..16], bytes[16..32], bytes[32..]);
    }

    public static BspException Failure(Action action) => Assert.Throws<BspException>(action);

    /// <summary>
    /// Builds a protected TLV from first principles (reference CMAC, AES-CBC with ICV = AES-ECB(counter)),
    /// taking the body as given, so tests can make well-MACed TLVs with wrong contents.
    /// </summary>
    public static byte[] ProtectRaw(
        BspSessionKeys keys, byte[] mcv, long counter, byte tag, byte[] plainBody, bool encrypt, out byte[] nextMcv)
    {
        var body = plainBody;
        if (encrypt)
        {
            using var aes = Aes.Create();
            aes.Key = keys.EncryptionKey;
            var counterBlock = new byte[16];
            System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counterBlock.AsSpan(8), counter);
            var icv = aes.EncryptEcb(counterBlock, PaddingMode.None);
            body = aes.EncryptCbc(plainBody, icv, PaddingMode.None);
        }
        var valueLength = body.Length + 8;
        byte[] header = valueLength switch
        {
            < 0x80 => [tag, (byte)valueLength],
            < 0x100 => [tag, 0x81, (byte)valueLength],
            _ => [tag, 0x82, (byte)(valueLength >> 8), (byte)valueLength],
        };
        nextMcv = ReferenceCmac.Compute(keys.MacKey, [.. mcv, .. header, .. body]);
        return [.. header, .. body, .. nextMcv[..8]];
    }
}
