using EuiccEmulator.Rsp.Bsp;
using EuiccEmulator.Testing;
using static EuiccEmulator.Rsp.Tests.Bsp.BspTestSupport;

namespace EuiccEmulator.Rsp.Tests.Bsp;

// SGP.22 §2.5.3: at most 1020 bytes per protected TLV.
public sealed class BspWrapperTests
{
    private static readonly BspSessionKeys Session = Keys(BspVectors.Kdf2InitialMcv, BspVectors.Kdf2EncryptionKey, BspVectors.Kdf2MacKey);

    [Theory]
    [InlineData(0x86, 1007)]
    [InlineData(0x87, 1007)]
    [InlineData(0x88, 1008)]
    public void Wrap_LargestPlaintext_Exactly1020Bytes(byte tag, int length)
    {
        using var wrapper = new BspWrapper(Session);

        Assert.Equal(1020, wrapper.Wrap(tag, new byte[length]).Length);
    }

    [Theory]
    [InlineData(0x86, 1008)]
    [InlineData(0x87, 1008)]
    [InlineData(0x88, 1009)]
    [InlineData(0x88, 100_000)]
    public void Wrap_PlaintextOverLimit_ArgumentException(byte tag, int length)
    {
        using var wrapper = new BspWrapper(Session);

        Assert.Throws<ArgumentException>(() => wrapper.Wrap(tag, new byte[length]));
    }

    [Theory]
    [InlineData(0x85)]
    [InlineData(0x00)]
    [InlineData(0xBF)]
    public void Wrap_NotABspTag_ArgumentException(byte tag)
    {
        using var wrapper = new BspWrapper(Session);

        Assert.Throws<ArgumentException>(() => wrapper.Wrap(tag, [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => wrapper.WrapSegments(tag, [1, 2, 3]));
    }

    [Theory]
    [InlineData(0x86, 1021)]
    [InlineData(0x86, 25)]
    [InlineData(0x88, 10)]
    public void WrapSegments_MaxTlvSizeOutOfRange_ArgumentOutOfRangeException(byte tag, int maxTlvSize)
    {
        using var wrapper = new BspWrapper(Session);

        Assert.Throws<ArgumentOutOfRangeException>(() => wrapper.WrapSegments(tag, [1, 2, 3], maxTlvSize));
    }

    [Theory]
    [InlineData(0x86, 26, 15)]
    [InlineData(0x88, 11, 1)]
    [InlineData(0x86, 130, 111)]
    [InlineData(0x88, 130, 119)]
    [InlineData(0x86, 259, 239)]
    [InlineData(0x88, 260, 248)]
    public void WrapSegments_SmallMaxTlvSize_FillsEachTlvAsFarAsItGoes(byte tag, int maxTlvSize, int perTlv)
    {
        using var wrapper = new BspWrapper(Session);

        var segments = wrapper.WrapSegments(tag, new byte[perTlv * 3], maxTlvSize);

        Assert.Equal(3, segments.Count);
        Assert.All(segments, s => Assert.InRange(s.Length, 1, maxTlvSize));
        Assert.Equal(4, wrapper.WrapSegments(tag, new byte[(perTlv * 3) + 1], maxTlvSize).Count);
    }

    [Fact]
    public void WrapSegments_EmptyPlaintext_OneTlv()
    {
        using var wrapper = new BspWrapper(Session);

        var segments = wrapper.WrapSegments(0x86, []);

        Assert.Single(segments);
        Assert.Equal(2 + 16 + 8, segments[0].Length);
    }

    [Fact]
    public void ReplaceSessionKeys_AfterTraffic_SameOutputAsFreshWrapper()
    {
        // SGP.22 §2.5.3: counter back to 1 and MCV = the PPK initial value.
        var ppk = Keys(BspVectors.PpkInitialMcv, BspVectors.PpkEncryptionKey, BspVectors.PpkMacKey);
        using var used = new BspWrapper(Session);
        used.Wrap(0x87, Hex(BspVectors.ConfigureIsdp));
        used.Wrap(0x88, Hex(BspVectors.StoreMetadata));

        used.ReplaceSessionKeys(ppk);

        Assert.Equal(Hex(BspVectors.Segment0Protected), used.Wrap(0x86, Hex(BspVectors.Segment0)));
    }
}
