using EuiccEmulator.Card;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LiteDB;

namespace EuiccEmulator.Storage.LiteDb.Tests;

public sealed class LiteDbCardStoreTests : IDisposable
{
    private static readonly CardIdentityRecord Identity = CardIdentityFactory.Create(Eid.Parse("89049032123451234512345678901235"));
    private readonly string _dir = Directory.CreateTempSubdirectory("euicc-store-").FullName;

    private string NewPath() => Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".db");

    private static string Hex(byte[] b) => Convert.ToHexString(b);

    private static string Es10(VirtualEuicc card, string requestHex)
    {
        var request = Convert.FromHexString(requestHex);
        var response = card.Card.Transmit([0x80, 0xE2, 0x91, 0x00, (byte)request.Length, .. request, 0x00]);
        return Hex(response);
    }

    private static ProfileRecord Template(string iccid, params NotificationConfig[] configs) => new()
    {
        Iccid = Iccid.Parse(iccid),
        IsdpAid = [],
        ServiceProviderName = "SP",
        ProfileName = "Name " + iccid,
        NotificationConfigs = configs,
        Pprs = PprIds.Ppr2DeleteNotAllowed,
        ProfileOwner = new OperatorId([0x00, 0xF1, 0x10], [0x01], null),
    };

    [Fact]
    public void Reopen_AfterChanges_RestoresExactState()
    {
        var path = NewPath();
        var all = NotificationEvents.Enable | NotificationEvents.Disable | NotificationEvents.Delete;
        string before;
        using (var store = LiteDbCardStore.Open(path))
        {
            store.SaveIdentity(Identity);
            using var card = new VirtualEuicc(store, Identity);
            card.Engine.AddPreLoadedProfile(Template("89000123456789012341", new NotificationConfig(all, "a.example")), [1, 2, 3]);
            card.Engine.AddPreLoadedProfile(Template("89000123456789012358"), [4]);
            card.Card.Transmit(Convert.FromHexString("00A4040C10A0000005591010FFFFFFFF8900000100"));
            Assert.Equal("BF31038001009000", Es10(card, "BF3111A00C5A0A98001032547698103214810100"));
            Assert.Equal("BF29038001009000", Es10(card, "BF290F5A0A98001032547698103285900141"));
            Assert.Equal("BF3F038001009000", Es10(card, "BF3F07800564702E6578"));
            before = Es10(card, "BF2D00") + Es10(card, "BF2B00") + Es10(card, "BF3C00");
        }
        using (var store = LiteDbCardStore.Open(path))
        {
            Assert.Equal(Identity.Eid, store.LoadIdentity()!.Eid);
            Assert.Equal(Identity.SigningChains[0].EuiccPrivateKeyPkcs8, store.LoadIdentity()!.SigningChains[0].EuiccPrivateKeyPkcs8);
            using var card = new VirtualEuicc(store, store.LoadIdentity()!);
            card.Card.Transmit(Convert.FromHexString("00A4040C10A0000005591010FFFFFFFF8900000100"));
            Assert.Equal(before, Es10(card, "BF2D00") + Es10(card, "BF2B00") + Es10(card, "BF3C00"));
            Assert.Equal([1, 2, 3], store.LoadPackage(Iccid.Parse("89000123456789012341")));
            Assert.Equal(1, card.Engine.Settings.LastSeqNumber);
            // Numbering goes on from the stored counter after a restart.
            Assert.Equal("BF32038001009000", Es10(card, "BF3211A00C5A0A98001032547698103214810100"));
            Assert.Equal([1L, 2L], card.Engine.Notifications.Select(n => n.SeqNumber));
        }
    }

    [Fact]
    public void Open_SecondOpenerOfSameStore_IsRefused()
    {
        var path = NewPath();
        using var first = LiteDbCardStore.Open(path);
        var e = Assert.Throws<StoreException>(() => LiteDbCardStore.Open(path));
        Assert.Contains("in use by another process", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_UnknownSchemaVersion_IsRefusedAndLeftUntouched()
    {
        var path = NewPath();
        using (var db = new LiteDatabase(path))
            db.GetCollection("meta").Insert(new BsonDocument { ["_id"] = "schema", ["version"] = 99 });
        var bytes = File.ReadAllBytes(path);
        var e = Assert.Throws<StoreException>(() => LiteDbCardStore.Open(path));
        Assert.Contains("schema version 99", e.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void Open_ForeignLiteDbFile_IsRefused()
    {
        var path = NewPath();
        using (var db = new LiteDatabase(path)) db.GetCollection("other").Insert(new BsonDocument { ["x"] = 1 });
        var e = Assert.Throws<StoreException>(() => LiteDbCardStore.Open(path));
        Assert.Contains("not a card store", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_GarbageFile_IsRefusedWithOneLine()
    {
        var path = NewPath();
        File.WriteAllBytes(path, [.. Enumerable.Repeat((byte)0x5A, 10000)]);
        var e = Assert.Throws<StoreException>(() => LiteDbCardStore.Open(path));
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NewStore_IsOwnerOnly()
    {
        var path = NewPath();
        using var store = LiteDbCardStore.Open(path);
        if (OperatingSystem.IsWindows()) Assert.True(File.Exists(path));
        else Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Property(MaxTest = 25)]
    public Property RandomOperationSequences_InvariantsHoldAcrossReopen()
    {
        string[] iccids = ["89000123456789012341", "89000123456789012358", "89000123456789012366"];
        var op = from kind in Gen.Choose(0, 4)
                 from i in Gen.Choose(0, iccids.Length - 1)
                 select kind switch
                 {
                     0 => $"BF3111A00C5A0A{Hex(Iccid.Parse(iccids[i]).ToSwappedBcd())}810100",
                     1 => $"BF3211A00C5A0A{Hex(Iccid.Parse(iccids[i]).ToSwappedBcd())}810100",
                     2 => $"BF330C5A0A{Hex(Iccid.Parse(iccids[i]).ToSwappedBcd())}",
                     3 => "BF340482020780",
                     _ => "BF3003800101",
                 };
        var gen = Gen.Choose(1, 12).SelectMany(n => Gen.ArrayOf(op, n));
        return Prop.ForAll(gen.ToArbitrary(), ops =>
        {
            var failure = RunAcrossRestarts(iccids, ops);
            return (failure is null).Label(failure ?? "ok");
        });
    }

    private string? RunAcrossRestarts(string[] iccids, string[] ops)
    {
        {
            var path = NewPath();
            var all = NotificationEvents.Enable | NotificationEvents.Disable | NotificationEvents.Delete;
            long lastSeq = 0;
            var deleted = new HashSet<string>();
            using (var store = LiteDbCardStore.Open(path))
            using (var card = new VirtualEuicc(store, Identity))
            {
                foreach (var iccid in iccids)
                {
                    card.Engine.AddPreLoadedProfile(Template(iccid, new NotificationConfig(all, "x.example")) with { Pprs = PprIds.None },
                        [1]);
                }
            }
            foreach (var request in ops)
            {
                // Each command runs on a freshly reopened store: state must survive every restart.
                using var store = LiteDbCardStore.Open(path);
                using var card = new VirtualEuicc(store, Identity);
                card.Card.Transmit(Convert.FromHexString("00A4040C10A0000005591010FFFFFFFF8900000100"));
                var sw = Es10(card, request)[^4..];
                if (sw != "9000" && !sw.StartsWith("91", StringComparison.Ordinal)) return $"{request}: {sw}";
                var present = card.Engine.Profiles.Select(p => p.Iccid.Digits).ToHashSet();
                if (present.Overlaps(deleted)) return "a deleted profile came back";
                deleted.UnionWith(iccids.Where(i => !present.Contains(i)));
                if (card.Engine.Profiles.Count(p => p.State == ProfileState.Enabled) > 1) return "two enabled";
                if (card.Engine.Settings.LastSeqNumber < lastSeq) return "sequence went back";
                var seqs = card.Engine.Notifications.Select(n => n.SeqNumber).ToList();
                if (!seqs.SequenceEqual(seqs.Order()) || seqs.Any(n => n > card.Engine.Settings.LastSeqNumber)) return "sequence order";
                lastSeq = card.Engine.Settings.LastSeqNumber;
            }
            return null;
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
