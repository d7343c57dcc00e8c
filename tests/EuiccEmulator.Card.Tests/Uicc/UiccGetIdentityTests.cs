using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Card.Tests.Uicc.Suci;

namespace EuiccEmulator.Card.Tests.Uicc;

/// <summary>
/// GET IDENTITY (SUCI context) through APDUs on the TS.48 v7 SUCI profile: IMSI 001010123456789, MNC of 2 digits,
/// routing indicator 'F0FF', services n°124 and n°125 available, EF.SUCI_Calc_Info_USIM listing the null scheme.
/// </summary>
public sealed class UiccGetIdentityTests
{
    private static string Suci => Path.Combine(TestPaths.Ts48, "v7", "TS48_V7.0_eSIM_GTP_SAIP2.3_BERTLV_SUCI.der");
    private static string NoSuci => Path.Combine(TestPaths.Ts48, "v7", "TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der");
    private const string SelectUsim = "00A4040C07A0000000871002";
    private const string VerifyPin1 = "002000010830303030FFFFFFFF";
    private const string VerifyAdm1 = "0020000A083535353535353535";
    private const string GetIdentity = "8078000100";

    private static TestCard ReadyCard(string path = "")
    {
        var card = Ts48FileSystemTests.CardWith(path.Length == 0 ? Suci : path);
        Assert.Equal("9000", card.Transmit(SelectUsim));
        Assert.Equal("9000", card.Transmit(VerifyPin1));
        return card;
    }

    [Fact]
    public void The_null_scheme_SUCI_carries_the_IMSI_parts_in_5GS_mobile_identity_order()
    {
        using var card = ReadyCard();
        // 01: SUCI of an IMSI; 00F110: MCC 001, MNC 01; F0FF: routing indicator 0; 00 00: null scheme, key 0; MSIN.
        Assert.Equal("A10D" + "01" + "00F110" + "F0FF" + "00" + "00" + "1032547698" + "9000", card.Transmit(GetIdentity));
        // Without Le the response is announced by 61xx (case 2 on T=0).
        Assert.Equal("610F", card.Transmit("80780001"));
        Assert.Equal("A10D0100F110F0FF00001032547698" + "9000", card.Transmit("80C000000F"));
    }

    [Fact]
    public void A_three_digit_MNC_an_odd_MSIN_and_a_routing_indicator_come_from_their_files()
    {
        using var card = ReadyCard();
        Assert.Equal("9000", card.Transmit(VerifyAdm1));
        // IMSI 274012001002086 (TS 33.501 Annex C.4), EF.AD with an MNC of 3 digits, routing indicator 678.
        Assert.Equal("9000", card.Transmit("00A4000C026F07"));
        Assert.Equal("9000", card.Transmit("00D6000009082947100210000268"));
        Assert.Equal("9000", card.Transmit("00A4000C026FAD"));
        Assert.Equal("9000", card.Transmit("00D600000400000003"));
        Assert.Equal("9000", card.Transmit("00A4000C025FC0"));
        Assert.Equal("9000", card.Transmit("00A4000C024F0A"));
        Assert.Equal("9000", card.Transmit("00D600000476F8FFFF"));
        Assert.Equal("9000", card.Transmit(SelectUsim));
        // Annex C.4.2.1: scheme output '00012080F6'; TS 24.501: 72 F4 10 for MCC 274, MNC 012.
        Assert.Equal("A10D" + "01" + "72" + "24" + "10" + "76F8" + "00" + "00" + "00012080F6" + "9000", card.Transmit(GetIdentity));
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 27)]
    public void ECIES_profiles_conceal_the_MSIN_so_that_the_home_network_reads_it_back(byte scheme, byte keyId)
    {
        using var card = ReadyCard();
        ProvisionKeys(card, scheme == 1 ? "A00401020000" : "A006020101020000");
        var outputs = new HashSet<string>();
        for (var i = 0; i < 3; i++)
        {
            var response = card.Transmit(GetIdentity);
            Assert.EndsWith("9000", response, StringComparison.Ordinal);
            var suci = Convert.FromHexString(response[..^4]);
            var ephemeral = scheme == 1 ? 32 : 33;
            Assert.Equal([0xA1, (byte)(8 + ephemeral + 5 + 8)], suci[..2]);
            Assert.Equal("0100F110F0FF", Convert.ToHexString(suci, 2, 6));
            Assert.Equal((scheme, keyId), (suci[8], suci[9]));
            var key = scheme == 1 ? EciesTests.ProfileAHnPrivate : EciesTests.ProfileBHnPrivate;
            Assert.Equal("1032547698", Convert.ToHexString(SuciNetwork.Deconceal(scheme, key, suci[10..])!));
            outputs.Add(response);
        }
        // A new ephemeral key every time: three different SUCIs of one SUPI.
        Assert.Equal(3, outputs.Count);
    }

    [Theory]
    [InlineData("0078000100", "6E00")]      // an interindustry class: GET IDENTITY is class 8X
    [InlineData("8078010100", "6A86")]      // P1 other than 00
    [InlineData("8078000300", "6A86")]      // an undefined identity context
    [InlineData("8078000000", "6A86")]
    [InlineData("8078000200", "6A81")]      // SUCI 5G NSWO context: not offered
    [InlineData("8078000101FF00", "6700")]  // command data
    public void Malformed_commands_get_their_status_word_and_change_nothing(string apdu, string sw)
    {
        using var card = ReadyCard();
        var before = card.Euicc.Engine.EnabledProfile!.UiccState;
        Assert.Equal(sw, card.Transmit(apdu));
        Assert.Same(before, card.Euicc.Engine.EnabledProfile!.UiccState);
        Assert.EndsWith("9000", card.Transmit(GetIdentity), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_PIN1_without_the_USIM_or_without_the_services_the_command_is_refused()
    {
        using var card = Ts48FileSystemTests.CardWith(Suci);
        Assert.Equal("6985", card.Transmit(GetIdentity));    // MF is current: no USIM selected
        Assert.Equal("9000", card.Transmit(SelectUsim));
        Assert.Equal("6982", card.Transmit(GetIdentity));    // PIN1 not verified
        Assert.Equal("9000", card.Transmit(VerifyPin1));
        Assert.Equal("9000", card.Transmit("00A4040C07A0000000871004"));
        Assert.Equal("6985", card.Transmit(GetIdentity));    // the ISIM is not a USIM
        // Service n°125 (SUCI calculation by the USIM) taken out of EF.UST: this USIM does not calculate the SUCI.
        using var plain = ReadyCard(NoSuci);
        Assert.Equal("9000", plain.Transmit(VerifyAdm1));
        Assert.Equal("9000", plain.Transmit("00A4000C026F38"));
        Assert.Equal("3E9000", plain.Transmit("00B0000F01"));
        Assert.Equal("9000", plain.Transmit("00D6000F012E"));
        Assert.Equal("9000", plain.Transmit(SelectUsim));
        Assert.Equal("6D00", plain.Transmit(GetIdentity));
    }

    [Fact]
    public void Malformed_calculation_information_is_refused_without_a_change()
    {
        using var card = ReadyCard();
        Assert.Equal("9000", card.Transmit(VerifyAdm1));
        Assert.Equal("9000", card.Transmit("00A4000C025FD0"));
        Assert.Equal("9000", card.Transmit("00A4000C024F01"));
        Assert.Equal("9000", card.Transmit("00D6000005A003000000"));
        Assert.Equal("9000", card.Transmit(SelectUsim));
        var before = card.Euicc.Engine.EnabledProfile!.UiccState;
        Assert.Equal("6985", card.Transmit(GetIdentity));
        Assert.Same(before, card.Euicc.Engine.EnabledProfile!.UiccState);
        Assert.Empty(card.Errors);
    }

    // Writes the Annex C.4 home network keys and a scheme list into DF.SAIP/EF.SUCI_Calc_Info_USIM (ADM).
    private static void ProvisionKeys(TestCard card, string schemes)
    {
        Assert.Equal("9000", card.Transmit(VerifyAdm1));
        Assert.Equal("9000", card.Transmit("00A4000C025FD0"));
        Assert.Equal("9000", card.Transmit("00A4000C024F01"));
        var content = schemes + SuciCalcInfoTests.ThreeSchemes()[16..];
        var padded = content.PadRight(0x76 * 2, 'F');
        Assert.Equal("9000", card.Transmit($"00D6000076{padded}"));
        Assert.Equal("9000", card.Transmit(SelectUsim));
    }
}
