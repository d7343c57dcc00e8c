using System.Security.Cryptography;

namespace EuiccEmulator.Rsp.Tests.Bsp;

/// <summary>A plain AES-CMAC written straight from NIST SP 800-38B §6.1/§6.2, as an independent second path.</summary>
internal static class ReferenceCmac
{
    private const int BlockSize = 16;

    public static byte[] Compute(byte[] key, byte[] message)
    {
        using var aes = Aes.Create();
        aes.Key = key;

        // Subkeys: L = CIPH_K(0^128); K1 = L << 1 (xor Rb if msb); K2 = K1 << 1 (xor Rb if msb).
        var l = aes.EncryptEcb(new byte[BlockSize], PaddingMode.None);
        var k1 = Double(l);
        var k2 = Double(k1);

        var n = message.Length == 0 ? 1 : (message.Length + BlockSize - 1) / BlockSize;
        var complete = message.Length != 0 && message.Length % BlockSize == 0;
        var last = new byte[BlockSize];
        var lastStart = (n - 1) * BlockSize;
        var lastLength = message.Length - lastStart;
        Array.Copy(message, lastStart, last, 0, lastLength);
        if (!complete)
            last[lastLength] = 0x80;
        var subkey = complete ? k1 : k2;
        for (var i = 0; i < BlockSize; i++)
            last[i] ^= subkey[i];

        var c = new byte[BlockSize];
        var block = new byte[BlockSize];
        for (var j = 0; j < n; j++)
        {
            if (j < n - 1)
                Array.Copy(message, j * BlockSize, block, 0, BlockSize);
            else
                Array.Copy(last, block, BlockSize);
            for (var i = 0; i < BlockSize; i++)
                block[i] ^= c[i];
            c = aes.EncryptEcb(block, PaddingMode.None);
        }
        return c;
    }

    private static byte[] Double(byte[] value)
    {
        var result = new byte[BlockSize];
        for (var i = 0; i < BlockSize; i++)
            result[i] = (byte)((value[i] << 1) | (i + 1 < BlockSize ? value[i + 1] >> 7 : 0));
        if ((value[0] & 0x80) != 0)
            result[BlockSize - 1] ^= 0x87;
        return result;
    }
}
