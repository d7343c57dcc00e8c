using static EuiccEmulator.Conformance.CaseContext;

namespace EuiccEmulator.Conformance.Cases;

/// <summary>Card OS behaviour: SELECT, channels, STORE DATA chaining, 61xx and GET RESPONSE, malformed commands.</summary>
internal static class TransportCases
{
    private const string Area = "Transport";
    private const string GetEid = "BF3E035C015A";

    public static IEnumerable<ConformanceCase> All()
    {
        // Raw APDU -> exact response, on the basic channel after a warm reset (nothing selected, no channel open).
        (string Id, string Title, string Section, string Apdu, string Expected)[] raw =
        [
            ("Transport.Select.UnknownAid", "SELECT of an AID the card does not have", "ISO 7816-4 §11.1.1",
                "00A4040C10A0000005591010FFFFFFFF8900000300", "6A82"),
            ("Transport.Select.LcMismatch", "SELECT whose Lc does not match the data", "ISO 7816-4 §5.1", "00A4040C0BA0000005591010FFFF01",
                "6700"),
            ("Transport.Select.NameTooShort", "SELECT with a name shorter than an AID", "ISO 7816-4 §11.1.1", "00A4040C03A00000", "6700"),
            ("Transport.Select.FileId", "SELECT by file identifier (no file system)", "ISO 7816-4 §11.1.1", "00A4000C023F00", "6A82"),
            ("Transport.Select.WrongP1", "SELECT with P1 05", "ISO 7816-4 §11.1.1", "00A4050C10" + IsdRAid, "6A86"),
            ("Transport.Select.WrongP2", "SELECT with P2 10", "ISO 7816-4 §11.1.1", "00A4041010" + IsdRAid, "6A86"),
            ("Transport.Select.NextOccurrence", "SELECT next occurrence of the ISD-R", "ISO 7816-4 §11.1.1", "00A4040210" + IsdRAid,
                "6A82"),
            ("Transport.Cla.ProprietarySelect", "SELECT with a proprietary class byte", "ISO 7816-4 §5.4.1", "80A4040C10" + IsdRAid,
                "6E00"),
            // Class A0 is the GSM class (TS 51.011), which a UICC may keep: STORE DATA, absent from GSM, is refused either way.
            ("Transport.Cla.GsmClass", "GSM class A0 with an instruction GSM lacks: class (6E00) or instruction (6D00) not supported",
                "ETSI TS 102 221 §10.1.1, §10.2.1.5", "A0E2910006" + GetEid, "6E00|6D00"),
            ("Transport.Ins.ReadBinaryNothingSelected", "READ BINARY with nothing selected", "ISO 7816-4 §5.6", "00B0000000", "6D00"),
            ("Transport.Ins.StoreDataNothingSelected", "STORE DATA with no application selected", "GP Card Spec §11.11",
                "80E2910006" + GetEid, "6D00"),
            ("Transport.Channel.NotOpen", "command on a logical channel that is not open", "ETSI TS 102 221 §11.1.17",
                "01A4040C10" + IsdRAid, "6881"),
            ("Transport.GetResponse.NothingPending", "GET RESPONSE with nothing to return", "ISO 7816-4 §7.6.1", "00C0000010", "6985"),
            ("Transport.GetResponse.WrongP1P2", "GET RESPONSE with P1 01", "ISO 7816-4 §7.6.1", "00C0010000", "6A86"),
            ("Transport.Fetch.NoProactiveCommand", "FETCH without a pending proactive command", "ETSI TS 102 221 §10.1.1", "8012000010",
                "6985"),
            ("Transport.TerminalCapability.Accepted", "TERMINAL CAPABILITY as LPAs send it", "ETSI TS 102 221 §11.1.19",
                "80AA00000AA9088100820101830107", "9000"),
            ("Transport.TerminalProfile.Accepted", "TERMINAL PROFILE", "ETSI TS 102 221 §11.2.1", "8010000002FFFF", "9000"),
            ("Transport.Status.Accepted", "STATUS, no data", "ETSI TS 102 221 §11.1.2", "80F2000C", "9000"),
            ("Transport.Status.WrongP1", "STATUS with P1 03", "ETSI TS 102 221 §11.1.2", "80F2030C", "6A86"),
            ("Transport.Apdu.OneByte", "a one-byte command", "ISO 7816-3 §12.1", "00", "6700"),
            ("Transport.Apdu.TwoBytes", "a two-byte command", "ISO 7816-3 §12.1", "00A4", "6700"),
            ("Transport.Apdu.LcBeyondData", "Lc larger than the data present", "ISO 7816-4 §5.1", "00A404000500", "6700"),
            ("Transport.ManageChannel.CloseBasic", "MANAGE CHANNEL close of the basic channel", "ISO 7816-4 §11.1.2", "0070800000",
                "6A86"),
            ("Transport.ManageChannel.CloseNotOpen", "MANAGE CHANNEL close of a channel not open", "ISO 7816-4 §11.1.2", "0070800500",
                "6881"),
            ("Transport.ManageChannel.WrongP1", "MANAGE CHANNEL with P1 40", "ISO 7816-4 §11.1.2", "0070400000", "6A86"),
            ("Transport.ManageChannel.DataNotAllowed", "MANAGE CHANNEL with command data", "ISO 7816-4 §11.1.2", "007000140100", "6700"),
            ("Transport.ManageChannel.OutOfRange", "MANAGE CHANNEL open of channel 20", "ETSI TS 102 221 §11.1.17", "0070001400", "6881"),
            ("Transport.ManageChannel.ProprietaryClass", "MANAGE CHANNEL with class 80", "ISO 7816-4 §11.1.2", "8070000001", "6E00"),
        ];
        foreach (var (id, title, section, apdu, expected) in raw)
        {
            yield return Catalog.Case(id, Area, title, section,
                Precondition.CanReset | (apdu.Length < 8 ? Precondition.RawShortApdus : Precondition.None), ctx =>
            {
                ctx.Reset();
                ctx.ApduOneOf(apdu, expected.Split('|'));
            });
        }

        // STORE DATA errors with the ISD-R selected on the basic channel.
        (string Id, string Title, string Apdu, string Expected)[] storeData =
        [
            ("Transport.StoreData.UnknownFunction", "STORE DATA with an unknown ES10 tag", "80E2910003BF9900", "6A80"),
            ("Transport.StoreData.LengthBeyondData", "STORE DATA whose TLV length runs past the data", "80E2910003BF3E05", "6A80"),
            ("Transport.StoreData.TrailingBytes", "STORE DATA with bytes after the TLV", "80E2910005BF3E00AABB", "6A80"),
            ("Transport.StoreData.NotEs10Tag", "STORE DATA with a primitive non-ES10 tag", "80E29100025A00", "6A80"),
            ("Transport.StoreData.InterindustryClass", "STORE DATA with class 00", "00E2910006" + GetEid, "6E00"),
            ("Transport.StoreData.WrongP2", "STORE DATA starting a sequence at block 1", "80E2910106" + GetEid, "6A86"),
            ("Transport.StoreData.WrongP1", "STORE DATA with P1 01 (not BER-TLV)", "80E2010006" + GetEid, "6A86"),
            ("Transport.StoreData.NoData", "STORE DATA without data", "80E29100", "6700"),
        ];
        foreach (var (id, title, apdu, expected) in storeData)
        {
            yield return Catalog.Case(id, Area, title, "GP Card Spec §11.11; SGP.22 §5.7.2", Precondition.CanReset, ctx =>
            {
                ctx.Reset();
                ctx.Apdu("00A4040C10" + IsdRAid, "9000");
                ctx.Apdu(apdu, expected);
            });
        }

        yield return Catalog.Case("Transport.Select.IsdR.61xxThenFci", Area, "SELECT ISD-R without Le gives 61xx, GET RESPONSE the FCI",
            "ISO 7816-4 §7.1.1, §7.6.1; docs/transport.md#select-and-the-isd-r-fci", Precondition.CanReset, ctx =>
        {
            ctx.Reset();
            var sw = Hex(ctx.Transmit("00A4040010" + IsdRAid));
            True(sw.Length == 4 && sw.StartsWith("61", StringComparison.Ordinal), $"expected 61xx, got {sw}");
            var fci = Hex(ctx.Transmit("00C00000" + sw[2..]));
            True(fci.StartsWith("6F", StringComparison.Ordinal) && fci.EndsWith("9000", StringComparison.Ordinal), $"FCI {fci}");
            True(fci.Contains("8410" + IsdRAid, StringComparison.Ordinal), "FCI does not carry 84 with the ISD-R AID");
            Equal(Convert.ToInt32(sw[2..], 16), fci.Length / 2 - 2, "FCI length announced by 61xx");
        });
        yield return Catalog.Case("Transport.Select.IsdR.WithLe", Area, "SELECT ISD-R with Le returns the FCI and 9000",
            "ISO 7816-4 §11.1.1", Precondition.CanReset, ctx =>
        {
            ctx.Reset();
            var r = Hex(ctx.Transmit("00A4040010" + IsdRAid + "00"));
            True(r.StartsWith("6F", StringComparison.Ordinal) && r.EndsWith("9000", StringComparison.Ordinal), $"response {r}");
        });
        yield return Catalog.Case("Transport.Select.PartialAid", Area, "SELECT by a partial AID finds the ISD-R", "ISO 7816-4 §11.1.1",
            Precondition.CanReset, ctx =>
        {
            ctx.Reset();
            ctx.Apdu("00A4040C0DA0000005591010FFFFFFFF8900", "9000");
            ctx.ApduSw("80E2910006" + GetEid + "00", "9000");
        });
        yield return Catalog.Case("Transport.ManageChannel.OpenSelectClose", Area,
            "open a channel, select the ISD-R on it, ES10 in small blocks, close", "ETSI TS 102 221 §11.1.17; SGP.22 §5.7.2",
            Precondition.CanReset, ctx =>
        {
            ctx.Reset();
            var eid = ctx.ApduSw("80E2910006" + GetEid + "00", "6D00"); // nothing selected on the basic channel yet
            var opened = ctx.ApduSw("0070000001", "9000");
            Equal(1, opened.Length, "MANAGE CHANNEL open data length");
            var ch = opened[0];
            True(ch is >= 1 and <= 3, $"first channel {ch}");
            ctx.Apdu($"0{ch}A4040C10" + IsdRAid, "9000");
            var data = new List<byte>();
            ctx.Apdu($"8{ch}E2110003BF3E03", "9000");
            var last = ctx.Transmit($"8{ch}E2910103" + "5C015A" + "00");
            Equal("9000", Hex(last[^2..]), "last block SW");
            True(Hex(last).StartsWith("BF3E125A10", StringComparison.Ordinal), "GetEID over two blocks");
            ctx.Apdu($"007080{ch:X2}00", "9000");
            ctx.Apdu($"8{ch}E2910006" + GetEid, "6881");
            _ = eid;
        });
        yield return Catalog.Case("Transport.ManageChannel.AllChannels", Area,
            "open channels until 6A81; the last one (CLA 4X/CX when above 3) works; close all", "ETSI TS 102 221 §10.1.1, §11.1.17",
            Precondition.CanReset, ctx =>
        {
            ctx.Reset();
            var opened = new List<int>();
            for (var i = 0; i < 20; i++)
            {
                var r = Hex(ctx.Transmit("0070000001"));
                if (r == "6A81") break;
                True(r.Length == 6 && r.EndsWith("9000", StringComparison.Ordinal), $"MANAGE CHANNEL open {i + 1} answered {r}");
                opened.Add(Convert.ToInt32(r[..2], 16));
            }
            True(opened.Count >= 3, $"only {opened.Count} logical channels");
            Equal("6A81", Hex(ctx.Transmit("0070000001")), "one more MANAGE CHANNEL open");
            var top = opened.Max();
            var cla = top < 4 ? top : 0x40 | (top - 4);
            var pcla = top < 4 ? 0x80 | top : 0xC0 | (top - 4);
            ctx.Apdu($"{cla:X2}A4040C10" + IsdRAid, "9000");
            True(Hex(ctx.Transmit($"{pcla:X2}E2910006" + GetEid + "00")).StartsWith("BF3E125A10", StringComparison.Ordinal),
                $"GetEID on channel {top}");
            foreach (var ch in opened) ctx.Apdu($"007080{ch:X2}00", "9000");
        });
        yield return Catalog.Case("Transport.ManageChannel.InheritsSelection", Area,
            "a channel opened from a channel with the ISD-R selected inherits the selection", "ISO 7816-4 §11.1.2", Precondition.CanReset,
            ctx =>
        {
            ctx.Reset();
            ctx.Apdu("0070000001", "019000");
            ctx.Apdu("01A4040C10" + IsdRAid, "9000");
            ctx.Apdu("0170000001", "029000");
            True(Hex(ctx.Transmit("82E2910006" + GetEid + "00")).StartsWith("BF3E125A10", StringComparison.Ordinal),
                "GetEID on the inherited channel");
        });
        yield return Catalog.Case("Transport.ManageChannel.OpenSpecific", Area, "open channel 3 explicitly; opening it again gives 6A81",
            "ISO 7816-4 §11.1.2", Precondition.CanReset, ctx =>
        {
            ctx.Reset();
            ctx.Apdu("0070000300", "9000");
            ctx.Apdu("0070000300", "6A81");
            ctx.Apdu("03A4040C10" + IsdRAid, "9000");
            ctx.Apdu("0070800300", "9000");
        });
        yield return Catalog.Case("Transport.GetResponse.InPieces", Area,
            "GET RESPONSE with a small Le serves the data in pieces with 61xx, either class", "ISO 7816-4 §7.6.1", Precondition.CanReset,
            ctx =>
        {
            ctx.Reset();
            ctx.Apdu("00A4040C10" + IsdRAid, "9000");
            var eid = ctx.Eid().Digits;
            ctx.Reset();
            ctx.Apdu("00A4040C10" + IsdRAid, "9000");
            ctx.Apdu("80E2910006" + GetEid, "6115");
            ctx.Apdu("00C0000005", "BF3E125A106110");
            ctx.Apdu("80C0000004", eid[..8] + "610C");
            ctx.Apdu("00C000000C", eid[8..] + "9000");
            ctx.Apdu("00C0000001", "6985");
        });
        yield return Catalog.Case("Transport.GetResponse.ChannelMismatch", Area, "pending response data is only served on its own channel",
            "ETSI TS 102 221 §7.3.1.1.5", Precondition.CanReset, ctx =>
        {
            ctx.Reset();
            ctx.Apdu("00A4040C10" + IsdRAid, "9000");
            ctx.Apdu("0070000001", "019000");
            ctx.Apdu("80E2910006" + GetEid, "6115");
            ctx.Apdu("01C0000015", "6985");
            var r = Hex(ctx.Transmit("00C0000015"));
            True(r.StartsWith("BF3E125A10", StringComparison.Ordinal) && r.EndsWith("9000", StringComparison.Ordinal),
                $"GET RESPONSE on channel 0 gave {r}");
        });
        yield return Catalog.Case("Transport.StoreData.WithLe", Area, "STORE DATA with Le returns the response directly",
            "ISO 7816-4 §5.1 (case 4)", Precondition.CanReset, ctx =>
        {
            ctx.Reset();
            ctx.Apdu("00A4040C10" + IsdRAid, "9000");
            var r = Hex(ctx.Transmit("80E2910006" + GetEid + "00"));
            True(r.StartsWith("BF3E125A10", StringComparison.Ordinal) && r.EndsWith("9000", StringComparison.Ordinal), $"response {r}");
        });
        yield return Catalog.Case("Transport.StoreData.ExtendedLc", Area, "STORE DATA with extended Lc and Le", "ISO 7816-4 §5.1",
            Precondition.CanReset, ctx =>
        {
            ctx.Reset();
            ctx.Apdu("00A4040C10" + IsdRAid, "9000");
            var r = Hex(ctx.Transmit("80E29100000006" + GetEid + "0000"));
            True(r.StartsWith("BF3E125A10", StringComparison.Ordinal) && r.EndsWith("9000", StringComparison.Ordinal), $"response {r}");
        });
        yield return Catalog.Case("Transport.StoreData.Chaining", Area,
            "intermediate STORE DATA blocks answer 9000 without data, the last one 61xx", "GP Card Spec §11.11.2; SGP.22 §5.7.2",
            Precondition.CanReset, ctx =>
        {
            ctx.Reset();
            ctx.Apdu("00A4040C10" + IsdRAid, "9000");
            ctx.Apdu("80E2110003BF3E03", "9000");
            ctx.Apdu("80E2110101" + "5C", "9000");
            ctx.Apdu("80E2910202015A", "6115");
        });
        yield return Catalog.Case("Transport.Ecasd.GetDataEid", Area,
            "GET DATA 5A on the ECASD returns the EID; other tags 6A88; STORE DATA not for the ECASD", "GP Card Spec §11.3; SGP.02 Annex",
            Precondition.CanReset, ctx =>
        {
            var eid = ctx.Eid().Digits;
            ctx.Reset();
            ctx.Apdu("00A4040C10" + EcasdAid, "9000");
            ctx.Apdu("80CA005A00", "5A10" + eid + "9000");
            ctx.Apdu("00CA005A00", "5A10" + eid + "9000");
            ctx.Apdu("80CA00E000", "6A88");
            ctx.Apdu("80E2910006" + GetEid, "6D00");
        });
        yield return Catalog.Case("Transport.Reset.ClosesChannelsAndDropsPending", Area,
            "a warm reset closes logical channels and drops a half-received STORE DATA", "ISO 7816-3 §6.2.3", Precondition.CanReset, ctx =>
        {
            ctx.Reset();
            ctx.Apdu("0070000001", "019000");
            ctx.Apdu("01A4040C10" + IsdRAid, "9000");
            ctx.Apdu("81E2110003BF3E03", "9000");
            ctx.Reset();
            ctx.Apdu("01A4040C10" + IsdRAid, "6881");
            ctx.Apdu("80E2910103" + "5C015A", "6D00");
        });
    }
}
