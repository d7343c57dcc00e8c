using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.State;
using FsCheck;
using FsCheck.Fluent;

namespace EuiccEmulator.Card.Tests.Support;

/// <summary>Random ES10c operation sequences and the invariants they must keep.</summary>
internal static class ProfileOperations
{
    public static readonly string[] Iccids =
        ["89000123456789012341", "89000123456789012358", "89000123456789012366", "89000123456789012374"];

    public static Gen<string> Operation() =>
        from kind in Gen.Choose(0, 5)
        from iccid in Gen.Elements(Iccids)
        from refresh in ArbMap.Default.GeneratorFor<bool>()
        from options in Gen.Choose(0, 7)
        select kind switch
        {
            0 => $"BF3111A00C5A0A{TestCard.SwappedIccid(iccid)}810100",
            1 => $"BF3211A00C5A0A{TestCard.SwappedIccid(iccid)}810100",
            2 => $"BF330C5A0A{TestCard.SwappedIccid(iccid)}",
            3 => $"BF29115A0A{TestCard.SwappedIccid(iccid)}9003{(refresh ? "414243" : "78797A")}",
            4 => $"BF3404820205{options << 5:X2}",
            _ => "BF3003800102",
        };

    public static Gen<string[]> Sequence() => Gen.Choose(1, 25).SelectMany(n => Gen.ArrayOf(Operation(), n));

    public static void AddAll(TestCard card)
    {
        var all = NotificationEvents.Enable | NotificationEvents.Disable | NotificationEvents.Delete;
        card.AddProfile(Iccids[0], notifications: [new NotificationConfig(all, "a.example.com")]);
        card.AddProfile(Iccids[1], pprs: PprIds.Ppr1DisableNotAllowed);
        card.AddProfile(Iccids[2], ProfileClass.Test, notifications: [new NotificationConfig(all, "c.example.com")]);
        card.AddProfile(Iccids[3], pprs: PprIds.Ppr2DeleteNotAllowed);
    }

    /// <summary>Runs the sequence, checking invariants after every step; returns a failure text or null.</summary>
    public static string? RunChecked(TestCard card, IEnumerable<string> operations, HashSet<string> deleted, ref long lastSeq)
    {
        foreach (var op in operations)
        {
            var (_, sw) = card.Es10(op);
            if (sw.StartsWith("91", StringComparison.Ordinal))
            {
                // Deleting the enabled profile asks the terminal for a REFRESH: complete the CAT session.
                if (!card.Transmit("80120000" + sw[2..]).EndsWith("9000", StringComparison.Ordinal)) return $"{op}: FETCH failed";
                if (card.Transmit("801400000C810301010402028281830100") != "9000") return $"{op}: TERMINAL RESPONSE failed";
            }
            else if (sw != "9000")
            {
                return $"{op}: SW {sw}";
            }
            var failure = Check(card.Euicc.Engine, deleted, ref lastSeq);
            if (failure is not null) return $"{op}: {failure}";
        }
        return null;
    }

    public static string? Check(CardEngine engine, HashSet<string> deleted, ref long lastSeq)
    {
        if (engine.Profiles.Count(p => p.State == ProfileState.Enabled) > 1) return "two profiles enabled";
        foreach (var iccid in Iccids)
        {
            var present = engine.Profiles.Any(p => p.Iccid.Digits == iccid);
            if (!present) deleted.Add(iccid);
            else if (deleted.Contains(iccid)) return $"{iccid} came back";
        }
        var seqs = engine.Notifications.Select(n => n.SeqNumber).ToList();
        if (!seqs.SequenceEqual(seqs.Order()) || seqs.Distinct().Count() != seqs.Count) return "sequence numbers not increasing";
        if (engine.Settings.LastSeqNumber < lastSeq) return "last sequence number went back";
        if (seqs.Count > 0 && seqs[^1] > engine.Settings.LastSeqNumber) return "sequence above the counter";
        lastSeq = engine.Settings.LastSeqNumber;
        return null;
    }
}
