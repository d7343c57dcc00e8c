using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Peers;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Card.Tests.Golden;

/// <summary>How each golden transcript is recorded: a title, the seed, the setup and the steps.</summary>
internal sealed record GoldenScenario(string Name, string Title, string Setup, Action<GoldenCard> Run, int Seed = 1);

internal static class GoldenScenarios
{
    private const string IsdR = "A0000005591010FFFFFFFF8900000100";
    private const string Ecasd = "A0000005591010FFFFFFFF8900000200";
    private const string TerminalResponseOk = "801400000C810301010402028281830100";

    public static IReadOnlyList<GoldenScenario> All { get; } =
    [
        new("card-os", "Card OS: SELECT, logical channels, STORE DATA chaining, GET RESPONSE, status words", "none", CardOs),
        new("es10c-profiles", "ES10a/b/c: profile management with notifications", "profiles", Es10c),
        new("sgp22-download", "SGP.22 profile download from the test SM-DP+ (LPA on logical channel 1)", "none", Download),
        new("sgp32-eim", "SGP.32: eIM association (AddInitialEim) and eUICC packages", "iot", Iot),
    ];

    public static GoldenScenario? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    private static void CardOs(GoldenCard card)
    {
        card.Send("SELECT ISD-R by full AID, FCI asked without Le: 61xx", $"00A4040010{IsdR}");
        card.Send("GET RESPONSE, first 16 bytes of the FCI", "00C0000010");
        card.Send("GET RESPONSE, the rest", "00C00000" + Remaining(card));
        card.Send("GET RESPONSE with nothing pending", "00C0000000");
        card.Send("SELECT ISD-R by full AID with Le: the FCI at once", $"00A4040010{IsdR}00");
        card.Send("SELECT ISD-R, no FCI (P2 0C)", $"00A4040C10{IsdR}");
        card.Send("STORE DATA GetEID in one block, with Le", "80E2910006BF3E035C015A00");
        card.Send("STORE DATA GetEID in one block, no Le: 61xx", "80E2910006BF3E035C015A");
        card.Send("GET RESPONSE with Le shorter than the data", "00C0000008");
        card.Send("GET RESPONSE, the rest", "00C00000" + Remaining(card));
        card.Send("STORE DATA GetEID in two blocks: first block (P1 11, P2 00)", "80E2110003BF3E03");
        card.Send("STORE DATA GetEID: last block (P1 91, P2 01)", "80E29101035C015A");
        card.Send("GET RESPONSE", "00C00000" + Remaining(card));
        card.Send("STORE DATA with extended Lc", "80E29100000006BF3E035C015A");
        card.Send("GET RESPONSE, class 8X", "80C00000" + Remaining(card));
        card.Send("STORE DATA block out of sequence (P2 02)", "80E2910206BF3E035C015A");
        card.Send("STORE DATA: malformed TLV (length beyond the data)", "80E2910003BF3E05");
        card.Send("STORE DATA: unknown ES10 tag", "80E2910003BF7F00");
        card.Send("STORE DATA with an interindustry class byte", "00E2910006BF3E035C015A");
        card.Send("Unknown instruction", "80FE000000");
        card.Send("Lc longer than the data", "80E2910006BF3E");
        card.Send("Three-byte APDU", "00A404");
        card.Send("STATUS", "80F2000C00");
        card.Send("MANAGE CHANNEL open, card assigns the number", "0070000001");
        card.Send("SELECT ISD-R on channel 1", $"01A4040C10{IsdR}");
        card.Send("GetEID on channel 1", "81E2910006BF3E035C015A");
        card.Send("GET RESPONSE on channel 1", "01C00000" + Remaining(card));
        card.Send("GET RESPONSE on the basic channel: nothing pending there", "00C0000000");
        card.Send("MANAGE CHANNEL open channel 5 explicitly", "0070000500");
        card.Send("SELECT ECASD on channel 5 (class 4X)", $"41A4040C10{Ecasd}");
        card.Send("GET DATA EID from the ECASD", "C1CA005A00");
        card.Send("MANAGE CHANNEL close channel 5", "0070800500");
        card.Send("Command on the closed channel 5", "41CA005A00");
        card.Send("MANAGE CHANNEL open channel 1 again: already open", "0070000100");
        card.Send("MANAGE CHANNEL close the basic channel", "0070800000");
        card.Send("MANAGE CHANNEL close channel 1 from itself", "0170800000");
        card.Send("SELECT an unknown AID", "00A4040008A000000559109999");
        card.Send("SELECT by file identifier (no file system)", "00A4000C023F00");
        card.Send("SELECT with bad P1", "00A4070010" + IsdR);
        card.Send("GET DATA on the ISD-R", "80CA005A00");
    }

    private static void Es10c(GoldenCard card)
    {
        // A terminal that announces REFRESH (TERMINAL PROFILE byte 3 b8), so the refresh switches below issue it.
        card.Send("TERMINAL PROFILE announcing REFRESH", "801000000400008000");
        var client = new Es10Client(card, new Es10ClientOptions { UseLogicalChannel = false, BlockSize = 255 });
        client.Open();
        string a = Setups.Swapped(Setups.A), b = Setups.Swapped(Setups.B), c = Setups.Swapped(Setups.C);
        void Send(string hex)
        {
            var response = client.Send(Convert.FromHexString(hex));
            if (response.StatusWord >> 8 == 0x91)
            {
                card.Send("FETCH the REFRESH", $"80120000{response.StatusWord & 0xFF:X2}");
                card.Send("TERMINAL RESPONSE ok", TerminalResponseOk);
            }
        }
        Send("BF3E035C015A");
        Send("BF2000");
        Send("BF2200");
        Send("BF3C00");
        Send("BF3F0C800A64702E6578616D706C65");
        Send("BF2D00");
        Send("BF2D055C035A9F70");
        Send($"BF2D0EA00C5A0A{a}");
        Send($"BF3111A00C5A0A{a}8101FF");
        Send($"BF3111A00C5A0A{c}810100");
        Send($"BF3211A00C5A0A{b}810100");
        Send($"BF3211A00C5A0A{c}810100");
        Send($"BF3111A00C5A0A{b}810100");
        Send($"BF3211A00C5A0A{b}810100");
        Send($"BF29145A0A{a}9006676F6C64656E");
        Send("BF2800");
        Send("BF280481020640");
        Send("BF2B00");
        Send("BF2B05A003800102");
        Send("BF3003800101");
        Send("BF3003800163");
        Send($"BF330C5A0A{c}");
        Send($"BF330C5A0A{Setups.Swapped("89000123456789012374")}");
        Send("BF2D00");
        Send("BF2E00");
        Send("BF4300");
        Send("BF340482020780");
        Send("BF2D00");
        Send("BF2800");
    }

    private static void Download(GoldenCard card)
    {
        var random = new Random(7);
#pragma warning disable CA5394 // reproducible SM-DP+ transaction IDs and challenges for the transcript
        var smdp =
            new TestSmdp(new TestSmdpOptions { RandomBytes = n => { var bytes = new byte[n]; random.NextBytes(bytes); return bytes; } });
#pragma warning restore CA5394
        var client = new Es10Client(card, new Es10ClientOptions { BlockSize = 240 });
        var driver = new DownloadDriver(client, smdp);
        var result = driver.Run(new DownloadRequest { Upp = Downloads.Upp(), Metadata = Downloads.Metadata() });
        if (!result.Success) throw new InvalidOperationException("golden download failed: " + result.Problem);
        client.Send(Convert.FromHexString("BF2D00"));
        client.Send(Convert.FromHexString("BF2800"));
        client.Send(Convert.FromHexString("BF2B00"));
        client.Send(Convert.FromHexString("BF3003800101"));
        card.Step("MANAGE CHANNEL close channel 1");
        client.Close();
    }

    private static void Iot(GoldenCard card)
    {
        card.Send("TERMINAL PROFILE announcing REFRESH", "801000000400008000");
        var client = new Es10Client(card);
        client.Open();
        using var eim = new TestEim(new TestEimOptions { Eid = Eid.Parse(GoldenCard.Identity.Eid), AssociationToken = null });
        byte[] Send(byte[] request)
        {
            var response = client.Send(request);
            if (!response.IsSuccess) throw new InvalidOperationException($"SW {response.StatusWord:X4} for {Convert.ToHexString(request)}");
            if (response.StatusWord >> 8 == 0x91)
            {
                card.Send("FETCH the REFRESH", $"80120000{response.StatusWord & 0xFF:X2}");
                card.Send("TERMINAL RESPONSE ok", TerminalResponseOk);
            }
            return response.Data;
        }
        void Package(IEnumerable<Psmo> psmos)
        {
            var request = eim.BuildEuiccPackage(psmos);
            var result = eim.VerifyEuiccPackageResult(Send(request.Encoded), request);
            if (result.SignatureValid != true) throw new InvalidOperationException("package result signature did not verify");
        }
        Send([0xBF, 0x22, 0x00]);
        var added = eim.AcceptAddInitialEimResponse(Send(TestEim.BuildAddInitialEimRequest(
            eim.ConfigurationData with { AssociationToken = EimConfigurationData.AssignAssociationToken })));
        if (!added.IsOk) throw new InvalidOperationException("AddInitialEim failed");
        eim.TrustEuiccCertificate(GoldenCard.Identity.SigningChains[0].EuiccCertificate);
        Send(TestEim.BuildGetEimConfigurationDataRequest());
        Send(eim.BuildGetCertsRequest());
        Package([Psmo.Enable(Iccid.Parse(Setups.A))]);
        Package([Psmo.ListProfileInfo()]);
        Package([Psmo.Enable(Iccid.Parse(Setups.B)), Psmo.GetRat()]);
        Package([Psmo.Disable(Iccid.Parse(Setups.B))]);
        Package([Psmo.Delete(Iccid.Parse("89000123456789012374")), Psmo.GetRat()]);
        var list = eim.BuildEuiccPackage([Eco.ListEim()]);
        eim.VerifyEuiccPackageResult(Send(list.Encoded), list);
        Send([0xBF, 0x2B, 0x04, 0xA0, 0x02, 0x82, 0x00]);
        Send([0xBF, 0x30, 0x03, 0x80, 0x01, 0x01]);
        Send([0xBF, 0x28, 0x00]);
    }

    /// <summary>The Le for GET RESPONSE from the last 61xx answer.</summary>
    private static string Remaining(GoldenCard card) => card.Lines[^1][^2..];
}
