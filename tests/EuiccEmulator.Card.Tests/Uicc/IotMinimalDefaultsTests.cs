using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Card.Tests.Uicc.Auth;
using EuiccEmulator.Card.Uicc.Auth;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Tests.Uicc;

/// <summary>
/// An enabled IoT Minimal Profile (header iotOptions, one PE-IoT) presents its MF and ADF.USIM: EF.ICCID, EF.DIR
/// naming the USIM, EF.IMSI, and AUTHENTICATE with its Milenage keys; PIN1 and ADM1 guard what the profile defines.
/// </summary>
public sealed class IotMinimalDefaultsTests
{
    private static readonly Iccid TheIccid = Iccid.Parse("89000199000000012345");
    private static readonly byte[] K = Convert.FromHexString("465B5CE8B199B49FAA5F0A2EE238A6BC");
    private static readonly byte[] Opc = Convert.FromHexString("CD63CB71954A9F4E48A5994E37A02BAF");
    private const string Usim = "A0000000871002FF49FF0589";

    private static TestCard Enabled(string? pin1 = null, string? adm1 = null)
    {
        var upp = ProfilePackageBuilder.BuildIotMinimal(new IotProfileParameters
        {
            Iccid = TheIccid, Imsi = "001019900000012", K = K, Opc = Opc, Pin1 = pin1, Adm1 = adm1,
        });
        var card = new TestCard();
        var imported = ProfileImporter.Import(upp);
        Assert.True(imported.IsSuccess, imported.Error);
        card.Euicc.Engine.AddPreLoadedProfile(imported.Profile!, upp);
        Assert.Equal(EnableResult.Ok, card.Euicc.Engine.Enable(ProfileSelector.ByIccid(TheIccid)));
        return card;
    }

    [Fact]
    public void Without_PIN1_the_terminal_reads_ICCID_DIR_and_IMSI_and_authenticates()
    {
        using var card = Enabled();
        Assert.Equal("9000", card.Transmit("00A4000C022FE2"));
        Assert.Equal("980010990000001032549000", card.Transmit("00B000000A"));
        // EF.DIR: the USIM's application template, AID from the header's pix.
        Assert.Equal("9000", card.Transmit("00A4000C022F00"));
        Assert.Equal($"61144F0C{Usim}50045553494D9000", card.Transmit("00B2010416"));
        Assert.Equal("9000", card.Transmit($"00A4040C0C{Usim}"));
        Assert.Equal("9000", card.Transmit("00A4000C026F07"));
        Assert.Equal("080910109900000021" + "9000", card.Transmit("00B0000009"));
        // No ADM1 in this profile: its files cannot be updated.
        Assert.Equal("6982", card.Transmit("00D6000009080910109900000021"));
        var network = AkaParameters.Milenage(K, Opc);
        var rand = Convert.FromHexString("23553CBE9637A89D218AE64DAE47BF35");
        var autn = AkaNetwork.Autn(network, rand, (1UL << 5) | 1);
        var response = card.Transmit($"008800812210{Convert.ToHexString(rand)}10{Convert.ToHexString(autn)}00");
        Assert.StartsWith("DB08", response, StringComparison.Ordinal);
        Assert.EndsWith("9000", response, StringComparison.Ordinal);
    }

    [Fact]
    public void With_PIN1_and_ADM1_the_USIM_files_need_them()
    {
        using var card = Enabled(pin1: "1234", adm1: "88888888");
        Assert.Equal("9000", card.Transmit($"00A4040C0C{Usim}"));
        Assert.Equal("9000", card.Transmit("00A4000C026F07"));
        Assert.Equal("6982", card.Transmit("00B0000009"));
        Assert.Equal("63C2", card.Transmit("002000010839393939FFFFFFFF"));
        Assert.Equal("9000", card.Transmit("002000010831323334FFFFFFFF"));
        Assert.Equal("080910109900000021" + "9000", card.Transmit("00B0000009"));
        Assert.Equal("6982", card.Transmit("00D6000009080910109900000031"));
        Assert.Equal("9000", card.Transmit("0020000A083838383838383838"));
        Assert.Equal("9000", card.Transmit("00D6000009080910109900000031"));
        Assert.Equal("080910109900000031" + "9000", card.Transmit("00B0000009"));
        // EF.AD is readable without any PIN (record 10 of the USIM's EF.ARR).
        Assert.Equal("9000", card.Transmit("00A4000C026FAD"));
        Assert.Equal("00000002" + "9000", card.Transmit("00B0000004"));
    }
}
