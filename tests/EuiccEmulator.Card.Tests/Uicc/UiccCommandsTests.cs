using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.State;
using EuiccEmulator.Storage.LiteDb;

namespace EuiccEmulator.Card.Tests.Uicc;

public sealed class UiccCommandsTests
{
    private static string V7 => Path.Combine(TestPaths.Ts48, "v7", "TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der");

    [Theory]
    [MemberData(nameof(Ts48FileSystemTests.Packages), MemberType = typeof(Ts48FileSystemTests))]
    public void Older_packages_present_their_ICCID_and_the_USIM_by_partial_AID(string name)
    {
        var path = Path.Combine(TestPaths.Ts48, "v1-v5", name);
        using var card = Ts48FileSystemTests.CardWith(path);
        var header = ProfileImporter.Import(File.ReadAllBytes(path)).Profile!;
        Assert.Equal("9000", card.Transmit("00A4000C022FE2"));
        Assert.Equal(Convert.ToHexString(header.Iccid.ToSwappedBcd()) + "9000", card.Transmit("00B000000A"));
        var fcp = card.Transmit("00A4040407A000000087100200");
        Assert.EndsWith("9000", fcp, StringComparison.Ordinal);
        Assert.Contains("8410A0000000871002", fcp.Replace("840C", "8410", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("9000", card.Transmit("00A4000C026F07"));
    }

    [Theory]
    [InlineData("TS48v1_A.der")]
    [InlineData("TS48v1_B.der")]
    public void Packages_that_mandate_javacard_install_and_keep_their_elements(string name)
    {
        var path = Path.Combine(TestPaths.Ts48, "v1-v5", name);
        var upp = File.ReadAllBytes(path);
        var imported = ProfileImporter.Import(upp);
        Assert.True(imported.IsSuccess, imported.Error);
        using var card = Ts48FileSystemTests.CardWith(path);
        // The whole package, its security domain and RFM PEs included, is stored with the profile as received.
        Assert.Equal(upp, card.Euicc.Engine.LoadPackage(imported.Profile!.Iccid));
        Assert.Equal("9000", card.Transmit("00A4000C022FE2"));
        Assert.Equal(Convert.ToHexString(imported.Profile.Iccid.ToSwappedBcd()) + "9000", card.Transmit("00B000000A"));
    }

    [Fact]
    public void Wrong_PINs_count_down_block_and_survive_a_restart()
    {
        var dir = Directory.CreateTempSubdirectory("uicc-");
        try
        {
            var db = Path.Combine(dir.FullName, "card.db");
            using (var store = LiteDbCardStore.Open(db, new LiteDbStoreOptions { IdleCheckpoint = TimeSpan.Zero }))
            {
                using var card = new TestCard(store);
                var upp = File.ReadAllBytes(V7);
                var profile = ProfileImporter.Import(upp).Profile!;
                card.Euicc.Engine.AddPreLoadedProfile(profile, upp);
                card.Euicc.Engine.Enable(ProfileSelector.ByIccid(profile.Iccid));
                Assert.Equal("63C3", card.Transmit("0020000100"));
                Assert.Equal("63C2", card.Transmit("002000010831313131FFFFFFFF"));
                // EF.IMSI needs PIN1 to read, and ADM to update (TS.48 ARR).
                Assert.Equal("9000", card.Transmit("00A4040C0CA0000000871002FF49FF0589"));
                Assert.Equal("9000", card.Transmit("00A4000C026F07"));
                Assert.Equal("6982", card.Transmit("00B0000009"));
                Assert.Equal("9000", card.Transmit("002000010830303030FFFFFFFF"));
                Assert.Equal("63C3", card.Transmit("0020000100") is "9000" ? "63C3" : "x");
                Assert.EndsWith("9000", card.Transmit("00B0000009"), StringComparison.Ordinal);
                Assert.Equal("6982", card.Transmit("00D6000001FF"));
                Assert.Equal("63C2", card.Transmit("002000010831313131FFFFFFFF"));
            }
            using (var store = LiteDbCardStore.Open(db, new LiteDbStoreOptions { IdleCheckpoint = TimeSpan.Zero }))
            {
                using var card = new TestCard(store);
                Assert.Equal("63C2", card.Transmit("0020000100"));
                Assert.Equal("63C1", card.Transmit("002000010831313131FFFFFFFF"));
                Assert.Equal("6983", card.Transmit("002000010831313131FFFFFFFF"));
                Assert.Equal("6983", card.Transmit("002000010830303030FFFFFFFF"));
                // The PUK (pukAppl1 '3131313131313131') unblocks and sets a new PIN.
                Assert.Equal("9000", card.Transmit("002C0001103131313131313131" + "32323232FFFFFFFF"));
                Assert.Equal("9000", card.Transmit("002000010832323232FFFFFFFF"));
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_update_with_ADM_persists_and_goes_with_the_profile()
    {
        using var card = Ts48FileSystemTests.CardWith(V7);
        UpdateImsiWithAdm(card);
        Assert.Equal("0899101010325476989000", card.Transmit("00B0000009"));
        var stored = card.Euicc.Engine.EnabledProfile!.UiccState;
        Assert.NotNull(stored);
        // A fresh card on the same store presents the update.
        using var again = new TestCard(card.Store);
        again.Transmit("00A4040C0CA0000000871002FF49FF0589");
        again.Transmit("00A4000C026F07");
        again.Transmit("002000010830303030FFFFFFFF");
        Assert.Equal("0899101010325476989000", again.Transmit("00B0000009"));
    }
    // EF.IMSI of the TS.48 USIM (read PIN1, update ADM1) rewritten to IMSI 991010123456789 after both are verified.
    private static void UpdateImsiWithAdm(TestCard card)
    {
        Assert.Equal("9000", card.Transmit("00A4040C0CA0000000871002FF49FF0589"));
        Assert.Equal("9000", card.Transmit("00A4000C026F07"));
        Assert.Equal("9000", card.Transmit("002000010830303030FFFFFFFF"));
        Assert.Equal("9000", card.Transmit("0020000A083535353535353535"));
        Assert.Equal("9000", card.Transmit("00D6000009089910101032547698"));
    }

    [Fact]
    public void EUICC_memory_reset_takes_the_profile_s_file_updates_with_it()
    {
        using var card = Ts48FileSystemTests.CardWith(V7);
        UpdateImsiWithAdm(card);
        Assert.NotNull(card.Euicc.Engine.EnabledProfile!.UiccState);
        var iccid = card.Euicc.Engine.EnabledProfile!.Iccid;

        // eUICCMemoryReset (SGP.22 §5.7.19) deleting operational profiles, from the ISD-R on channel 1.
        Assert.Equal("019000", card.Transmit("0070000001"));
        card.SelectIsdR(channel: 1);
        Assert.Equal(("BF3403800100", "9000"), card.Es10("BF340482020780", channel: 1));
        Assert.Null(card.Euicc.Engine.Find(iccid));

        // The same package installed again presents its own EF.IMSI, not the update.
        var upp = File.ReadAllBytes(V7);
        card.Euicc.Engine.AddPreLoadedProfile(ProfileImporter.Import(upp).Profile!, upp);
        Assert.Equal(EnableResult.Ok, card.Euicc.Engine.Enable(ProfileSelector.ByIccid(iccid)));
        Assert.Null(card.Euicc.Engine.EnabledProfile!.UiccState);
        card.Euicc.Card.Reset();
        Assert.Equal("9000", card.Transmit("00A4040C0CA0000000871002FF49FF0589"));
        Assert.Equal("9000", card.Transmit("00A4000C026F07"));
        Assert.Equal("9000", card.Transmit("002000010830303030FFFFFFFF"));
        Assert.Equal("0809101010325476989000", card.Transmit("00B0000009"));
    }

    [Fact]
    public void The_PIN_status_template_flags_exactly_the_key_references_it_lists()
    {
        // ETSI TS 102 221 §9.5.2: bit b8 of the PS_DO is the first key reference DO, b7 the second, and so on.
        // The TS.48 profile gives MF '010A0B' and ADF.USIM '81010A0B'; the ADM keys 0A and 0B are not listed,
        // so they take no bit either.
        using var card = Ts48FileSystemTests.CardWith(V7);
        Assert.Equal("611F", card.Transmit("00A40004023F00"));
        Assert.Equal("621D8202782183023F00A5038001718A01058B032F0601" + "C606" + "900180" + "830101" + "9000",
            card.Transmit("00C000001F"));
        Assert.Equal("612B", card.Transmit("00A404040CA0000000871002FF49FF0589"));
        Assert.Equal("62298202782183027FD0840CA0000000871002FF49FF05898A01058B032F0601" + "C609" + "9001C0" + "830181" + "830101" + "9000",
            card.Transmit("00C000002B"));
        // PIN1 disabled: its bit (the second) clears, PIN2's stays.
        Assert.Equal("9000", card.Transmit("002600010830303030FFFFFFFF"));
        Assert.Equal("612B", card.Transmit("00A404040CA0000000871002FF49FF0589"));
        Assert.Equal("62298202782183027FD0840CA0000000871002FF49FF05898A01058B032F0601" + "C609" + "900180" + "830181" + "830101" + "9000",
            card.Transmit("00C000002B"));
    }
}
