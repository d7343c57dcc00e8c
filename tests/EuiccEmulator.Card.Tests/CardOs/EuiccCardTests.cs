using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Tests.CardOs;

public class EuiccCardTests
{
    private const string IsdRAid = "A0000005591010FFFFFFFF8900000100";
    private const string EcasdAid = "A0000005591010FFFFFFFF8900000200";
    private const string GetEid = "BF3E035C015A";
    private const string GetEidResponse = "BF3E125A10" + TestIdentity.Eid;

    [Fact]
    public void Atr_Default_HasValidCheckByte()
    {
        var atr = Atr.Default();
        Assert.Equal(0x3B, atr[0]);
        byte x = 0;
        foreach (var b in atr.AsSpan(1)) x ^= b;
        Assert.Equal(0, x);
        Assert.Equal(6 + (atr[1] & 0x0F) + 1, atr.Length);
    }

    [Fact]
    public void SelectIsdR_WithoutLe_Gives61xxThenFci()
    {
        using var card = new TestCard();
        var sw = card.Transmit("00A4040010" + IsdRAid);
        Assert.StartsWith("61", sw);
        var fci = card.Transmit("00C00000" + sw[2..]);
        Assert.Equal("6F2484" + "10" + IsdRAid + "A5049F6501FF" + "E00582030205" + "00" + "E103800100" + "9000", fci);
    }

    [Fact]
    public void SelectIsdR_WithLe_ReturnsFciAnd9000()
    {
        using var card = new TestCard();
        var response = card.Transmit("00A4040010" + IsdRAid + "00");
        Assert.StartsWith("6F", response);
        Assert.EndsWith("9000", response);
    }

    [Fact]
    public void SelectIsdR_WithEnabledProfile_FciSaysEnabledProfile()
    {
        using var card = new TestCard();
        card.AddProfile("89000123456789012341");
        card.Euicc.Engine.Enable(ProfileSelector.ByIccid(Iccid.Parse("89000123456789012341")));
        var response = card.Transmit("00A4040010" + IsdRAid + "00");
        Assert.Contains("E10480020640", response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00A4040C10A0000005591010FFFFFFFF8900000300", "6A82")] // unknown AID
    [InlineData("00A4040C0BA0000005591010FFFF01", "6700")] // Lc does not match the data
    [InlineData("00A4040C03A00000", "6700")] // name shorter than an AID
    [InlineData("00A4000C023F00", "6A82")] // no file system
    [InlineData("00A4050C10A0000005591010FFFFFFFF8900000100", "6A86")] // P1
    [InlineData("00A4041010A0000005591010FFFFFFFF8900000100", "6A86")] // P2
    [InlineData("00A4040210A0000005591010FFFFFFFF8900000100", "6A82")] // next occurrence
    [InlineData("80A4040C10A0000005591010FFFFFFFF8900000100", "6E00")] // SELECT is interindustry
    [InlineData("00B0000000", "6D00")] // READ BINARY with nothing selected
    [InlineData("80E2910006BF3E035C015A", "6D00")] // STORE DATA with nothing selected
    [InlineData("A0A4000002", "6A82")] // GSM class: understood, but no profile enabled, so no file
    [InlineData("01A4040C10A0000005591010FFFFFFFF8900000100", "6881")] // channel not open
    [InlineData("00C0000010", "6985")] // nothing to GET RESPONSE
    [InlineData("00C0010000", "6A86")]
    [InlineData("8012000010", "6985")] // FETCH without proactive command
    [InlineData("80AA00000AA9088100820101830107", "9000")] // TERMINAL CAPABILITY
    [InlineData("8010000002FFFF", "9000")] // TERMINAL PROFILE
    [InlineData("80F2000C", "9000")] // STATUS
    [InlineData("80F2030C", "6A86")]
    [InlineData("00", "6700")]
    [InlineData("00A4", "6700")]
    [InlineData("00A404000500", "6700")] // Lc says 5 but 1 byte follows
    public void Transmit_Command_GivesStatusWord(string apdu, string expected)
    {
        using var card = new TestCard();
        Assert.Equal(expected, card.Transmit(apdu));
        Assert.Empty(card.Errors);
    }

    [Fact]
    public void SelectByPartialAid_SelectsIsdR()
    {
        using var card = new TestCard();
        Assert.Equal("9000", card.Transmit("00A4040C0DA0000005591010FFFFFFFF8900"));
        Assert.Equal(GetEidResponse, card.Es10(GetEid).Data);
    }

    [Fact]
    public void ManageChannel_OpenSelectStoreDataClose_WorksOnChannel()
    {
        using var card = new TestCard();
        Assert.Equal("019000", card.Transmit("0070000001"));
        Assert.Equal("9000", card.Transmit("01A4040C10" + IsdRAid));
        Assert.Equal((GetEidResponse, "9000"), card.Es10(GetEid, channel: 1, blockSize: 10));
        Assert.Equal("9000", card.Transmit("0070800100"));
        Assert.Equal("6881", card.Transmit("81E2910006" + GetEid));
    }

    [Fact]
    public void ManageChannel_Open19Channels_AllUsableThenNoMore()
    {
        using var card = new TestCard();
        for (var expected = 1; expected <= 19; expected++)
            Assert.Equal($"{expected:X2}9000", card.Transmit("0070000001"));
        Assert.Equal("6A81", card.Transmit("0070000001"));
        // Channel 19 uses CLA 4F / CF.
        Assert.Equal("9000", card.Transmit("4FA4040C10" + IsdRAid));
        Assert.Equal((GetEidResponse, "9000"), card.Es10(GetEid, channel: 19));
    }

    [Fact]
    public void ManageChannel_FromChannelWithSelection_InheritsIt()
    {
        using var card = new TestCard();
        card.Transmit("0070000001");
        card.Transmit("01A4040C10" + IsdRAid);
        Assert.Equal("029000", card.Transmit("0170000001"));
        Assert.Equal((GetEidResponse, "9000"), card.Es10(GetEid, channel: 2));
    }

    [Theory]
    [InlineData("0070800000", "6A86")] // basic channel cannot be closed
    [InlineData("0070800500", "6881")] // not open
    [InlineData("0070400000", "6A86")] // P1
    [InlineData("007000140100", "6700")] // data not allowed
    [InlineData("0070001400", "6881")] // channel 20 does not exist
    [InlineData("8070000001", "6E00")]
    public void ManageChannel_Invalid_GivesStatusWord(string apdu, string expected)
    {
        using var card = new TestCard();
        Assert.Equal(expected, card.Transmit(apdu));
    }

    [Fact]
    public void ManageChannel_OpenSpecificChannel_Works()
    {
        using var card = new TestCard();
        Assert.Equal("9000", card.Transmit("0070000300"));
        Assert.Equal("6A81", card.Transmit("0070000300"));
        Assert.Equal("9000", card.Transmit("03A4040C10" + IsdRAid));
    }

    [Fact]
    public void GetResponse_SmallLe_ServesInPieces()
    {
        using var card = new TestCard();
        card.SelectIsdR();
        Assert.Equal("6115", card.Transmit("80E2910006" + GetEid));
        Assert.Equal("BF3E125A10" + "6110", card.Transmit("00C0000005"));
        Assert.Equal(TestIdentity.Eid[..8] + "610C", card.Transmit("80C0000004"));
        Assert.Equal(TestIdentity.Eid[8..] + "9000", card.Transmit("00C000000C"));
        Assert.Equal("6985", card.Transmit("00C0000001"));
    }

    [Fact]
    public void GetResponse_OnOtherChannel_DoesNotSeePendingData()
    {
        using var card = new TestCard();
        card.Transmit("0070000001");
        card.SelectIsdR();
        Assert.Equal("6115", card.Transmit("80E2910006" + GetEid));
        Assert.Equal("6985", card.Transmit("01C0000015"));
        Assert.Equal(GetEidResponse + "9000", card.Transmit("00C0000015"));
    }

    [Fact]
    public void StoreData_WithLe_ReturnsDataDirectly()
    {
        using var card = new TestCard();
        card.SelectIsdR();
        Assert.Equal(GetEidResponse + "9000", card.Transmit("80E2910006" + GetEid + "00"));
    }

    [Fact]
    public void StoreData_ExtendedLc_Accepted()
    {
        using var card = new TestCard();
        card.SelectIsdR();
        Assert.Equal(GetEidResponse + "9000", card.Transmit("80E29100000006" + GetEid + "0000"));
    }

    [Fact]
    public void StoreData_IntermediateBlocks_Answer9000WithoutData()
    {
        using var card = new TestCard();
        card.SelectIsdR();
        Assert.Equal("9000", card.Transmit("80E2110003BF3E03"));
        Assert.Equal("9000", card.Transmit("80E2110101" + "5C"));
        Assert.Equal("6115", card.Transmit("80E2910202015A"));
    }

    [Theory]
    [InlineData("80E2910003BF9900", "6A80")] // unknown function
    [InlineData("80E2910003BF3E05", "6A80")] // length beyond data
    [InlineData("80E2910005BF3E00AABB", "6A80")] // trailing bytes
    [InlineData("80E29100025A00", "6A80")] // not an ES10 tag
    [InlineData("00E2910006BF3E035C015A", "6E00")] // STORE DATA is a GP (proprietary) command
    [InlineData("80E2910106BF3E035C015A", "6A86")] // P2 not 0 for a new sequence
    [InlineData("80E2010006BF3E035C015A", "6A86")] // P1 not BER-TLV
    [InlineData("80E29100", "6700")] // no data
    public void StoreData_Invalid_GivesStatusWord(string apdu, string expected)
    {
        using var card = new TestCard();
        card.SelectIsdR();
        Assert.Equal(expected, card.Transmit(apdu));
        Assert.Empty(card.Errors);
    }

    [Fact]
    public void Ecasd_GetDataEid_ReturnsEid()
    {
        using var card = new TestCard();
        Assert.Equal("9000", card.Transmit("00A4040C10" + EcasdAid));
        Assert.Equal("5A10" + TestIdentity.Eid + "9000", card.Transmit("80CA005A00"));
        Assert.Equal("5A10" + TestIdentity.Eid + "9000", card.Transmit("00CA005A00"));
        Assert.Equal("6A88", card.Transmit("80CA00E000"));
        Assert.Equal("6D00", card.Transmit("80E2910006" + GetEid));
    }

    [Fact]
    public void Reset_ClosesChannelsAndDropsPendingData()
    {
        using var card = new TestCard();
        card.Transmit("0070000001");
        card.SelectIsdR();
        card.Transmit("80E2110003BF3E03");
        card.Euicc.Card.Reset();
        Assert.Equal("6881", card.Transmit("01A4040C10" + IsdRAid));
        Assert.Equal("6D00", card.Transmit("80E2910103" + "5C015A"));
    }
}
