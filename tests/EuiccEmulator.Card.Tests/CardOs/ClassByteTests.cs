using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Iso7816;

namespace EuiccEmulator.Card.Tests.CardOs;

public class ClassByteTests
{
    [Theory]
    [InlineData(0x00, 0, false)]
    [InlineData(0x03, 3, false)]
    [InlineData(0x80, 0, true)]
    [InlineData(0x81, 1, true)]
    [InlineData(0x83, 3, true)]
    [InlineData(0x40, 4, false)]
    [InlineData(0x4F, 19, false)]
    [InlineData(0xC0, 4, true)]
    [InlineData(0xCF, 19, true)]
    public void Decode_ValidClass_GivesChannelAndKind(int cla, int channel, bool proprietary)
    {
        var decoded = ClassByte.Decode((byte)cla);
        Assert.Equal(channel, decoded.Channel);
        Assert.Equal(proprietary, decoded.Proprietary);
    }

    [Theory]
    [InlineData(0x10, 0x6884)] // command chaining
    [InlineData(0x90, 0x6884)]
    [InlineData(0x50, 0x6884)]
    [InlineData(0x04, 0x6882)] // secure messaging
    [InlineData(0x0C, 0x6882)]
    [InlineData(0x60, 0x6882)]
    [InlineData(0xE0, 0x6882)]
    [InlineData(0xA0, 0x6E00)] // GSM class
    [InlineData(0x20, 0x6E00)]
    [InlineData(0xB0, 0x6E00)]
    [InlineData(0xFF, 0x6E00)]
    public void Decode_UnsupportedClass_RaisesStatusWord(int cla, int sw)
    {
        var e = Assert.Throws<CardException>(() => ClassByte.Decode((byte)cla));
        Assert.Equal(sw, e.StatusWord.Value);
    }
}
