using System.Globalization;
using System.Text;
using EuiccEmulator.Conformance.Ts48;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Values;
using static EuiccEmulator.Conformance.CaseContext;

namespace EuiccEmulator.Conformance.Cases;

/// <summary>
/// The UICC plane of the enabled profile, on the basic channel while the ISD-R has its own logical channel: each case
/// downloads USIM profiles with known contents (ICCID, IMSI, PIN1) and checks what a terminal reads.
/// </summary>
internal static class UiccCases
{
    private const string Area = "UICC";
    private const Precondition Pre = Precondition.TrustsSgp26Ci;
    // SELECT by DF name, first occurrence, no response data: the USIM by its RID and application code (TS 31.110).
    private const string SelectUsim = "00A4040C07A0000000871002";
    private const string SelectImsi = "00A4000C026F07";
    private const string Pin0000 = "002000010830303030FFFFFFFF";

    public static IEnumerable<ConformanceCase> All()
    {
        foreach (var c in Ts48FileTrees()) yield return c;
        foreach (var c in GetIdentityCases()) yield return c;
        yield return Catalog.Case("UICC.EF.ICCID.FollowsTheEnabledProfile", Area,
            "EF.ICCID on the basic channel is the enabled profile's, at once after an enable without refreshFlag",
            "ETSI TS 102 221 §13.2, §11.1.1, §11.1.3; SGP.22 §5.7.16", Pre, ctx =>
        {
            var first = InstallUsim(ctx, 130);
            var second = InstallUsim(ctx, 131);
            ctx.ExpectResult("EnableProfile (first)", SpecCodes.EnableProfile.Ok, EnableRequest(first));
            ctx.Apdu("00A4000C022FE2", "9000");
            ctx.Apdu("00B000000A", Swapped(first) + "9000");
            ctx.ExpectResult("EnableProfile (second)", SpecCodes.EnableProfile.Ok, EnableRequest(second));
            ctx.Apdu("00A4000C022FE2", "9000");
            ctx.Apdu("00B000000A", Swapped(second) + "9000");
        });
        yield return Catalog.Case("UICC.EF.IMSI.OfTheEnabledProfile", Area,
            "EF.IMSI in ADF.USIM holds the enabled profile's IMSI; with no profile enabled the USIM cannot be selected",
            "3GPP TS 31.102 §4.2.2; ETSI TS 102 221 §11.1.1", Pre, ctx =>
        {
            var iccid = InstallUsim(ctx, 132);
            ctx.ExpectResult("EnableProfile", SpecCodes.EnableProfile.Ok, EnableRequest(iccid));
            ctx.Apdu(SelectUsim, "9000");
            ctx.Apdu(SelectImsi, "9000");
            ctx.Apdu(Pin0000, "9000");
            ctx.Apdu("00B0000009", ImsiFile(Usim(iccid).Imsi) + "9000");
            ctx.ExpectResult("DisableProfile", SpecCodes.DisableProfile.Ok, DisableRequest(iccid));
            ctx.Apdu(SelectUsim, "6A82");
        });
        yield return Catalog.Case("UICC.IoTMinimal.UsimOfTheEnabledProfile", Area,
            "an enabled IoT Minimal Profile presents EF.ICCID, EF.DIR naming its USIM (3GPP RID and the header's pix), "
            + "EF.IMSI and AUTHENTICATE with its keys",
            "SGP.32 §2.11; SAIP v3.3.1 §7.5; ETSI TS 102 221 §13.1; 3GPP TS 31.102 §4.2.2, §7.1.2", Pre, ctx =>
        {
            var iccid = ctx.Install(137);
            ctx.ExpectResult("EnableProfile", SpecCodes.EnableProfile.Ok, EnableRequest(iccid));
            ctx.Apdu("00A4000C022FE2", "9000");
            ctx.Apdu("00B000000A", Swapped(iccid) + "9000");
            var aid = "A000000087" + Hex(UppParameters(iccid).Pix);
            ctx.Apdu("00A4000C022F00", "9000");
            var record = Hex(ctx.Transmit("00B2010400"));
            True(record.Contains("4F" + (aid.Length / 2).ToString("X2", CultureInfo.InvariantCulture) + aid, StringComparison.Ordinal),
                $"EF.DIR record 1 {record} does not name {aid}");
            ctx.Apdu($"00A4040C{aid.Length / 2:X2}{aid}", "9000");
            ctx.Apdu(SelectImsi, "9000");
            ctx.Apdu("00B0000009", ImsiFile(UppParameters(iccid).Imsi) + "9000");
            using var network = Network(iccid);
            var rand = Convert.FromHexString("C0FFEE00112233445566778899AABBCC");
            var (data, sw) = Authenticate(ctx, rand, network.Autn(rand, Convert.FromHexString("000000000021"), Amf));
            Equal("9000", sw, "AUTHENTICATE status word");
            CheckKeys(data, network.F2345(rand));
        });
        yield return Catalog.Case("UICC.PIN1.CounterAndBlocking", Area,
            "VERIFY PIN1: a wrong value counts down (63Cx), the right one restores the counter, the last wrong one blocks (6983)",
            "ETSI TS 102 221 §11.1.9, §9.5.1", Pre, ctx =>
        {
            var iccid = InstallUsim(ctx, 133, pin1: "1234");
            ctx.ExpectResult("EnableProfile", SpecCodes.EnableProfile.Ok, EnableRequest(iccid));
            ctx.Apdu(SelectUsim, "9000");
            ctx.Apdu(SelectImsi, "9000");
            ctx.Apdu("00B0000009", "6982");
            const string Right = "002000010831323334FFFFFFFF";
            const string Wrong = "002000010839393939FFFFFFFF";
            var tries = Convert.ToInt32(ctx.ApduOneOf("0020000100", [.. Enumerable.Range(1, 15).Select(n => $"63C{n:X}")])[3..], 16);
            ctx.Apdu(Wrong, $"63C{tries - 1:X}");
            ctx.Apdu("0020000100", $"63C{tries - 1:X}");
            ctx.Apdu(Right, "9000");
            ctx.Apdu("0020000100", "9000");
            ctx.Apdu("00B0000009", ImsiFile(Usim(iccid).Imsi) + "9000");
            for (var left = tries - 1; left > 0; left--) ctx.Apdu(Wrong, $"63C{left:X}");
            ctx.Apdu(Wrong, "6983");
            ctx.Apdu(Right, "6983");
            ctx.Apdu("00B0000009", "6982");
        });
        yield return Catalog.Case("UICC.ADM1.GuardsUpdates", Area,
            "EF.IMSI (read PIN1, update ADM1): UPDATE BINARY with PIN1 only answers 6982 and changes nothing; after VERIFY "
            + "ADM1 the update is read back",
            "ETSI TS 102 221 §9.2.4, §11.1.4, §11.1.9; 3GPP TS 31.102 §4.2.2", Pre, ctx =>
        {
            var iccid = EnabledUsimAfterPin(ctx, 138);
            var imsi = ImsiFile(Usim(iccid).Imsi);
            var other = ImsiFile("001019999999999");
            ctx.Apdu(SelectImsi, "9000");
            ctx.Apdu("00D6000009" + other, "6982");
            ctx.Apdu("00B0000009", imsi + "9000");
            var tries = Convert.ToInt32(ctx.ApduOneOf("0020000A00", [.. Enumerable.Range(1, 15).Select(n => $"63C{n:X}")])[3..], 16);
            ctx.Apdu("0020000A08" + Hex("12345678"u8), $"63C{tries - 1:X}");
            ctx.Apdu("0020000A08" + Hex("88888888"u8), "9000");
            ctx.Apdu("00D6000009" + other, "9000");
            ctx.Apdu("00B0000009", other + "9000");
        });
        yield return Catalog.Case("UICC.AUTHENTICATE.MacFailure", Area,
            "AUTHENTICATE in the 3G context with an AUTN whose MAC is wrong answers 9862 and returns no keys",
            "3GPP TS 31.102 §7.1.2.1; TS 33.102 §6.3.3", Pre, ctx =>
        {
            EnabledUsimAfterPin(ctx, 134);
            ctx.Apdu("008800812210" + "00112233445566778899AABBCCDDEEFF" + "10" + "00000000000080000000000000000000", "9862");
        });
        yield return Catalog.Case("UICC.AUTHENTICATE.Success3G", Area,
            "AUTHENTICATE in the 3G context with a fresh SQN returns RES, CK and IK (and Kc = c3(CK, IK) when present) "
            + "as the network computes them",
            "3GPP TS 31.102 §7.1.2.1; TS 33.102 §6.3.3; TS 35.206 §4.1", Pre, ctx =>
        {
            var iccid = EnabledUsimAfterPin(ctx, 135);
            using var network = Network(iccid);
            var rand = Convert.FromHexString("0F1E2D3C4B5A69788796A5B4C3D2E1F0");
            var sqn = Convert.FromHexString("000000000021"); // SEQ 1, IND 1 (TS 33.102 Annex C.1.2)
            var (data, sw) = Authenticate(ctx, rand, network.Autn(rand, sqn, Amf));
            Equal("9000", sw, "AUTHENTICATE status word");
            CheckKeys(data, network.F2345(rand));
        });
        yield return Catalog.Case("UICC.AUTHENTICATE.SyncFailure", Area,
            "AUTHENTICATE with an SQN already used answers DC with AUTS = SQN_MS xor AK* || MAC-S; a higher SQN is accepted again",
            "3GPP TS 31.102 §7.1.2.1; TS 33.102 §6.3.3, §6.3.5, Annex C.2", Pre, ctx =>
        {
            var iccid = EnabledUsimAfterPin(ctx, 136);
            using var network = Network(iccid);
            var first = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");
            var sqn = Convert.FromHexString("000000000041"); // SEQ 2, IND 1
            var (_, sw) = Authenticate(ctx, first, network.Autn(first, sqn, Amf));
            Equal("9000", sw, "first AUTHENTICATE");

            var replay = Convert.FromHexString("FFEEDDCCBBAA99887766554433221100");
            var (data, replaySw) = Authenticate(ctx, replay, network.Autn(replay, sqn, Amf));
            Equal("9000", replaySw, "AUTHENTICATE with the same SQN: status word");
            True(data.Length == 16 && data[0] == 0xDC && data[1] == 0x0E, $"expected DC 0E AUTS, got {Hex(data)}");
            var auts = data[2..];
            var akStar = network.F2345(replay).AkStar;
            var sqnMs = new byte[6];
            for (var i = 0; i < 6; i++) sqnMs[i] = (byte)(auts[i] ^ akStar[i]);
            Equal(Hex(network.F1(replay, sqnMs, [0x00, 0x00]).MacS), Hex(auts[6..]), "MAC-S over SQN_MS with AMF 0000");
            Equal("000000000041", Hex(sqnMs), "SQN_MS, the highest SQN accepted");

            var next = Convert.FromHexString("0123456789ABCDEF0123456789ABCDEF");
            var (keys, nextSw) = Authenticate(ctx, next, network.Autn(next, Convert.FromHexString("000000000061"), Amf));
            Equal("9000", nextSw, "AUTHENTICATE with SEQ 3");
            CheckKeys(keys, network.F2345(next));
        });
    }

    /// <summary>
    /// One case per embedded TS.48 package: downloaded from the test SM-DP+ as it is, enabled, and every file of its
    /// listing read back through APDUs.
    /// </summary>
    private static IEnumerable<ConformanceCase> Ts48FileTrees() => Ts48Listing.Embedded.Select(name => Catalog.Case(
        $"UICC.TS48.FileTree.{name}", Area,
        $"the TS.48 profile {name}, downloaded and enabled, presents every file of its listing (FID, size, content)",
        "GSMA TS.48; SAIP v3.3.1 §8.3; ETSI TS 102 221 §11.1.1, §11.1.3, §11.1.5", Pre, ctx =>
    {
        var lines = Ts48Lines(name);
        var iccid = Iccid.Parse(Ts48Listing.HeaderIccid(lines)); // the header ICCID is plain BCD
        if (ctx.Profile(iccid) is not null) throw new ConformanceSkip($"the card already holds {iccid}, the TS.48 ICCID");
        var download = ctx.RunDownload(new DownloadRequest { Upp = Ts48Listing.Resource(name + ".der"), Metadata = Metadata(iccid) });
        if (!download.Success) Fail($"download of {name} failed at {download.FailedStep}: {download.Problem} (code {download.ErrorCode})");
        ctx.ExpectResult("EnableProfile", SpecCodes.EnableProfile.Ok, EnableRequest(iccid));
        var listing = Ts48Listing.Parse(lines);
        True(listing.Files.Count > 150, $"{listing.Files.Count} files in the listing");
        var problems = listing.Check(hex => Hex(ctx.Transmit(hex)), out var contents, out _);
        True(problems.Count == 0, $"{problems.Count} of {listing.Files.Count} files differ: {string.Join("; ", problems.Take(5))}");
        True(contents > 50, $"only {contents} contents compared");
    }));

    private const string Ts48Suci = "TS48_V7.0_eSIM_GTP_SAIP2.3_BERTLV_SUCI";

    // TS 33.501 Annex C.4.4: the profile B home network key pair (public key uncompressed, identifier 27 here).
    private const string HnPublicKeyB = "0472DA71976234CE833A6907425867B82E074D44EF907DFB4B3E21C1C2256EBCD1"
        + "5A7DED52FCBB097A4ED250E036C7B9C8C7004C4EEDC4F068CD7BF8D3F900E3B4";
    private static readonly byte[] HnPrivateKeyB =
        Convert.FromHexString("F1AB1074477EBCC7F554EA1C5FC368B1616730155E0041AC447D6301975FECDA");

    private static IEnumerable<ConformanceCase> GetIdentityCases()
    {
        yield return Catalog.Case("UICC.GET_IDENTITY.NullScheme", Area,
            "GET IDENTITY (SUCI context) on the TS.48 SUCI profile, whose SUCI calculation information lists the null scheme: "
            + "'A1' with the SUCI of EF.IMSI, EF.AD's MNC length and EF.Routing_Indicator, the MSIN in clear",
            "3GPP TS 31.102 §7.5, §5.3.48; TS 24.501 §9.11.3.4; TS 33.501 Annex C.2", Pre, ctx =>
        {
            var (header, msin) = SuciProfile(ctx);
            ctx.Apdu("8078000100", $"A1{8 + msin.Length / 2:X2}{header}0000{msin}9000");
        });
        yield return Catalog.Case("UICC.GET_IDENTITY.ProfileB", Area,
            "with a profile B home network key written to DF.SAIP/EF.SUCI_Calc_Info_USIM (ADM1), GET IDENTITY answers a SUCI "
            + "the home network de-conceals to the MSIN, with a new ephemeral key each time",
            "3GPP TS 31.102 §7.5; TS 33.501 §6.12.2, Annex C.3.4.2; SAIP v3.3.1 §9.5.12", Pre, ctx =>
        {
            var (header, msin) = SuciProfile(ctx);
            ctx.Apdu("0020000A08" + Ts48Listing.Parse(Ts48Lines(Ts48Suci)).Adm1, "9000");
            ctx.Apdu("00A4000C025FD0", "9000");
            ctx.Apdu("00A4000C024F01", "9000");
            var info = "A00402010000" + "A1" + "46" + "80011B" + "8141" + HnPublicKeyB;
            ctx.Apdu($"00D60000{info.Length / 2:X2}{info}", "9000");
            ctx.Apdu(SelectUsim, "9000");
            var seen = new HashSet<string>();
            for (var i = 0; i < 2; i++)
            {
                var response = ctx.Transmit("8078000100");
                Equal("9000", Hex(response[^2..]), "GET IDENTITY status word");
                var suci = response[..^2];
                True(suci.Length == 2 + 8 + 33 + msin.Length / 2 + 8 && suci[0] == 0xA1 && suci[1] == suci.Length - 2,
                    $"expected A1 with a profile B SUCI, got {Hex(suci)}");
                Equal(header + "021B", Hex(suci[2..10]), "SUCI up to the scheme (02) and key identifier (27)");
                Equal(msin, Hex(NetworkSuci.DeconcealProfileB(HnPrivateKeyB, suci[10..]) ?? []), "the de-concealed MSIN");
                seen.Add(Hex(suci[10..43]));
            }
            True(seen.Count == 2, "two GET IDENTITY gave the same ephemeral key");
        });
    }

    private static string[] Ts48Lines(string name) =>
        Encoding.ASCII.GetString(Ts48Listing.Resource(name + ".txt")).Split(["\r\n", "\n"], StringSplitOptions.None);

    /// <summary>
    /// The TS.48 SUCI profile downloaded, enabled, its USIM selected and PIN1 verified; returns the SUCI up to the
    /// scheme (SUPI format, PLMN, routing indicator) as the card's own files give it, and the MSIN in BCD.
    /// </summary>
    private static (string Header, string Msin) SuciProfile(CaseContext ctx)
    {
        var lines = Ts48Lines(Ts48Suci);
        var iccid = Iccid.Parse(Ts48Listing.HeaderIccid(lines));
        if (ctx.Profile(iccid) is not null) throw new ConformanceSkip($"the card already holds {iccid}, the TS.48 ICCID");
        var download = ctx.RunDownload(new DownloadRequest { Upp = Ts48Listing.Resource(Ts48Suci + ".der"), Metadata = Metadata(iccid) });
        if (!download.Success) Fail($"setup: download of {Ts48Suci} failed at {download.FailedStep}: {download.Problem}");
        ctx.ExpectResult("EnableProfile", SpecCodes.EnableProfile.Ok, EnableRequest(iccid));
        ctx.Apdu(SelectUsim, "9000");
        ctx.Apdu("0020000108" + Ts48Listing.Parse(lines).Pin1, "9000");
        var imsi = ReadBinary(ctx, "6F07", 9);
        var ad = ReadBinary(ctx, "6FAD", 4);
        ctx.Apdu("00A4000C025FC0", "9000");
        var routing = ReadBinary(ctx, "4F0A", 2);
        ctx.Apdu(SelectUsim, "9000");
        // EF.IMSI: digit 1 in the high nibble of byte 2, then two digits a byte, low nibble first; 'F' ends it.
        var digits = new List<int> { imsi[1] >> 4 };
        for (var i = 2; i <= imsi[0] && i < imsi.Length; i++) digits.AddRange([imsi[i] & 0x0F, imsi[i] >> 4]);
        digits = [.. digits.TakeWhile(d => d != 0xF)];
        var mncLength = (ad[3] & 0x0F) is 3 ? 3 : 2;
        var mnc3 = mncLength == 3 ? digits[5] : 0xF;
        var plmn = Hex([(byte)(digits[1] << 4 | digits[0]), (byte)(mnc3 << 4 | digits[2]), (byte)(digits[4] << 4 | digits[3])]);
        var msinDigits = digits.Skip(3 + mncLength).ToList();
        if (msinDigits.Count % 2 == 1) msinDigits.Add(0xF);
        var msin = Hex([.. Enumerable.Range(0, msinDigits.Count / 2).Select(i => (byte)(msinDigits[2 * i + 1] << 4 | msinDigits[2 * i]))]);
        return ("01" + plmn + Hex(routing), msin);
    }

    private static byte[] ReadBinary(CaseContext ctx, string fid, int length)
    {
        ctx.Apdu("00A4000C02" + fid, "9000");
        var response = ctx.Transmit($"00B00000{length:X2}");
        Equal("9000", Hex(response[^2..]), $"READ BINARY of {fid}");
        return response[..^2];
    }

    // AMF with the separation bit set, as a network serving E-UTRAN sends it (TS 33.401 §6.1.1).
    private static readonly byte[] Amf = [0x80, 0x00];

    /// <summary>A downloaded USIM profile, enabled, its USIM selected and PIN1 verified: ready for AUTHENTICATE.</summary>
    private static Iccid EnabledUsimAfterPin(CaseContext ctx, int n)
    {
        var iccid = InstallUsim(ctx, n);
        ctx.ExpectResult("EnableProfile", SpecCodes.EnableProfile.Ok, EnableRequest(iccid));
        ctx.Apdu(SelectUsim, "9000");
        ctx.Apdu(Pin0000, "9000");
        return iccid;
    }

    private static NetworkMilenage Network(Iccid iccid) => new(UppParameters(iccid).K, UppParameters(iccid).Opc);

    /// <summary>AUTHENTICATE, 3G context (P2 81), and the GET RESPONSE its 61xx asks for: the data and the final status word.</summary>
    private static (byte[] Data, string Sw) Authenticate(CaseContext ctx, byte[] rand, byte[] autn)
    {
        var response = ctx.Transmit("008800812210" + Hex(rand) + "10" + Hex(autn));
        if (response is [0x61, var length]) response = ctx.Transmit("00C00000" + length.ToString("X2", CultureInfo.InvariantCulture));
        return (response[..^2], Hex(response[^2..]));
    }

    /// <summary>'DB', then RES, CK, IK and optionally Kc, each after its own length; no overall length (TS 31.102 §7.1.2.1).</summary>
    private static void CheckKeys(byte[] data, (byte[] Res, byte[] Ck, byte[] Ik, byte[] Ak, byte[] AkStar) expected)
    {
        True(data.Length > 1 && data[0] == 0xDB, $"expected DB ..., got {Hex(data)}");
        var at = 1;
        byte[] Next(string what)
        {
            True(at < data.Length && at + 1 + data[at] <= data.Length, $"{what}: response too short: {Hex(data)}");
            var value = data[(at + 1)..(at + 1 + data[at])];
            at += 1 + data[at];
            return value;
        }
        Equal(Hex(expected.Res), Hex(Next("RES")), "RES = f2(K, RAND)");
        Equal(Hex(expected.Ck), Hex(Next("CK")), "CK = f3(K, RAND)");
        Equal(Hex(expected.Ik), Hex(Next("IK")), "IK = f4(K, RAND)");
        if (at == data.Length) return;
        var kc = new byte[8];
        for (var i = 0; i < 8; i++) kc[i] = (byte)(expected.Ck[i] ^ expected.Ck[i + 8] ^ expected.Ik[i] ^ expected.Ik[i + 8]);
        Equal(Hex(kc), Hex(Next("Kc")), "Kc = c3(CK, IK)");
        True(at == data.Length, $"bytes after Kc: {Hex(data)}");
    }

    private static UsimProfileParameters Usim(Iccid iccid, string pin1 = "0000") => new()
    {
        Iccid = iccid,
        Imsi = UppParameters(iccid).Imsi,
        K = UppParameters(iccid).K,
        Opc = UppParameters(iccid).Opc,
        Pin1 = pin1,
    };

    private static Iccid InstallUsim(CaseContext ctx, int n, string pin1 = "0000")
    {
        var iccid = TestIccid(n);
        var download = ctx.RunDownload(new DownloadRequest
        {
            Upp = ProfilePackageBuilder.BuildUsim(Usim(iccid, pin1)),
            Metadata = Metadata(iccid),
        });
        if (!download.Success) Fail($"setup: download of {iccid} failed at {download.FailedStep}: {download.Problem}");
        return iccid;
    }

    // 3GPP TS 31.102 §4.2.2: length, then parity/type nibble and the digits, low nibble first, padded with F.
    private static string ImsiFile(string imsi)
    {
        List<int> nibbles = [imsi.Length % 2 == 1 ? 0x9 : 0x1, .. imsi.Select(c => c - '0')];
        if (nibbles.Count % 2 == 1) nibbles.Add(0xF);
        var bytes = Enumerable.Range(0, nibbles.Count / 2).Select(i => (byte)((nibbles[(2 * i) + 1] << 4) | nibbles[2 * i])).ToArray();
        return Hex([(byte)bytes.Length, .. bytes]);
    }
}
