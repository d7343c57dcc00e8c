using EuiccEmulator.Rsp.Bsp;
using EuiccEmulator.Testing;
using static EuiccEmulator.Rsp.Tests.Bsp.BspTestSupport;

namespace EuiccEmulator.Rsp.Tests.Bsp;

// SGP.22 §2.6.4.3 / §2.6.4.4 against public test vectors.
public sealed class BspKnownAnswerTests
{
    private static BspSessionKeys SessionKeys =>
        Keys(BspVectors.Kdf2InitialMcv, BspVectors.Kdf2EncryptionKey, BspVectors.Kdf2MacKey);

    private static BspSessionKeys PpkKeys =>
        Keys(BspVectors.PpkInitialMcv, BspVectors.PpkEncryptionKey, BspVectors.PpkMacKey);

    [Fact]
    public void Wrap_87_88_87Sequence_MatchesVectors()
    {
        using var wrapper = new BspWrapper(SessionKeys);

        Assert.Equal(Hex(BspVectors.ConfigureIsdpProtected), wrapper.Wrap(0x87, Hex(BspVectors.ConfigureIsdp)));
        Assert.Equal(Hex(BspVectors.StoreMetadataProtected), wrapper.Wrap(0x88, Hex(BspVectors.StoreMetadata)));
        Assert.Equal(Hex(BspVectors.ReplaceSessionKeysProtected), wrapper.Wrap(0x87, Hex(BspVectors.ReplaceSessionKeys)));
    }

    [Fact]
    public void Unwrap_87_88_87Sequence_GivesPlaintexts()
    {
        using var unwrapper = new BspUnwrapper(SessionKeys);

        Assert.Equal(Hex(BspVectors.ConfigureIsdp), unwrapper.Unwrap(Hex(BspVectors.ConfigureIsdpProtected)));
        Assert.Equal(Hex(BspVectors.StoreMetadata), unwrapper.Unwrap(Hex(BspVectors.StoreMetadataProtected)));
        Assert.Equal(Hex(BspVectors.ReplaceSessionKeys), unwrapper.Unwrap(Hex(BspVectors.ReplaceSessionKeysProtected)));
    }

    [Fact]
    public void Unwrap_88WithoutCounterBump_WouldBreakNext87()
    {
        // The counter moves on 88 too: skipping the 88 leaves the 87 with the wrong MCV, so the MAC fails.
        using var unwrapper = new BspUnwrapper(SessionKeys);
        unwrapper.Unwrap(Hex(BspVectors.ConfigureIsdpProtected));

        var failure = Failure(() => unwrapper.Unwrap(Hex(BspVectors.ReplaceSessionKeysProtected)));

        Assert.Equal(BspFailure.SecurityError, failure.Failure);
    }

    [Fact]
    public void Wrap_Two86SegmentsUnderPpks_MatchesVectors()
    {
        using var wrapper = new BspWrapper(PpkKeys);

        Assert.Equal(Hex(BspVectors.Segment0Protected), wrapper.Wrap(0x86, Hex(BspVectors.Segment0)));
        Assert.Equal(Hex(BspVectors.Segment1Protected), wrapper.Wrap(0x86, Hex(BspVectors.Segment1)));
    }

    [Fact]
    public void WrapSegments_ConcatenatedSegments_SplitsLikeVectors()
    {
        using var wrapper = new BspWrapper(PpkKeys);

        var segments = wrapper.WrapSegments(0x86, [.. Hex(BspVectors.Segment0), .. Hex(BspVectors.Segment1)]);

        Assert.Equal(2, segments.Count);
        Assert.Equal(Hex(BspVectors.Segment0Protected), segments[0]);
        Assert.Equal(Hex(BspVectors.Segment1Protected), segments[1]);
        Assert.Equal(1020, segments[0].Length);
    }

    [Fact]
    public void Unwrap_Two86SegmentsUnderPpks_GivesPlaintexts()
    {
        using var unwrapper = new BspUnwrapper(PpkKeys);

        Assert.Equal(Hex(BspVectors.Segment0), unwrapper.Unwrap(Hex(BspVectors.Segment0Protected)));
        Assert.Equal(Hex(BspVectors.Segment1), unwrapper.Unwrap(Hex(BspVectors.Segment1Protected)));
    }

    [Fact]
    public void Unwrap_ReplaceSessionKeysThenSegments_GivesPlaintexts()
    {
        using var unwrapper = new BspUnwrapper(SessionKeys);
        unwrapper.Unwrap(Hex(BspVectors.ConfigureIsdpProtected));
        unwrapper.Unwrap(Hex(BspVectors.StoreMetadataProtected));
        unwrapper.Unwrap(Hex(BspVectors.ReplaceSessionKeysProtected));

        unwrapper.ReplaceSessionKeys(PpkKeys);

        Assert.Equal(Hex(BspVectors.Segment0), unwrapper.Unwrap(Hex(BspVectors.Segment0Protected)));
        Assert.Equal(Hex(BspVectors.Segment1), unwrapper.Unwrap(Hex(BspVectors.Segment1Protected)));
    }

    [Fact]
    public void Unwrap_CompleteBoundProfilePackage_GivesConfigureIsdpMetadataAndUpp()
    {
        // SGP.22 §2.5.4: BF36 { BF23 InitialiseSecureChannel, A0 {87}, A1 {88..}, A3 {86..} }; this package has no
        // A2 (ReplaceSessionKeys), its PPKs are given with the vector.
        var bpp = BerWalker.Single(Base64(BspVectors.BppBase64));
        Assert.Equal(0xBF36, bpp.Tag);
        var parts = BerWalker.Children(bpp.Value);
        Assert.Equal([0xBF23, 0xA0, 0xA1, 0xA3], parts.Select(p => p.Tag));

        using var unwrapper = new BspUnwrapper(Keys(BspVectors.BppInitialMcv, BspVectors.BppEncryptionKey, BspVectors.BppMacKey));

        Assert.Equal(Hex(BspVectors.BppConfigureIsdp), UnwrapAll(unwrapper, parts[1]));
        Assert.Equal(Hex(BspVectors.BppStoreMetadata), UnwrapAll(unwrapper, parts[2]));

        unwrapper.ReplaceSessionKeys(Keys(BspVectors.BppPpkInitialMcv, BspVectors.BppPpkEncryptionKey, BspVectors.BppPpkMacKey));

        Assert.Equal(Base64(BspVectors.BppUppBase64), UnwrapAll(unwrapper, parts[3]));
    }

    [Fact]
    public void Wrap_BoundProfilePackage87And88_ReproducesTlvs()
    {
        var parts = BerWalker.Children(BerWalker.Single(Base64(BspVectors.BppBase64)).Value);
        using var wrapper = new BspWrapper(Keys(BspVectors.BppInitialMcv, BspVectors.BppEncryptionKey, BspVectors.BppMacKey));

        Assert.Equal(ProtectedTlvs(parts[1]), [wrapper.Wrap(0x87, Hex(BspVectors.BppConfigureIsdp))]);
        Assert.Equal(ProtectedTlvs(parts[2]), wrapper.WrapSegments(0x88, Hex(BspVectors.BppStoreMetadata)));
    }

    [Fact]
    public void Wrap_1008BytePlaintextLikeThePackage86_ArgumentException()
    {
        // The package's 86 TLVs carry 1008-byte chunks (1036-byte TLVs); the sender limit of 1020 forbids that.
        var first86 = ProtectedTlvs(BerWalker.Children(BerWalker.Single(Base64(BspVectors.BppBase64)).Value)[3])[0];
        Assert.Equal(1036, first86.Length);
        using var wrapper = new BspWrapper(Keys(BspVectors.BppPpkInitialMcv, BspVectors.BppPpkEncryptionKey, BspVectors.BppPpkMacKey));

        Assert.Throws<ArgumentException>(() => wrapper.Wrap(0x86, new byte[1008]));
    }

    // In this package each SEQUENCE OF element's value is the complete protected TLV (tag, length, body, MAC).
    private static List<byte[]> ProtectedTlvs(BerWalker.Tlv sequence)
    {
        var result = new List<byte[]>();
        foreach (var element in BerWalker.Children(sequence.Value))
        {
            Assert.Equal(element.Tag, BerWalker.Single(element.Value).Tag);
            result.Add(element.Value);
        }
        return result;
    }

    private static byte[] UnwrapAll(BspUnwrapper unwrapper, BerWalker.Tlv sequence)
    {
        var plaintext = new List<byte>();
        foreach (var tlv in ProtectedTlvs(sequence))
            plaintext.AddRange(unwrapper.Unwrap(tlv));
        return [.. plaintext];
    }
}
