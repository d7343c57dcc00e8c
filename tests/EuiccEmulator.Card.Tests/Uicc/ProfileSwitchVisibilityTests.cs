using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Tests.Uicc;

/// <summary>
/// When the terminal sees a profile switch made through the ISD-R on a logical channel: at once with refreshFlag
/// false; with REFRESH only to a terminal whose TERMINAL PROFILE announced it; otherwise at the next card reset
/// (ETSI TS 102 223 §5.2, §6.4.7; SGP.22 §5.7.16, §5.7.17).
/// </summary>
public sealed class ProfileSwitchVisibilityTests
{
    private static string V7 => Path.Combine(TestPaths.Ts48, "v7", "TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der");
    private const string A = "89000123456789012341";
    private const string B = "89000123456789012358";
    // TERMINAL PROFILE with byte 3 b8 (REFRESH) set.
    private const string TerminalProfileWithRefresh = "8010000004" + "00008000";
    private const string TerminalProfileWithoutRefresh = "8010000004" + "FFFF7FFF";

    /// <summary>A card with TS.48 v7 as profile A (enabled) and a copy with ICCID B and IMSI ...781 (disabled).</summary>
    internal static TestCard TwoProfiles()
    {
        var card = Ts48FileSystemTests.CardWith(V7);
        var upp = File.ReadAllBytes(V7);
        // The header carries the ICCID as plain digits, EF.ICCID as swapped BCD.
        Replace(upp, Convert.FromHexString(A), Convert.FromHexString(B));
        Replace(upp, Convert.FromHexString(TestCard.SwappedIccid(A)), Convert.FromHexString(TestCard.SwappedIccid(B)));
        Replace(upp, Convert.FromHexString("080910101032547698"), Convert.FromHexString("080910101032547618"));
        var imported = ProfileImporter.Import(upp);
        Assert.True(imported.IsSuccess, imported.Error);
        card.Euicc.Engine.AddPreLoadedProfile(imported.Profile!, upp);
        return card;
    }

    private static void Replace(byte[] bytes, byte[] from, byte[] to)
    {
        var at = bytes.AsSpan().IndexOf(from);
        Assert.True(at >= 0);
        Assert.Equal(-1, bytes.AsSpan(at + 1).IndexOf(from));
        to.CopyTo(bytes, at);
    }

    private static string Iccid(TestCard card)
    {
        Assert.Equal("9000", card.Transmit("00A4000C022FE2"));
        var read = card.Transmit("00B000000A");
        Assert.EndsWith("9000", read, StringComparison.Ordinal);
        return read[..^4];
    }

    private static string Imsi(TestCard card)
    {
        Assert.Equal("9000", card.Transmit("00A4040C0CA0000000871002FF49FF0589"));
        Assert.Equal("9000", card.Transmit("002000010830303030FFFFFFFF"));
        Assert.Equal("9000", card.Transmit("00A4000C026F07"));
        var read = card.Transmit("00B0000009");
        Assert.EndsWith("9000", read, StringComparison.Ordinal);
        return read[..^4];
    }

    private static string Enable(string iccid, bool refresh) =>
        $"BF3111A00C5A0A{TestCard.SwappedIccid(iccid)}8101{(refresh ? "FF" : "00")}";

    private static TestCard WithIsdROnChannel1(TestCard card)
    {
        Assert.Equal("019000", card.Transmit("0070000001"));
        card.SelectIsdR(channel: 1);
        return card;
    }

    [Fact]
    public void Without_TERMINAL_PROFILE_a_refresh_switch_ends_9000_and_shows_at_the_next_reset()
    {
        using var card = WithIsdROnChannel1(TwoProfiles());
        Assert.Equal(TestCard.SwappedIccid(A), Iccid(card));
        Assert.Equal("080910101032547698", Imsi(card));
        Assert.Equal(("BF3103800100", "9000"), card.Es10(Enable(B, refresh: true), channel: 1));
        // No proactive command waits, and the terminal still sees A, with A's own files.
        Assert.Equal("6985", card.Transmit("8012000000"));
        Assert.Equal(TestCard.SwappedIccid(A), Iccid(card));
        Assert.Equal("080910101032547698", Imsi(card));
        card.Euicc.Card.Reset();
        Assert.Equal(TestCard.SwappedIccid(B), Iccid(card));
        Assert.Equal("080910101032547618", Imsi(card));
    }

    [Fact]
    public void A_TERMINAL_PROFILE_without_REFRESH_support_gets_no_REFRESH_either()
    {
        using var card = WithIsdROnChannel1(TwoProfiles());
        Assert.Equal("9000", card.Transmit(TerminalProfileWithoutRefresh));
        Assert.Equal(("BF3103800100", "9000"), card.Es10(Enable(B, refresh: true), channel: 1));
        Assert.Equal(TestCard.SwappedIccid(A), Iccid(card));
        card.Euicc.Card.Reset();
        Assert.Equal(TestCard.SwappedIccid(B), Iccid(card));
    }

    [Fact]
    public void With_REFRESH_announced_the_card_issues_REFRESH_and_presents_the_new_profile()
    {
        using var card = WithIsdROnChannel1(TwoProfiles());
        Assert.Equal("9000", card.Transmit(TerminalProfileWithRefresh));
        Assert.Equal(("BF3103800100", "910B"), card.Es10(Enable(B, refresh: true), channel: 1));
        Assert.Equal("D009810301010482028182" + "9000", card.Transmit("801200000B"));
        Assert.Equal(TestCard.SwappedIccid(B), Iccid(card));
        Assert.Equal("080910101032547618", Imsi(card));
    }

    [Fact]
    public void With_refreshFlag_false_the_new_profile_is_presented_at_once()
    {
        using var card = WithIsdROnChannel1(TwoProfiles());
        Assert.Equal(TestCard.SwappedIccid(A), Iccid(card));
        Assert.Equal(("BF3103800100", "9000"), card.Es10(Enable(B, refresh: false), channel: 1));
        Assert.Equal(TestCard.SwappedIccid(B), Iccid(card));
        Assert.Equal("080910101032547618", Imsi(card));
    }

    [Fact]
    public void A_held_switch_keeps_updates_with_the_profile_the_terminal_sees()
    {
        using var card = WithIsdROnChannel1(TwoProfiles());
        Assert.Equal(("BF3103800100", "9000"), card.Es10(Enable(B, refresh: true), channel: 1));
        Imsi(card);
        Assert.Equal("9000", card.Transmit("0020000A083535353535353535"));
        Assert.Equal("9000", card.Transmit("00D6000009089910101032547698"));
        // The update went to A (what the terminal saw), not to the now enabled B.
        Assert.NotNull(card.Euicc.Engine.Find(Rsp.Values.Iccid.Parse(A))!.UiccState);
        Assert.Null(card.Euicc.Engine.Find(Rsp.Values.Iccid.Parse(B))!.UiccState);
        card.Euicc.Card.Reset();
        Assert.Equal("080910101032547618", Imsi(card));
    }

    // Found by UiccModelProperties: switching away and back between two UICC commands kept A's PIN verification.
    [Fact]
    public void Switching_away_and_back_ends_the_PIN_verification()
    {
        using var card = WithIsdROnChannel1(TwoProfiles());
        Assert.Equal("080910101032547698", Imsi(card));
        Assert.Equal(("BF3103800100", "9000"), card.Es10(Enable(B, refresh: false), channel: 1));
        Assert.Equal(("BF3103800100", "9000"), card.Es10(Enable(A, refresh: false), channel: 1));
        Assert.Equal("9000", card.Transmit("00A4040C0CA0000000871002FF49FF0589"));
        Assert.Equal("9000", card.Transmit("00A4000C026F07"));
        Assert.Equal("6982", card.Transmit("00B0000009"));
    }

    [Fact]
    public void TERMINAL_PROFILE_is_forgotten_at_reset()
    {
        using var card = TwoProfiles();
        Assert.Equal("9000", card.Transmit(TerminalProfileWithRefresh));
        card.Euicc.Card.Reset();
        WithIsdROnChannel1(card);
        Assert.Equal(("BF3103800100", "9000"), card.Es10(Enable(B, refresh: true), channel: 1));
        Assert.Equal(EnableResult.ProfileNotInDisabledState, card.Euicc.Engine.Enable(ProfileSelector.ByIccid(Rsp.Values.Iccid.Parse(B))));
    }
}
