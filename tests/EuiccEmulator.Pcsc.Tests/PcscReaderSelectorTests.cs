namespace EuiccEmulator.Pcsc.Tests;

public class PcscReaderSelectorTests
{
    private static readonly string[] s_readers = ["Virtual PCD 00 00", "Virtual PCD 00 01", "Acme USB Reader [CCID] 01 00"];

    [Theory]
    [InlineData("Virtual PCD 00 00", "Virtual PCD 00 00")]
    [InlineData("Virtual PCD 00 01", "Virtual PCD 00 01")]
    [InlineData("0", "Virtual PCD 00 00")]
    [InlineData("1", "Virtual PCD 00 01")]
    [InlineData("2", "Acme USB Reader [CCID] 01 00")]
    [InlineData("Virtual PCD 00 0", null)] // ambiguous prefix
    [InlineData("acme", "Acme USB Reader [CCID] 01 00")]
    [InlineData("Virtual PCD 00 01 ", null)] // a prefix longer than the name does not match
    [InlineData("3", null)]
    [InlineData("99999999999", null)]
    [InlineData("", null)]
    [InlineData("Other", null)]
    public void Resolve_BySelector(string selector, string? expected)
    {
        if (expected is null)
        {
            var ex = Assert.Throws<PcscException>(() => PcscReaderSelector.Resolve(s_readers, selector));
            Assert.Equal(PcscError.UnknownReader, ex.Error);
            Assert.Equal(selector, ex.Reader);
        }
        else
        {
            Assert.Equal(expected, PcscReaderSelector.Resolve(s_readers, selector));
        }
    }

    [Fact]
    public void Resolve_ExactNameWins_OverPrefixOfAnother()
    {
        string[] readers = ["Reader 1", "Reader 10"];
        Assert.Equal("Reader 1", PcscReaderSelector.Resolve(readers, "Reader 1"));
        Assert.Equal("Reader 10", PcscReaderSelector.Resolve(readers, "reader 10"));
    }

    [Fact]
    public void Resolve_ExactNameWins_OverIndex()
    {
        string[] readers = ["Reader A", "0"];
        Assert.Equal("0", PcscReaderSelector.Resolve(readers, "0"));
        Assert.Equal("Reader A", PcscReaderSelector.Resolve(readers, 0));
    }

    [Theory]
    [InlineData(0, "Virtual PCD 00 00")]
    [InlineData(2, "Acme USB Reader [CCID] 01 00")]
    public void Resolve_ByIndex(int index, string expected) => Assert.Equal(expected, PcscReaderSelector.Resolve(s_readers, index));

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void Resolve_IndexOutOfRange_NamesTheReaders(int index)
    {
        var ex = Assert.Throws<PcscException>(() => PcscReaderSelector.Resolve(s_readers, index));
        Assert.Equal(PcscError.UnknownReader, ex.Error);
        Assert.Contains("'Virtual PCD 00 01'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Ambiguous_ListsTheCandidates()
    {
        var ex = Assert.Throws<PcscException>(() => PcscReaderSelector.Resolve(s_readers, "virtual"));
        Assert.Equal(
            "reader selection on reader 'virtual' failed: SCARD_E_UNKNOWN_READER (0x80100009), no such reader; "
            + "2 readers match: 'Virtual PCD 00 00', 'Virtual PCD 00 01'",
            ex.Message);
    }

    [Fact]
    public void Resolve_NoReaders_IsNoReadersAvailable()
    {
        var ex = Assert.Throws<PcscException>(() => PcscReaderSelector.Resolve([], "Virtual PCD 00 00"));
        Assert.Equal(PcscError.NoReadersAvailable, ex.Error);
        Assert.Equal(PcscError.NoReadersAvailable, Assert.Throws<PcscException>(() => PcscReaderSelector.Resolve([], 0)).Error);
    }
}
