using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Iso7816;

namespace EuiccEmulator.Card.Tests.CardOs;

public class StoreDataAssemblerTests
{
    [Fact]
    public void Add_BlocksInSequence_ReturnsConcatenationOnLastBlock()
    {
        var assembler = new StoreDataAssembler(1000);
        Assert.Null(assembler.Add(0x11, 0, [1, 2]));
        Assert.Null(assembler.Add(0x11, 1, [3]));
        Assert.Equal([1, 2, 3, 4], assembler.Add(0x91, 2, [4]));
        Assert.False(assembler.InProgress);
    }

    [Fact]
    public void Add_BlockNumberGap_Gives6A86AndDiscardsBuffer()
    {
        var assembler = new StoreDataAssembler(1000);
        assembler.Add(0x11, 0, [1]);
        var e = Assert.Throws<CardException>(() => assembler.Add(0x91, 2, [2]));
        Assert.Equal(0x6A86, e.StatusWord.Value);
        Assert.False(assembler.InProgress);
    }

    [Fact]
    public void Add_RestartWithBlockZero_DropsUnfinishedSequence()
    {
        var assembler = new StoreDataAssembler(1000);
        assembler.Add(0x11, 0, [1]);
        Assert.Equal([9], assembler.Add(0x91, 0, [9]));
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x81)]
    [InlineData(0x31)]
    [InlineData(0xD1)]
    public void Add_P1NotBerTlv_Gives6A86(int p1)
    {
        var e = Assert.Throws<CardException>(() => new StoreDataAssembler(100).Add((byte)p1, 0, [1]));
        Assert.Equal(0x6A86, e.StatusWord.Value);
    }

    [Fact]
    public void Add_OverMaximumSize_Gives6A84()
    {
        var assembler = new StoreDataAssembler(4);
        assembler.Add(0x11, 0, [1, 2, 3]);
        var e = Assert.Throws<CardException>(() => assembler.Add(0x91, 1, [4, 5]));
        Assert.Equal(0x6A84, e.StatusWord.Value);
    }

    [Fact]
    public void Add_EmptyBlock_Gives6700()
    {
        var e = Assert.Throws<CardException>(() => new StoreDataAssembler(4).Add(0x91, 0, []));
        Assert.Equal(0x6700, e.StatusWord.Value);
    }
}
