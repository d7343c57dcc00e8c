using EuiccEmulator.Rsp.Bsp;
using EuiccEmulator.Testing;
using static EuiccEmulator.Rsp.Tests.Bsp.BspTestSupport;

namespace EuiccEmulator.Rsp.Tests.Bsp;

// SGP.22 §2.6.4.2
public sealed class BspKeyDerivationTests
{
    [Theory]
    [InlineData(BspVectors.Kdf1SharedSecret, BspVectors.Kdf1Eid, BspVectors.Kdf1InitialMcv, BspVectors.Kdf1EncryptionKey,
        BspVectors.Kdf1MacKey)]
    [InlineData(BspVectors.Kdf2SharedSecret, BspVectors.Kdf2Eid, BspVectors.Kdf2InitialMcv, BspVectors.Kdf2EncryptionKey,
        BspVectors.Kdf2MacKey)]
    public void Derive_PublicVector_ExpectedKeys(string sharedSecret, string eid, string mcv, string enc, string mac)
    {
        var keys = BspKeyDerivation.Derive(Hex(sharedSecret), 0x88, 0x10, Hex(BspVectors.HostId), Hex(eid));

        Assert.Equal(mcv, Convert.ToHexStringLower(keys.InitialMacChainingValue));
        Assert.Equal(enc, Convert.ToHexStringLower(keys.EncryptionKey));
        Assert.Equal(mac, Convert.ToHexStringLower(keys.MacKey));
    }

    [Fact]
    public void Derive_DifferentHostId_DifferentKeys()
    {
        var a = BspKeyDerivation.Derive(Hex(BspVectors.Kdf1SharedSecret), 0x88, 0x10, Hex(BspVectors.HostId), Hex(BspVectors.Kdf1Eid));
        var b = BspKeyDerivation.Derive(Hex(BspVectors.Kdf1SharedSecret), 0x88, 0x10, [0x80], Hex(BspVectors.Kdf1Eid));

        Assert.NotEqual(a.EncryptionKey, b.EncryptionKey);
    }

    [Fact]
    public void Derive_EidNot16Bytes_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() =>
            BspKeyDerivation.Derive(Hex(BspVectors.Kdf1SharedSecret), 0x88, 0x10, Hex(BspVectors.HostId), new byte[10]));
    }

    [Fact]
    public void Derive_KeyLengthNot16_ArgumentOutOfRangeException()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            BspKeyDerivation.Derive(Hex(BspVectors.Kdf1SharedSecret), 0x88, 0x20, Hex(BspVectors.HostId), Hex(BspVectors.Kdf1Eid)));
    }

    [Fact]
    public void BspSessionKeys_WrongLength_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new BspSessionKeys(new byte[16], new byte[15], new byte[16]));
    }
}
