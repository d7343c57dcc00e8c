using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;
using static EuiccEmulator.Conformance.CaseContext;

namespace EuiccEmulator.Conformance.Cases;

/// <summary>ES10c: local profile management, each result code on a profile the case downloads and removes.</summary>
internal static class Es10cCases
{
    private const string Area = "ES10c";
    private const Precondition Pre = Precondition.TrustsSgp26Ci;
    private static readonly Iccid Unknown = Iccid.Parse("89000123456789012358");

    public static IEnumerable<ConformanceCase> All()
    {
        yield return Catalog.Case("ES10c.GetEID.Basic", Area, "GetEID returns 16 bytes with valid SGP.29 check digits",
            "SGP.22 §5.7.20; SGP.29", Precondition.None, ctx =>
        {
            var data = Hex(ctx.Es10Ok([0xBF, 0x3E, 0x03, 0x5C, 0x01, 0x5A]));
            True(data.Length == 42 && data.StartsWith("BF3E125A10", StringComparison.Ordinal), $"response {data}");
            True(Eid.HasValidCheckDigits(data[10..]), $"EID {data[10..]} fails the check digits");
        });
        yield return Catalog.Case("ES10c.GetEID.WrongTagList", Area, "a tagList other than 5A is refused with 6A80", "SGP.22 §5.7.20",
            Precondition.None, ctx => ctx.Es10ExpectSw("BF3E035C0199", 0x6A80));
        yield return Catalog.Case("ES10c.GetEID.MissingTagList", Area, "GetEID without tagList is refused with 6A80", "SGP.22 §5.7.20",
            Precondition.None, ctx => ctx.Es10ExpectSw("BF3E00", 0x6A80));
        yield return Catalog.Case("ES10c.GetProfilesInfo.Criteria", Area, "search by ICCID, by ISD-P AID and by class; tag list",
            "SGP.22 §5.7.15", Pre, ctx =>
        {
            var iccid = ctx.Install(100);
            var profile = ctx.Profile(iccid)!;
            var byIccid = ParseProfiles(ctx.Es10Ok(Convert.FromHexString($"BF2D15A00C5A0A{Swapped(iccid)}5C055A4F9F7095")));
            Equal(1, byIccid.Count, "profiles found by ICCID");
            var byAid = ParseProfiles(ctx.Es10Ok(Convert.FromHexString($"BF2D1BA0124F10{Hex(profile.IsdpAid)}5C055A4F9F7095")));
            Equal(iccid, byAid.Single().Iccid, "profile found by AID");
            True(ParseProfiles(ctx.Es10Ok(Convert.FromHexString("BF2D0AA0039501025C035A9F70"))).Any(p => p.Iccid == iccid),
                "search by class operational");
            var tagged = Hex(ctx.Es10Ok(Convert.FromHexString($"BF2D11A00C5A0A{Swapped(iccid)}5C015A")));
            Equal($"BF2D10A00EE30C5A0A{Swapped(iccid)}", tagged, "tag list 5A only");
        });
        yield return Catalog.Case("ES10c.GetProfilesInfo.UnknownIccid", Area, "an unknown ICCID gives an empty list", "SGP.22 §5.7.15",
            Precondition.None, ctx => ctx.Es10Expect($"BF2D0EA00C5A0A{Swapped(Unknown)}", "BF2D02A000"));
        yield return Catalog.Case("ES10c.GetProfilesInfo.ClassOutOfRange", Area, "profile class 9 gives incorrectInputValues (1)",
            "SGP.22 §5.7.15", Precondition.None, ctx
            => ctx.Es10Expect("BF2D05A003950109", "BF2D038101" + Code(SpecCodes.GetProfilesInfo.IncorrectInputValues)));
        yield return Catalog.Case("ES10c.GetProfilesInfo.UnknownCriterion", Area,
            "an unknown search criterion gives incorrectInputValues (1)", "SGP.22 §5.7.15", Precondition.None, ctx
            => ctx.Es10Expect("BF2D04A0028000", "BF2D038101" + Code(SpecCodes.GetProfilesInfo.IncorrectInputValues)));
        yield return Catalog.Case("ES10c.GetProfilesInfo.EmptyCriterion", Area, "an empty search criterion gives incorrectInputValues (1)",
            "SGP.22 §5.7.15", Precondition.None, ctx
            => ctx.Es10Expect("BF2D02A000", "BF2D038101" + Code(SpecCodes.GetProfilesInfo.IncorrectInputValues)));

        yield return Catalog.Case("ES10c.EnableProfile.Ok", Area, "enable a disabled profile", "SGP.22 §5.7.16", Pre, ctx =>
        {
            var iccid = ctx.Install(101);
            ctx.ExpectResult("EnableProfile", SpecCodes.EnableProfile.Ok, EnableRequest(iccid));
            ctx.ExpectState(iccid, 1);
        });
        yield return Catalog.Case("ES10c.EnableProfile.ByAid", Area, "enable by ISD-P AID", "SGP.22 §5.7.16", Pre, ctx =>
        {
            var iccid = ctx.Install(102);
            ctx.ExpectResult("EnableProfile", SpecCodes.EnableProfile.Ok,
                Convert.FromHexString($"BF3117A0124F10{Hex(ctx.Profile(iccid)!.IsdpAid)}810100"));
            ctx.ExpectState(iccid, 1);
        });
        yield return Catalog.Case("ES10c.EnableProfile.IccidOrAidNotFound", Area, "enable an unknown ICCID gives 1", "SGP.22 §5.7.16",
            Precondition.None, ctx => ctx.ExpectResult("EnableProfile", SpecCodes.EnableProfile.IccidOrAidNotFound,
            EnableRequest(Unknown)));
        yield return Catalog.Case("ES10c.EnableProfile.ProfileNotInDisabledState", Area, "enable the enabled profile gives 2",
            "SGP.22 §5.7.16", Pre, ctx =>
        {
            var iccid = ctx.Install(103);
            ctx.ExpectResult("EnableProfile", SpecCodes.EnableProfile.Ok, EnableRequest(iccid));
            ctx.ExpectResult("EnableProfile again", SpecCodes.EnableProfile.ProfileNotInDisabledState, EnableRequest(iccid));
        });
        yield return Catalog.Case("ES10c.EnableProfile.DisallowedByPolicy", Area,
            "enable another profile while the enabled one has PPR1 gives 3", "SGP.22 §5.7.16; §2.9.2.1",
            Pre | Precondition.NoProfileInstalled, ctx =>
        {
            var ppr1 = ctx.Install(104, pprs: PprIds.Ppr1DisableNotAllowed);
            var other = ctx.Install(105);
            ctx.ExpectResult("EnableProfile (PPR1)", SpecCodes.EnableProfile.Ok, EnableRequest(ppr1));
            ctx.ExpectResult("EnableProfile (other)", SpecCodes.EnableProfile.DisallowedByPolicy, EnableRequest(other));
            ctx.ExpectState(ppr1, 1);
            ctx.ExpectResult("eUICCMemoryReset(deleteOperationalProfiles), as PPR1 keeps the profile enabled",
                SpecCodes.EuiccMemoryReset.Ok, Convert.FromHexString("BF340482020780"));
        });
        yield return Catalog.Case("ES10c.EnableProfile.RefreshWithoutTerminalProfile", Area,
            "with refreshFlag after a reset and no TERMINAL PROFILE: the response ends 9000 and no proactive command waits",
            "SGP.22 §5.7.16; ETSI TS 102 223 §5.2, §6.4.7", Pre | Precondition.CanReset, ctx =>
        {
            var iccid = ctx.Install(109);
            ctx.Reset();
            var r = ctx.Es10(EnableRequest(iccid, refresh: true), completeProactive: false);
            Equal("BF3103800100", Hex(r.Data), "EnableProfile response");
            True(r.StatusWord == 0x9000, $"SW {r.StatusWord:X4}, expected 9000: the terminal never announced REFRESH");
            ctx.Apdu("8012000000", "6985");
            ctx.ExpectState(iccid, 1);
        });
        yield return Catalog.Case("ES10c.EnableProfile.CatBusy", Area,
            "with refreshFlag: 91xx and a REFRESH to fetch; another switch before the TERMINAL RESPONSE gives catBusy (5)",
            "SGP.22 §5.7.16; ETSI TS 102 223", Pre, ctx =>
        {
            var iccid = ctx.Install(106);
            ctx.AnnounceRefresh();
            var r = ctx.Es10(EnableRequest(iccid, refresh: true), completeProactive: false);
            Equal("BF3103800100", Hex(r.Data), "EnableProfile response");
            True(r.StatusWord >> 8 == 0x91, $"SW {r.StatusWord:X4}, expected 91xx");
            Equal("6C" + (r.StatusWord & 0xFF).ToString("X2", System.Globalization.CultureInfo.InvariantCulture),
                Hex(ctx.Transmit("8012000005")), "FETCH with a wrong Le");
            var fetched = Hex(ctx.Transmit("80120000" + (r.StatusWord & 0xFF)
                .ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
            True(fetched.StartsWith("D0", StringComparison.Ordinal) && fetched.Contains("810301010", StringComparison.Ordinal)
                && fetched.EndsWith("9000", StringComparison.Ordinal), $"FETCH gave {fetched}, not a REFRESH");
            ctx.ExpectResult("DisableProfile during the CAT session", SpecCodes.DisableProfile.CatBusy,
                DisableRequest(iccid, refresh: true));
            ctx.Apdu("801400000C810301010402028281830100", "9000");
            ctx.ExpectState(iccid, 1);
        });
        yield return Catalog.Case("ES10c.EnableProfile.Malformed", Area, "malformed EnableProfile requests are refused with 6A80",
            "SGP.22 §5.7.16", Precondition.None, ctx =>
        {
            ctx.Es10ExpectSw("BF3104A0025A00", 0x6A80);
            ctx.Es10ExpectSw("BF3103A00100", 0x6A80);
            ctx.Es10ExpectSw($"BF3111A00C5A0A{Swapped(Unknown)}", 0x6A80);
            ctx.Es10ExpectSw($"BF3111A00C9A0A{Swapped(Unknown)}810100", 0x6A80);
        });
        yield return Catalog.Case("ES10c.DisableProfile.Ok", Area, "disable the enabled profile", "SGP.22 §5.7.17", Pre, ctx =>
        {
            var iccid = ctx.Install(107);
            ctx.ExpectResult("EnableProfile", SpecCodes.EnableProfile.Ok, EnableRequest(iccid));
            ctx.ExpectResult("DisableProfile", SpecCodes.DisableProfile.Ok, DisableRequest(iccid));
            ctx.ExpectState(iccid, 0);
        });
        yield return Catalog.Case("ES10c.DisableProfile.IccidOrAidNotFound", Area, "disable an unknown ICCID gives 1", "SGP.22 §5.7.17",
            Precondition.None, ctx => ctx.ExpectResult("DisableProfile", SpecCodes.DisableProfile.IccidOrAidNotFound,
            DisableRequest(Unknown)));
        yield return Catalog.Case("ES10c.DisableProfile.ProfileNotInEnabledState", Area, "disable a disabled profile gives 2",
            "SGP.22 §5.7.17", Pre, ctx =>
        {
            var iccid = ctx.Install(108);
            ctx.ExpectResult("DisableProfile", SpecCodes.DisableProfile.ProfileNotInEnabledState, DisableRequest(iccid));
        });
        yield return Catalog.Case("ES10c.DisableProfile.DisallowedByPolicy", Area, "disable a profile with PPR1 gives 3",
            "SGP.22 §5.7.17; §2.9.2.1", Pre | Precondition.NoProfileInstalled, ctx =>
        {
            var iccid = ctx.Install(109, pprs: PprIds.Ppr1DisableNotAllowed);
            ctx.ExpectResult("EnableProfile", SpecCodes.EnableProfile.Ok, EnableRequest(iccid));
            ctx.ExpectResult("DisableProfile", SpecCodes.DisableProfile.DisallowedByPolicy, DisableRequest(iccid));
            ctx.ExpectState(iccid, 1);
            ctx.ExpectResult("eUICCMemoryReset(deleteOperationalProfiles), as PPR1 keeps the profile enabled",
                SpecCodes.EuiccMemoryReset.Ok, Convert.FromHexString("BF340482020780"));
        });
        yield return Catalog.Case("ES10c.DeleteProfile.Ok", Area, "delete a disabled profile; deleting again gives 1", "SGP.22 §5.7.18",
            Pre, ctx =>
        {
            var iccid = ctx.Install(110);
            ctx.ExpectResult("DeleteProfile", SpecCodes.DeleteProfile.Ok, DeleteRequest(iccid));
            ctx.ExpectAbsent(iccid);
            ctx.ExpectResult("DeleteProfile again", SpecCodes.DeleteProfile.IccidOrAidNotFound, DeleteRequest(iccid));
        });
        yield return Catalog.Case("ES10c.DeleteProfile.ByAid", Area, "delete by ISD-P AID", "SGP.22 §5.7.18", Pre, ctx =>
        {
            var iccid = ctx.Install(111);
            ctx.ExpectResult("DeleteProfile", SpecCodes.DeleteProfile.Ok,
                Convert.FromHexString($"BF33124F10{Hex(ctx.Profile(iccid)!.IsdpAid)}"));
            ctx.ExpectAbsent(iccid);
        });
        yield return Catalog.Case("ES10c.DeleteProfile.ProfileNotInDisabledState", Area, "delete the enabled profile gives 2",
            "SGP.22 §5.7.18", Pre, ctx =>
        {
            var iccid = ctx.Install(112);
            ctx.ExpectResult("EnableProfile", SpecCodes.EnableProfile.Ok, EnableRequest(iccid));
            ctx.ExpectResult("DeleteProfile", SpecCodes.DeleteProfile.ProfileNotInDisabledState, DeleteRequest(iccid));
        });
        yield return Catalog.Case("ES10c.DeleteProfile.DisallowedByPolicy", Area, "delete a profile with PPR2 gives 3",
            "SGP.22 §5.7.18; §2.9.2.1", Pre | Precondition.NoProfileInstalled, ctx =>
        {
            var iccid = ctx.Install(113, pprs: PprIds.Ppr2DeleteNotAllowed);
            ctx.ExpectResult("DeleteProfile", SpecCodes.DeleteProfile.DisallowedByPolicy, DeleteRequest(iccid));
            ctx.ExpectState(iccid, 0);
            // PPR2 keeps it from ES10c delete; the cleanup needs a memory reset then, so the case uses its own.
            ctx.ExpectResult("eUICCMemoryReset(deleteOperationalProfiles)", SpecCodes.EuiccMemoryReset.Ok,
                Convert.FromHexString("BF340482020780"));
        });
        yield return Catalog.Case("ES10c.DeleteProfile.Malformed", Area, "DeleteProfile with neither 4F nor 5A is refused with 6A80",
            "SGP.22 §5.7.18", Precondition.None, ctx => ctx.Es10ExpectSw("BF33029000", 0x6A80));
        yield return Catalog.Case("ES10c.SetNickname.Ok", Area, "set and clear a nickname; GetProfilesInfo shows it", "SGP.22 §5.7.21",
            Pre,
            ctx =>
        {
            var iccid = ctx.Install(114);
            ctx.ExpectResult("SetNickname", SpecCodes.SetNickname.Ok, Convert.FromHexString($"BF29125A0A{Swapped(iccid)}90044E69636B"));
            True(Hex(ctx.Es10Ok(Convert.FromHexString($"BF2D11A00C5A0A{Swapped(iccid)}5C0190")))
                .Contains("90044E69636B", StringComparison.Ordinal), "nickname not shown");
            ctx.ExpectResult("SetNickname (empty)", SpecCodes.SetNickname.Ok, Convert.FromHexString($"BF290E5A0A{Swapped(iccid)}9000"));
        });
        yield return Catalog.Case("ES10c.SetNickname.IccidNotFound", Area, "nickname for an unknown ICCID gives 1", "SGP.22 §5.7.21",
            Precondition.None,
            ctx => ctx.ExpectResult("SetNickname", SpecCodes.SetNickname.IccidNotFound,
                Convert.FromHexString($"BF29125A0A{Swapped(Unknown)}90044E69636B")));
        yield return Catalog.Case("ES10c.SetNickname.Malformed", Area, "a short ICCID is refused with 6A80", "SGP.22 §5.7.21",
            Precondition.None, ctx => ctx.Es10ExpectSw("BF29045A020000", 0x6A80));
        yield return Catalog.Case("ES10c.EuiccMemoryReset.NothingToDelete", Area,
            "reset of field-loaded test profiles when there are none gives 1", "SGP.22 §5.7.19", Precondition.NoProfileInstalled,
            ctx => ctx.ExpectResult("eUICCMemoryReset", SpecCodes.EuiccMemoryReset.NothingToDelete,
                Convert.FromHexString("BF340482020640")));
        yield return Catalog.Case("ES10c.EuiccMemoryReset.DefaultDpAddressNotSet", Area,
            "reset of the default SM-DP+ address when none is set gives 1", "SGP.22 §5.7.19", Precondition.NoDefaultDpAddress,
            ctx => ctx.ExpectResult("eUICCMemoryReset", SpecCodes.EuiccMemoryReset.NothingToDelete,
                Convert.FromHexString("BF340482020520")));
        yield return Catalog.Case("ES10c.EuiccMemoryReset.DefaultDpAddress", Area, "reset of a set default SM-DP+ address",
            "SGP.22 §5.7.19", Precondition.None, ctx =>
        {
            ctx.Es10Expect("BF3F0A8008736D64702E636F6D", "BF3F03800100");
            ctx.ExpectResult("eUICCMemoryReset", SpecCodes.EuiccMemoryReset.Ok, Convert.FromHexString("BF340482020520"));
            True(TlvCodec.ReadSingle(ctx.Es10Ok([0xBF, 0x3C, 0x00])).Children().All(p => p.Tag != 0x80), "address still set");
        });
        yield return Catalog.Case("ES10c.EuiccMemoryReset.OperationalProfiles", Area,
            "reset deletes operational profiles, also with PPR2, and the enabled one", "SGP.22 §5.7.19",
            Pre | Precondition.NoProfileInstalled, ctx =>
        {
            var a = ctx.Install(115, pprs: PprIds.Ppr2DeleteNotAllowed);
            var b = ctx.Install(116);
            ctx.ExpectResult("EnableProfile", SpecCodes.EnableProfile.Ok, EnableRequest(b));
            ctx.ExpectResult("eUICCMemoryReset", SpecCodes.EuiccMemoryReset.Ok, Convert.FromHexString("BF340482020780"));
            Equal(0, ctx.Profiles().Count, "profiles left");
            _ = a;
        });
        yield return Catalog.Case("ES10c.EuiccMemoryReset.TestProfiles", Area,
            "reset of field-loaded test profiles deletes the test profile only", "SGP.22 §5.7.19", Pre | Precondition.NoProfileInstalled,
            ctx =>
        {
            var test = ctx.Install(117, ProfileClass.Test);
            var op = ctx.Install(118);
            ctx.ExpectResult("eUICCMemoryReset", SpecCodes.EuiccMemoryReset.Ok, Convert.FromHexString("BF340482020640"));
            ctx.ExpectAbsent(test);
            ctx.ExpectState(op, 0);
        });
        yield return Catalog.Case("ES10c.EuiccMemoryReset.Malformed", Area, "reset without resetOptions is refused with 6A80",
            "SGP.22 §5.7.19", Precondition.None, ctx => ctx.Es10ExpectSw("BF3400", 0x6A80));
        yield return Catalog.Case("ES10c.Notifications.EnableDisableDelete", Area,
            "enable, disable, delete create notifications with increasing sequence numbers, signed by the card",
            "SGP.22 §5.7.9-11; §2.6.4",
            Pre, ctx =>
        {
            var iccid = ctx.Install(119);
            ctx.ExpectResult("EnableProfile", SpecCodes.EnableProfile.Ok, EnableRequest(iccid));
            ctx.ExpectResult("DisableProfile", SpecCodes.DisableProfile.Ok, DisableRequest(iccid));
            ctx.ExpectResult("DeleteProfile", SpecCodes.DeleteProfile.Ok, DeleteRequest(iccid));
            var list = TlvCodec.ReadSingle(TlvCodec.ReadSingle(ctx.Es10Ok([0xBF, 0x28, 0x00])).Value).Children();
            var mine = list.Where(m => Hex(m.Raw.Span).Contains("5A0A" + Swapped(iccid), StringComparison.Ordinal)).ToList();
            var events = mine.Select(m => Hex(m.Children().First(c => c.Tag == 0x81).Value.Span)).ToList();
            Equal("0640,0520,0410", string.Join(",", events.Skip(events.Count - 3)), "profileManagementOperation bits of the last three");
            var seqs = mine.Select(m => Integer(m.Children().First(c => c.Tag == 0x80).Value.Span)).ToList();
            True(seqs.SequenceEqual(seqs.Order()) && seqs.Distinct().Count() == seqs.Count, "sequence numbers not increasing");
            var seq = seqs[^1];
            ctx.ExpectResult("RemoveNotificationFromList", SpecCodes.RemoveNotificationFromList.Ok, Cases.IotCases.Remove(seq));
            ctx.ExpectResult("RemoveNotificationFromList again", SpecCodes.RemoveNotificationFromList.NothingToDelete,
                Cases.IotCases.Remove(seq));
        });
    }
}
