using EuiccEmulator.Peers;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Conformance;

/// <summary>What a case may change on the card, read through ES10 only; used to check preconditions and to put the card back.</summary>
internal sealed record CardState(
    IReadOnlyList<ProfileView> Profiles,
    int? EimCount,
    string? DefaultDpAddress,
    IReadOnlySet<long> NotificationSeqs)
{
    public static CardState Read(CaseContext ctx, bool iot)
    {
        var profiles = ctx.Profiles();
        int? eims = iot
            ? TestEim.ParseGetEimConfigurationDataResponse(ctx.Es10Ok(TestEim.BuildGetEimConfigurationDataRequest())).Count
            : null;
        return new CardState(profiles, eims, DefaultDp(ctx), ReadNotificationSeqs(ctx));
    }

    public static string? DefaultDp(CaseContext ctx)
    {
        var parts = TlvCodec.ReadSingle(ctx.Es10Ok([0xBF, 0x3C, 0x00])).Children();
        var dp = parts.FirstOrDefault(p => p.Tag == 0x80);
        return dp.Raw.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(dp.Value.Span);
    }

    /// <summary>Sequence numbers of every pending notification and kept eUICC Package Result.</summary>
    public static IReadOnlySet<long> ReadNotificationSeqs(CaseContext ctx)
    {
        var seqs = new HashSet<long>();
        var list = TlvCodec.ReadSingle(TlvCodec.ReadSingle(ctx.Es10Ok([0xBF, 0x2B, 0x00])).Value);
        if (list.Tag != 0xA0) return seqs;
        foreach (var item in list.Children())
        {
            if (item.Tag == 0xBF51)
            {
                try
                {
                    if (TestEim.ParseEuiccPackageResult(item.Raw).SeqNumber is { } s) seqs.Add(s);
                }
                catch (FormatException)
                {
                }
                continue;
            }
            if (FindSeq(item) is { } seq) seqs.Add(seq);
        }
        // SGP.32 §5.9.11: package results are listed on their own (criterion 82, answer A2).
        if (ctx.Es10([0xBF, 0x2B, 0x04, 0xA0, 0x02, 0x82, 0x00]) is { StatusWord: 0x9000 } eprs)
        {
            var results = TlvCodec.ReadSingle(TlvCodec.ReadSingle(eprs.Data).Value);
            if (results.Tag == 0xA2)
            {
                foreach (var item in results.Children())
                {
                    try
                    {
                        if (TestEim.ParseEuiccPackageResult(item.Raw).SeqNumber is { } s) seqs.Add(s);
                    }
                    catch (FormatException)
                    {
                    }
                }
            }
        }
        return seqs;
    }

    // notificationMetadata BF2F { 80 seqNumber ... } somewhere inside the pending notification.
    private static long? FindSeq(Tlv tlv)
    {
        if (tlv.Tag == 0xBF2F)
        {
            var seq = tlv.Children().FirstOrDefault(c => c.Tag == 0x80);
            return seq.Raw.IsEmpty ? null : CaseContext.Integer(seq.Value.Span);
        }
        if (!tlv.IsConstructed) return null;
        IReadOnlyList<Tlv> children;
        try
        {
            children = tlv.Children();
        }
        catch (FormatException)
        {
            return null;
        }
        foreach (var c in children)
            if (FindSeq(c) is { } s) return s;
        return null;
    }

    /// <summary>Puts the card back as <paramref name="before"/> was; returns what could not be restored.</summary>
    public static List<string> Restore(CaseContext ctx, CardState before, bool iot)
    {
        var problems = new List<string>();
        void Try(string what, Action action)
        {
            try
            {
                action();
            }
            catch (Exception e) when (e is ConformanceFailure or FormatException or InvalidOperationException)
            {
                problems.Add($"{what}: {e.Message}");
            }
        }

        var now = ctx.Profiles();
        var added = now.Where(p => before.Profiles.All(b => b.Iccid != p.Iccid)).ToList();
        if (iot && !ctx.IsV10 && added.Any(p => p.State == 1))
            Try("disable emergency profile", () => ctx.Es10(TestEim.BuildDisableEmergencyProfileRequest(false)));
        if (iot && before.EimCount == 0)
        {
            var eims = TestEim.ParseGetEimConfigurationDataResponse(ctx.Es10Ok(TestEim.BuildGetEimConfigurationDataRequest())).Count;
            if (eims > 0)
            {
                Try("remove eIM associations", () =>
                {
                    if (ctx.IsV10)
                    {
                        // SGP.32 v1.0 §5.9.5: BF34 { 82 resetOptions resetEimConfigData(3) } -> BF34 { 02 .., 81 resetEimResult }
                        var v10 = TlvCodec.ReadSingle(ctx.Es10Ok(Convert.FromHexString("BF340482020410"))).Children();
                        var eim = v10.FirstOrDefault(t => t.Tag == 0x81);
                        if (eim.Raw.IsEmpty || eim.Value.Span is not [0])
                        {
                            throw new ConformanceFailure(
                            "eUICCMemoryReset(resetEimConfigData) did not give resetEimResult ok");
                        }

                        return;
                    }
                    var r = TestEim.ParseEuiccMemoryResetResponse(
                        ctx.Es10Ok(TestEim.BuildEuiccMemoryResetRequest(IotMemoryResetOptions.ResetEimConfigData)));
                    if (r.ResetEimResult is not 0)
                    {
                        throw new ConformanceFailure(
                        $"eUICCMemoryReset(resetEimConfigData) gave {r.ResetResult}/{r.ResetEimResult}");
                    }
                });
            }
        }
        now = ctx.Profiles();
        foreach (var p in now.Where(p => before.Profiles.All(b => b.Iccid != p.Iccid)))
        {
            Try($"remove {p.Iccid}", () =>
            {
                if (p.State == 1) ctx.Es10Result(CaseContext.DisableRequest(p.Iccid));
                var code = ctx.Es10Result(CaseContext.DeleteRequest(p.Iccid));
                if (code != 0) throw new ConformanceFailure($"DeleteProfile gave {code}");
            });
        }
        now = ctx.Profiles();
        foreach (var b in before.Profiles)
        {
            var p = now.FirstOrDefault(x => x.Iccid == b.Iccid);
            if (p is null)
            {
                problems.Add($"profile {b.Iccid} was deleted");
                continue;
            }
            if (p.State == b.State) continue;
            Try($"restore state of {b.Iccid}", () =>
            {
                var code = ctx.Es10Result(b.State == 1 ? CaseContext.EnableRequest(b.Iccid) : CaseContext.DisableRequest(b.Iccid));
                if (code != 0) throw new ConformanceFailure($"gave {code}");
            });
        }
        if (DefaultDp(ctx) != before.DefaultDpAddress)
        {
            Try("restore default SM-DP+ address", () => ctx.Es10Ok(TlvCodec.Constructed(0xBF3F,
                TlvCodec.Encode(0x80, System.Text.Encoding.UTF8.GetBytes(before.DefaultDpAddress ?? "")))));
        }

        foreach (var seq in ReadNotificationSeqs(ctx).Where(s => !before.NotificationSeqs.Contains(s)))
            Try($"remove notification {seq}", () => ctx.Es10Ok(TlvCodec.Constructed(0xBF30, TlvCodec.Encode(0x80, IntegerBytes(seq)))));
        return problems;
    }

    public static byte[] IntegerBytes(long value)
    {
        var bytes = new List<byte>();
        do
        {
            bytes.Insert(0, (byte)value);
            value >>= 8;
        }
        while (value != 0 && value != -1);
        if ((bytes[0] & 0x80) != 0) bytes.Insert(0, 0);
        return [.. bytes];
    }

    public static bool Contains(IReadOnlyList<ProfileView> profiles, Iccid iccid) => profiles.Any(p => p.Iccid == iccid);
}
