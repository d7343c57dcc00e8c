using EuiccEmulator.Card.Uicc.Auth;

namespace EuiccEmulator.Card.Tests.Uicc.Auth;

public class SqnStateTests
{
    [Fact]
    public void Round_trips_through_bytes()
    {
        var values = Enumerable.Range(0, 32).Select(i => (ulong)i * 0x0123456789 % SqnPolicy.MaxSeq).ToArray();
        var s = SqnState.FromSeqArray(values);
        var bytes = s.ToBytes();
        Assert.Equal(SqnState.SerializedLength, bytes.Length);
        Assert.Equal(new byte[] { 0x01, 0x20 }, bytes[..2]);
        Assert.True(SqnState.TryParse(bytes, out var back));
        Assert.Equal(s, back);
    }

    [Fact]
    public void Initial_state_vector()
    {
        Assert.Equal("0120" + new string('0', 32 * 12), Convert.ToHexStringLower(SqnState.Initial.ToBytes()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("01")]
    [InlineData("0220")]
    [InlineData("0110")]
    public void Rejects_malformed_bytes(string head)
    {
        var bytes = Convert.FromHexString(head);
        Assert.False(SqnState.TryParse(bytes, out _));
        var full = SqnState.Initial.ToBytes();
        if (head.Length >= 4)
        {
            Convert.FromHexString(head).CopyTo(full, 0);
            Assert.False(SqnState.TryParse(full, out _));
        }
    }

    [Fact]
    public void Rejects_SEQ_above_43_bits_and_wrong_length()
    {
        var full = SqnState.Initial.ToBytes();
        full[2] = 0x08; // first SEQ = 0x080000000000 > 07FFFFFFFFFF
        Assert.False(SqnState.TryParse(full, out _));
        Assert.False(SqnState.TryParse(SqnState.Initial.ToBytes().AsSpan(0, SqnState.SerializedLength - 1), out _));
        Assert.Throws<ArgumentException>(() => SqnState.FromSeqArray(new ulong[31]));
    }

    [Fact]
    public void SqnMs_is_the_highest_SEQ_with_its_IND()
    {
        var values = new ulong[32];
        values[9] = 77;
        values[4] = 76;
        Assert.Equal((77UL << 5) | 9, SqnState.FromSeqArray(values).SqnMs);
        var init = Enumerable.Repeat(new ReadOnlyMemory<byte>(new byte[] { 0, 0, 0, 0, 0, 5 }), 32).ToList();
        Assert.Equal(5UL << 5, SqnState.FromSaipSqnInit(init).SqnMs);
    }
}
