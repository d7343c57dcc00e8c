using EuiccEmulator.Rsp.Saip;
using FsCheck.Xunit;

namespace EuiccEmulator.Rsp.Tests.Saip;

public sealed class ProfileElementReaderTests
{
    private static readonly byte[] s_ts48 = File.ReadAllBytes(
        Path.Combine(TestPaths.Ts48, "v7", "TS48_V7.0_eSIM_GTP_SAIP2.3_BERTLV_SUCI.der"));

    private static readonly byte[] s_usim = ProfilePackageBuilder.BuildUsim(SampleProfiles.Usim with { TargetSize = 4000 });

    private static List<byte[]> Chunk(byte[] data, int seed, int maxChunk)
    {
        var random = new Random(seed);
        var chunks = new List<byte[]>();
        for (var offset = 0; offset < data.Length;)
        {
            var size = Math.Min(data.Length - offset, random.Next(0, maxChunk + 1));
            chunks.Add(data[offset..(offset + size)]);
            offset += size;
        }
        return chunks;
    }

    private static string Describe(IEnumerable<ProfileElement> elements) =>
        string.Join("|", elements.Select(e => $"{e.Tag:X}/{e.Identification}/{e.Offset}/{Convert.ToHexString(e.Encoded.Span)}"));

    [Property(MaxTest = 200)]
    public bool Append_AnyChunking_YieldsSameElementsAsWhole(int seed, byte maxChunk, bool generated)
    {
        var data = generated ? s_usim : s_ts48;
        var whole = ProfileElementReader.ReadAll(data);
        var reader = new ProfileElementReader();
        var chunked = new List<ProfileElement>();

        foreach (var chunk in Chunk(data, seed, maxChunk % 64 + 1 + (seed & 1) * 700)) chunked.AddRange(reader.Append(chunk));
        reader.Complete();

        return Describe(whole) == Describe(chunked);
    }

    [Property(MaxTest = 100)]
    public bool Session_AnyChunkingOfTruncatedPackage_GivesSameError(int seed, byte maxChunk, ushort cut)
    {
        var data = s_usim[..(cut % s_usim.Length)];
        var whole = ProfilePackage.Validate(data).Error!;
        var session = new ProfilePackageSession();

        foreach (var chunk in Chunk(data, seed, maxChunk % 32 + 1)) session.Push(chunk);
        var chunked = session.Complete().Error!;

        return (whole.Code, whole.Identification, whole.Tag) == (chunked.Code, chunked.Identification, chunked.Tag);
    }

    [Fact]
    public void Append_SplitInsideMultiByteTagAndLength_CompletesOnLastByte()
    {
        var pe = Convert.FromHexString("BF2081" + "80" + new string('0', 0) + string.Concat(Enumerable.Repeat("00", 128)));
        var reader = new ProfileElementReader();

        var first = reader.Append(pe.AsSpan(0, 1));
        var second = reader.Append(pe.AsSpan(1, 2));
        var third = reader.Append(pe.AsSpan(3, 127));
        var last = reader.Append(pe.AsSpan(130));

        Assert.Empty(first);
        Assert.Empty(second);
        Assert.Empty(third);
        var element = Assert.Single(last);
        Assert.Equal(0xBF20, element.Tag);
        Assert.Equal(4, element.HeaderLength);
        Assert.Equal(pe, element.Encoded.ToArray());
    }

    [Fact]
    public void Append_ElementHeader_ExposesIdentificationAndMandated()
    {
        var element = Assert.Single(ProfileElementReader.ReadAll(Convert.FromHexString("B00FA0058000810109810667810F010201")));

        Assert.Equal(9, element.Identification);
        Assert.True(element.Mandated);
        Assert.Equal("mf", element.Name);
        Assert.Equal(ProfileElementType.Mf, (ProfileElementType)element.Tag);
    }

    [Theory]
    [InlineData("30020000", "not a ProfileElement tag")]
    [InlineData("A0800000", "indefinite length")]
    [InlineData("A0810100", "length not in minimal form")]
    [InlineData("A0850100000000", "length field longer than 4 bytes")]
    [InlineData("BF808020", "tag not in minimal form")]
    [InlineData("BF1E00", "tag not in minimal form")]
    [InlineData("BF81818100", "tag longer than 3 bytes")]
    public void Append_MalformedFraming_ThrowsInvalidRequestFormat(string hex, string reason)
    {
        var reader = new ProfileElementReader();

        var ex = Assert.Throws<SaipException>(() => reader.Append(Convert.FromHexString(hex)));

        Assert.Equal(PeStatusCode.InvalidRequestFormat, ex.Error.Code);
        Assert.Contains(reason, ex.Error.Message, StringComparison.Ordinal);
        Assert.Throws<SaipException>(() => reader.Append([0xAA]));
    }

    [Fact]
    public void Append_LengthBeyondElementLimit_ThrowsNotEnoughMemory()
    {
        var reader = new ProfileElementReader(new SaipLimits { MaxElementSize = 100 });

        var ex = Assert.Throws<SaipException>(() =>
            reader.Append(Convert.FromHexString("A1 8184".Replace(" ", "", StringComparison.Ordinal))));

        Assert.Equal(PeStatusCode.NotEnoughMemory, ex.Error.Code);
        Assert.Equal(0xA1, ex.Error.Tag);
    }

    [Fact]
    public void Complete_PartialElement_ThrowsWithPartialIdentification()
    {
        var reader = new ProfileElementReader();
        reader.Append(Convert.FromHexString("A40FA0058000810106810667"));

        var ex = Assert.Throws<SaipException>(reader.Complete);

        Assert.Equal(PeStatusCode.InvalidRequestFormat, ex.Error.Code);
        Assert.Equal(6, ex.Error.Identification);
        Assert.Equal(0xA4, ex.Error.Tag);
    }

    [Fact]
    public void ReadAll_RandomBytes_NeverThrowsOtherExceptions()
    {
        var random = new Random(1234);
        for (var i = 0; i < 2000; i++)
        {
            var data = new byte[random.Next(0, 64)];
            random.NextBytes(data);
            if (i % 2 == 0 && data.Length > 0) data[0] = (byte)(0xA0 | (data[0] & 0x1F));
            var result = ProfilePackage.Validate(data);
            Assert.False(result.IsSuccess);
        }
    }
}
