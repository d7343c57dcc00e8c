using EuiccEmulator.Iso7816;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EuiccEmulator.Iso7816.Tests;

public class CommandApduTests
{
    [Theory]
    [InlineData("00A40400", 0, null, false)] // case 1
    [InlineData("00C0000010", 0, 16, false)] // case 2 short
    [InlineData("00C0000000", 0, 256, false)]
    [InlineData("80E2910003BF2E00", 3, null, false)] // case 3 short
    [InlineData("80E2910003BF2E0000", 3, 256, false)] // case 4 short
    [InlineData("80CA005A000000", 0, 65536, true)] // case 2 extended
    [InlineData("80E29100000003BF2E00", 3, null, true)] // case 3 extended
    [InlineData("80E29100000003BF2E000102", 3, 258, true)] // case 4 extended
    public void Parse_ValidApdu_GivesLcAndLe(string hex, int lc, int? le, bool extended)
    {
        var apdu = CommandApdu.Parse(Convert.FromHexString(hex));
        Assert.Equal(lc, apdu.Data.Length);
        Assert.Equal(le, apdu.Le);
        Assert.Equal(extended, apdu.Extended);
        Assert.Equal(hex, apdu.ToString());
    }

    [Theory]
    [InlineData("", "too short")]
    [InlineData("00A404", "too short")]
    [InlineData("00A4040005A000", "Lc larger than data")]
    [InlineData("00A4040002A0000102", "two bytes after data")]
    [InlineData("00A404000000", "extended Lc of zero")]
    [InlineData("00A40400000002A0", "extended Lc larger than data")]
    public void Parse_MalformedLength_Gives6700(string hex, string why)
    {
        var e = Assert.Throws<CardException>(() => CommandApdu.Parse(Convert.FromHexString(hex)));
        Assert.True(e.StatusWord.Value == 0x6700, why);
    }

    [Property(MaxTest = 300)]
    public Property SerializeThenParse_IsIdentity()
    {
        var gen =
            from header in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 4)
            from extended in ArbMap.Default.GeneratorFor<bool>()
            from length in Gen.Choose(0, extended ? 700 : 255)
            from data in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length)
            from hasLe in ArbMap.Default.GeneratorFor<bool>()
            from le in Gen.Choose(1, extended ? 65536 : 256)
            select (header, extended, data, hasLe, le);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (header, extended, data, hasLe, le) = t;
            // An extended APDU without data or Le is indistinguishable from case 1.
            if (extended && data.Length == 0 && !hasLe) extended = false;
            var apdu = new CommandApdu(header[0], header[1], header[2], header[3], data, hasLe ? le : null, extended);
            var parsed = CommandApdu.Parse(apdu.ToBytes());
            return parsed.ToString() == apdu.ToString() && parsed.Le == apdu.Le && parsed.Extended == apdu.Extended
                && parsed.Data.Span.SequenceEqual(data);
        });
    }
}
