using EuiccEmulator.Rsp.Bsp;
using EuiccEmulator.Testing;
using static EuiccEmulator.Rsp.Tests.Bsp.BspTestSupport;

namespace EuiccEmulator.Rsp.Tests.Bsp;

public sealed class BspUnwrapperTests
{
    private static readonly BspSessionKeys Session = Keys(BspVectors.Kdf2InitialMcv, BspVectors.Kdf2EncryptionKey, BspVectors.Kdf2MacKey);

    [Theory]
    [InlineData("", "empty")]
    [InlineData("87", "tag only")]
    [InlineData("8518f6fe031e4b9cfe87c8e1e62f3fde85c49412d7722a6a2d89", "tag 85")]
    [InlineData("8780f6fe031e4b9cfe87c8e1e62f3fde85c49412d7722a6a2d89", "indefinite length")]
    [InlineData("878300001800112233445566778899aabbccddeeff0011223344556677", "three length bytes")]
    [InlineData("8781", "long form without its byte")]
    [InlineData("8707aabbccddeeff00", "value shorter than the MAC")]
    [InlineData("87080011223344556677", "encrypted body empty")]
    [InlineData("87170102030405060708090a0b0c0d0e0f0011223344556677", "encrypted body 15 bytes")]
    public void Unwrap_MalformedFraming_StructureError(string hex, string description)
    {
        using var unwrapper = new BspUnwrapper(Session);

        var failure = Failure(() => unwrapper.Unwrap(Hex(hex)));

        Assert.True(failure.Failure == BspFailure.StructureError, description);
        Assert.Equal(Hex(BspVectors.ConfigureIsdp), unwrapper.Unwrap(Hex(BspVectors.ConfigureIsdpProtected)));
    }

    [Fact]
    public void Unwrap_NonMinimalLongFormLength_AcceptedWhenMacCoversIt()
    {
        // X.690 §8.1.3.5: BER allows 81 0A for 10; the MAC is over the length bytes as sent.
        byte[] header = [0x88, 0x81, 0x0A];
        byte[] body = [0x5A, 0x00];
        var mac = ReferenceCmac.Compute(Session.MacKey, [.. Session.InitialMacChainingValue, .. header, .. body]);
        byte[] longForm = [.. header, .. body, .. mac[..8]];
        byte[] shortForm = [0x88, 0x0A, .. body, .. mac[..8]];
        using var unwrapper = new BspUnwrapper(Session);

        // Same body with the minimal length: the MAC no longer matches.
        Assert.Equal(BspFailure.SecurityError, Failure(() => unwrapper.Unwrap(shortForm)).Failure);
        Assert.Equal(body, unwrapper.Unwrap(longForm));
    }

    [Theory]
    [InlineData("5a0102030405060708090a0b0c0d0e0f", "no 80 at all")]
    [InlineData("0102030405060708090a0b0c0d0e8001", "80 followed by a non-zero byte")]
    [InlineData("00000000000000000000000000000000", "all zeros")]
    [InlineData("8000000000000000000000000000000000000000000000000000000000000000", "80 followed by 31 zeros")]
    public void Unwrap_ValidMacButBadPadding_SecurityErrorAndStateUnchanged(string paddedPlaintext, string description)
    {
        var body = Hex(paddedPlaintext);
        var bad = ProtectRaw(Session, Session.InitialMacChainingValue, 1, 0x87, body, encrypt: true, out _);
        using var unwrapper = new BspUnwrapper(Session);

        var failure = Failure(() => unwrapper.Unwrap(bad));

        Assert.True(failure.Failure == BspFailure.SecurityError, description);
        Assert.Equal(Hex(BspVectors.ConfigureIsdp), unwrapper.Unwrap(Hex(BspVectors.ConfigureIsdpProtected)));
    }

    [Fact]
    public void Unwrap_RawProtectedTlv_MatchesIndependentConstruction()
    {
        // 80 padding built by hand, MAC by the reference CMAC: the unwrapper agrees with first principles.
        var tlv = ProtectRaw(Session, Session.InitialMacChainingValue, 1, 0x87, Hex("bf240080000000000000000000000000"), encrypt: true,
            out _);

        Assert.Equal(Hex(BspVectors.ConfigureIsdpProtected), tlv);
    }

    [Fact]
    public void Unwrap_SameTlvTwice_SecondIsSecurityError()
    {
        // Replay: the chaining value has moved on.
        using var unwrapper = new BspUnwrapper(Session);
        unwrapper.Unwrap(Hex(BspVectors.ConfigureIsdpProtected));

        Assert.Equal(BspFailure.SecurityError, Failure(() => unwrapper.Unwrap(Hex(BspVectors.ConfigureIsdpProtected))).Failure);
    }

    [Fact]
    public void Unwrap_TlvOver1020Bytes_Accepted()
    {
        var plaintext = new byte[1500];
        new Random(7).NextBytes(plaintext);
        var tlv = ProtectRaw(Session, Session.InitialMacChainingValue, 1, 0x86, [.. plaintext, 0x80, .. new byte[3]], encrypt: true, out _);
        using var unwrapper = new BspUnwrapper(Session);

        Assert.Equal(plaintext, unwrapper.Unwrap(tlv));
    }

    [Fact]
    public void Unwrap_Empty88_GivesEmptyPlaintext()
    {
        using var wrapper = new BspWrapper(Session);
        using var unwrapper = new BspUnwrapper(Session);

        var tlv = wrapper.Wrap(0x88, []);

        Assert.Equal(10, tlv.Length);
        Assert.Empty(unwrapper.Unwrap(tlv));
    }

    [Fact]
    public void UnwrapElement_CiphertextThatBeginsLikeANestedHeader_IsTheElementItself()
    {
        // The ciphertext begins 87 16 and the element's value is 24 bytes: it reads as an 87 TLV nested in the element.
        // A download failed this way about once in 60,000 while that reading was tried first.
        var plaintext = Hex("bf2409b80785050000003711");
        var tlv = ProtectRaw(Session, Session.InitialMacChainingValue, 1, 0x87, [.. plaintext, 0x80, 0, 0, 0], encrypt: true, out _);
        Assert.Equal(Hex("87188716"), tlv[..4]);
        using var unwrapper = new BspUnwrapper(Session);

        Assert.Equal(plaintext, unwrapper.UnwrapElement(tlv));
    }

    [Fact]
    public void UnwrapElement_TlvNestedInAnElementOfTheSameTag_Accepted()
    {
        var tlv = Hex(BspVectors.ConfigureIsdpProtected);
        using var unwrapper = new BspUnwrapper(Session);

        Assert.Equal(Hex(BspVectors.ConfigureIsdp), unwrapper.UnwrapElement([0x87, (byte)tlv.Length, .. tlv]));
        // The chain moved on: the same TLV again is a replay.
        Assert.Equal(BspFailure.SecurityError, Failure(() => unwrapper.UnwrapElement(tlv)).Failure);
    }

    [Theory]
    [InlineData("88", "another tag inside")]
    [InlineData("87", "same tag inside, MAC broken")]
    public void UnwrapElement_NestedReadingFailsToo_ElementsOwnFailureAndStateUnchanged(string innerTag, string description)
    {
        var tlv = Hex(BspVectors.ConfigureIsdpProtected);
        tlv[0] = Hex(innerTag)[0];
        if (innerTag == "87") tlv[^1] ^= 1;
        using var unwrapper = new BspUnwrapper(Session);

        var failure = Failure(() => unwrapper.UnwrapElement([0x87, (byte)tlv.Length, .. tlv]));

        Assert.True(failure.Failure == BspFailure.StructureError, description); // 18 bytes of body: not whole blocks
        Assert.Equal(Hex(BspVectors.ConfigureIsdp), unwrapper.UnwrapElement(Hex(BspVectors.ConfigureIsdpProtected)));
    }
}
