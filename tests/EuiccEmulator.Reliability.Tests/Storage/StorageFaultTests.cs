using EuiccEmulator.Card;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Reliability.Tests.Support;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;
using EuiccEmulator.Storage.LiteDb;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EuiccEmulator.Reliability.Tests.Storage;

/// <summary>
/// A full disk, an I/O error or a read-only file system during a commit: the card answers 6581 (or the download's
/// error), keeps its before state in memory and in the file, and works again once the fault clears.
/// </summary>
public sealed class StorageFaultTests : IDisposable
{
    private static readonly NotificationConfig All =
        new(NotificationEvents.Enable | NotificationEvents.Disable | NotificationEvents.Delete, "smdp.example.com");

    private readonly string _dir = Directory.CreateTempSubdirectory("euicc-fault-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<StorageFault, string> FaultsAndCommits()
    {
        var data = new TheoryData<StorageFault, string>();
        foreach (var fault in new[] { StorageFault.NoSpace, StorageFault.IoError, StorageFault.ReadOnly })
        {
            foreach (var kind in new[] { "download", "package", "enable", "notification-removal", "memory-reset" })
                data.Add(fault, kind);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FaultsAndCommits))]
    public void A_failed_commit_changes_nothing_and_the_card_works_once_the_fault_clears(StorageFault fault, string kind)
    {
        var path = Path.Combine(_dir, $"{fault}-{kind}.db");
        var errors = new List<Exception>();
        var store = new FaultyCardStore(LiteDbCardStore.Open(path));
        using var eim = new TestEim(new TestEimOptions { Eid = Eid.Parse(Rel.Eid), AssociationToken = null });
        using (var euicc = Rel.NewCard(store, errors: errors))
        {
            Rel.AddProfile(euicc.Engine, Rel.IccidFor(1), All);
            Rel.AddProfile(euicc.Engine, Rel.IccidFor(2), All);
            Rel.SelectIsdR(euicc.Card);
            Assert.Equal(0x9000, Rel.Es10(euicc.Card, $"BF3111A00C5A0A{Rel.Swapped(Rel.IccidFor(1))}810100").Sw);
            if (kind == "package") AddEim(euicc, eim);
            var seq = euicc.Engine.Notifications.Max(n => n.SeqNumber);
            var before = Rel.Digest(store);
            Assert.Equal(before, MemoryDigest(euicc));

            store.Fault = fault;
            var refused = Run(euicc, eim, kind, seq);
            Assert.True(store.FailedCommits > 0, "the operation never tried to commit");
            Assert.False(refused, $"{kind} claimed success although its commit failed");
            Assert.Equal(before, Rel.Digest(store));
            Assert.Equal(before, MemoryDigest(euicc));

            store.Fault = StorageFault.None;
            Assert.True(Run(euicc, eim, kind, seq), $"{kind} fails after the fault cleared");
            Assert.NotEqual(before, Rel.Digest(store));
            Assert.Equal(Rel.Digest(store), MemoryDigest(euicc));
            before = Rel.Digest(store);
            store.Dispose();
            using var reopened = LiteDbCardStore.Open(path);
            Assert.Equal(before, Rel.Digest(reopened));
        }
        Assert.Empty(errors);
    }

    /// <summary>Random workloads with faults switched on and off at random: every answer agrees with the file.</summary>
    [Property(MaxTest = 15)]
    public Property Random_workloads_with_random_faults_never_answer_a_change_that_is_not_on_disk()
    {
        var step = from op in Gen.Choose(0, 5)
                   from target in Gen.Choose(1, 3)
                   from fault in Gen.Elements(StorageFault.None, StorageFault.None, StorageFault.NoSpace, StorageFault.IoError,
                       StorageFault.ReadOnly)
                   select (op, target, fault);
        var gen = Gen.Choose(1, 10).SelectMany(n => Gen.ArrayOf(step, n));
        return Prop.ForAll(gen.ToArbitrary(), steps =>
        {
            var failure = RunWorkload(steps);
            return (failure is null).Label(failure ?? "ok");
        });
    }

    private string? RunWorkload((int Op, int Target, StorageFault Fault)[] steps)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".db");
        var errors = new List<Exception>();
        var store = new FaultyCardStore(LiteDbCardStore.Open(path));
        using var euicc = Rel.NewCard(store, errors: errors);
        for (var i = 1; i <= 3; i++) Rel.AddProfile(euicc.Engine, Rel.IccidFor(i), All);
        Rel.SelectIsdR(euicc.Card);
        foreach (var (op, target, fault) in steps)
        {
            var before = Rel.Digest(store);
            store.Fault = fault;
            var iccid = Rel.Swapped(Rel.IccidFor(target));
            var request = op switch
            {
                0 => $"BF3111A00C5A0A{iccid}810100",
                1 => $"BF3211A00C5A0A{iccid}810100",
                2 => $"BF330C5A0A{iccid}",
                3 => "BF340482020780",
                4 => Rel.RemoveNotification(euicc.Engine.Notifications.Select(n => n.SeqNumber).DefaultIfEmpty(1).Min()),
                _ => $"BF29115A0A{iccid}9003414243",
            };
            var failedBefore = store.FailedCommits;
            var (data, sw) = Rel.Es10(euicc.Card, request);
            store.Fault = StorageFault.None;
            var after = Rel.Digest(store);
            if (after != MemoryDigest(euicc)) return $"{request}: memory differs from the store after {fault}";
            if (store.FailedCommits > failedBefore)
            {
                if (sw != 0x6581) return $"{request}: answered {sw:X4} although its commit failed ({fault})";
                if (after != before) return $"{request}: the store changed although its commit failed";
            }
            else if (sw != 0x9000 && sw >> 8 != 0x91)
            {
                return $"{request}: {sw:X4} {Convert.ToHexString(data)}";
            }
        }
        store.Dispose();
        using var reopened = LiteDbCardStore.Open(path);
        return errors.Count > 0 ? "internal error: " + errors[0].Message : null;
    }

    /// <summary>Runs one kind of commit; true when the card reported success.</summary>
    internal static bool Run(VirtualEuicc euicc, TestEim eim, string kind, long seq)
    {
        switch (kind)
        {
            case "download":
                return Rel.Download(euicc.Card, Rel.IccidFor(7)).Success;
            case "package":
                // The eIM follows the card's counter, as a real eIM resyncs after a failed package.
                eim.LastCounter = euicc.Engine.FindEim(eim.EimId)!.Counter;
                var request = eim.BuildEuiccPackage([Psmo.Enable(Iccid.Parse(Rel.IccidFor(2)))]);
                var package = Rel.Es10(euicc.Card, request.Encoded);
                return (package.Sw == 0x9000 || package.Sw >> 8 == 0x91)
                    && TestEim.ParseEuiccPackageResult(package.Data).Kind == EuiccPackageResultKind.Signed;
            case "enable":
                var enable = Rel.Es10(euicc.Card, $"BF3111A00C5A0A{Rel.Swapped(Rel.IccidFor(2))}810100");
                return Ok(enable);
            case "notification-removal":
                var remove = Rel.Es10(euicc.Card, Rel.RemoveNotification(seq));
                return Ok(remove);
            default:
                var reset = Rel.Es10(euicc.Card, "BF340482020780");
                return Ok(reset);
        }
    }

    /// <summary>AddInitialEim with an association token the card assigns; the eIM learns the token.</summary>
    internal static void AddEim(VirtualEuicc euicc, TestEim eim)
    {
        eim.TrustEuiccCertificate(Rel.Identity.SigningChains[0].EuiccCertificate);
        var response = Rel.Es10(euicc.Card, TestEim.BuildAddInitialEimRequest(
            eim.ConfigurationData with { AssociationToken = EimConfigurationData.AssignAssociationToken })).Data;
        Assert.True(eim.AcceptAddInitialEimResponse(response).IsOk, "AddInitialEim failed");
        eim.AssociationToken = euicc.Engine.FindEim(eim.EimId)!.AssociationToken;
    }

    /// <summary>Result code ok (0), with 9000 or a pending proactive command (91xx).</summary>
    private static bool Ok((byte[] Data, ushort Sw) r) => (r.Sw == 0x9000 || r.Sw >> 8 == 0x91) && r.Data is [.., 0x80, 0x01, 0x00];

    internal static string MemoryDigest(VirtualEuicc euicc) =>
        Rel.Digest(new CardSnapshot(euicc.Engine.Settings, euicc.Engine.Profiles, [.. euicc.Engine.Notifications]),
            euicc.Engine.LoadPackage);
}
