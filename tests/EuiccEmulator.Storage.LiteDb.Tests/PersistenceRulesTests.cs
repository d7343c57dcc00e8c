using EuiccEmulator.Card;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Storage.LiteDb.Tests;

/// <summary>
/// One durable commit (one log fsync) per state-changing command; reads served from the engine's cache; no checkpoint
/// in a commit.
/// </summary>
public sealed class PersistenceRulesTests : IDisposable
{
    private static readonly CardIdentityRecord Identity = CardIdentityFactory.Create(Eid.Parse("89049032123451234512345678901235"));
    private readonly string _dir = Directory.CreateTempSubdirectory("euicc-rules-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Counts every store call.</summary>
    private sealed class CountingStore(ICardStore inner) : ICardStore
    {
        public int Loads { get; private set; }

        public int Commits { get; private set; }

        public int PackageLoads { get; private set; }

        public int Calls => Loads + Commits + PackageLoads;

        public CardSnapshot Load()
        {
            Loads++;
            return inner.Load();
        }

        public void Commit(StateChange change)
        {
            Commits++;
            inner.Commit(change);
        }

        public byte[]? LoadPackage(Iccid iccid)
        {
            PackageLoads++;
            return inner.LoadPackage(iccid);
        }

        public void Dispose() => inner.Dispose();
    }

    private static string Send(VirtualEuicc card, string apduHex) =>
        Convert.ToHexString(card.Card.Transmit(Convert.FromHexString(apduHex)));

    private static string Es10(VirtualEuicc card, string requestHex)
    {
        var request = Convert.FromHexString(requestHex);
        var response = card.Card.Transmit([0x80, 0xE2, 0x91, 0x00, (byte)request.Length, .. request, 0x00]);
        var data = new List<byte>(response[..^2]);
        while (response[^2] == 0x61)
        {
            response = card.Card.Transmit([0x00, 0xC0, 0x00, 0x00, response[^1]]);
            data.AddRange(response[..^2]);
        }
        return Convert.ToHexString([.. data, .. response[^2..]]);
    }

    private static ProfileRecord Template(string iccid) => new()
    {
        Iccid = Iccid.Parse(iccid),
        IsdpAid = [],
        ServiceProviderName = "SP",
        ProfileName = "Name " + iccid,
        NotificationConfigs = [new NotificationConfig(NotificationEvents.Enable | NotificationEvents.Disable | NotificationEvents.Delete,
            "n.example")],
    };

    private static string Swapped(string iccid) => Convert.ToHexString(Iccid.Parse(iccid).ToSwappedBcd());

    [Fact]
    public void EachStateChangingCommand_IsExactlyOneDurableCommit_AndReadsNeverTouchTheStore()
    {
        using var lite = LiteDbCardStore.Open(Path.Combine(_dir, "card.db"));
        var store = new CountingStore(lite);
        using var card = new VirtualEuicc(store, Identity);
        card.Card.PowerOn();
        Assert.Equal("9000", Send(card, "00A4040C10A0000005591010FFFFFFFF8900000100"));
        const string A = "89000123456789012341";
        const string B = "89000123456789012358";
        card.Engine.AddPreLoadedProfile(Template(A), [0xA0, 0x00]);
        card.Engine.AddPreLoadedProfile(Template(B), [0xA0, 0x00]);
        var before = store.Commits;

        // State-changing commands: one commit each, on the wrapper and as a LiteDB transaction.
        var commands = new (string Name, string Request)[]
        {
            ("EnableProfile A", $"BF3111A00C5A0A{Swapped(A)}810100"),
            ("SetNickname A", $"BF291A5A0A{Swapped(A)}900C{Convert.ToHexString("bench nick12"u8)}"),
            ("EnableProfile B", $"BF3111A00C5A0A{Swapped(B)}810100"),
            ("DisableProfile B", $"BF3211A00C5A0A{Swapped(B)}810100"),
            ("SetDefaultDpAddress", $"BF3F0C800A{Convert.ToHexString("dp.example"u8)}"),
            ("DeleteProfile A", $"BF330C5A0A{Swapped(A)}"),
        };
        foreach (var (name, request) in commands)
        {
            var commitsBefore = store.Commits;
            var liteBefore = lite.Commits;
            var syncsBefore = lite.LogSyncs;
            var response = Es10(card, request);
            Assert.True(response.EndsWith("9000", StringComparison.Ordinal) || response[^4..^2] == "91", $"{name}: {response}");
            Assert.True(response.Contains("800100", StringComparison.Ordinal), $"{name} did not succeed: {response}");
            Assert.Equal(commitsBefore + 1, store.Commits);
            Assert.Equal(liteBefore + 1, lite.Commits);
            Assert.Equal(syncsBefore + 1, lite.LogSyncs); // one fsync per command, not one per LiteDB page
            // play the terminal's part after a switch (REFRESH), which changes nothing durable
            if (response[^4..^2] == "91")
            {
                Send(card, $"80120000{response[^2..]}");
                Send(card, "801400000C810301010402028281830100");
                Assert.Equal(commitsBefore + 1, store.Commits);
            }
        }
        Assert.Equal(before + commands.Length, store.Commits);

        // Reads: served from the engine's cache, no store call at all.
        var calls = store.Calls;
        for (var i = 0; i < 20; i++)
        {
            Assert.EndsWith("9000", Es10(card, "BF2D00"), StringComparison.Ordinal);           // GetProfilesInfo
            Assert.EndsWith("9000", Es10(card, "BF3E035C015A"), StringComparison.Ordinal);     // GetEID
            Assert.EndsWith("9000", Es10(card, "BF2B00"), StringComparison.Ordinal);           // ListNotification
            Assert.EndsWith("9000", Es10(card, "BF3C00"), StringComparison.Ordinal);           // GetEuiccConfiguredAddresses
        }
        Assert.Equal(calls, store.Calls);
        Assert.Equal(1, store.Loads);
        Assert.Equal(1, lite.Opens);
    }

    [Fact]
    public void Commit_DoesNotCheckpoint_TheLogHoldsTheTransaction_AndReopenSeesIt()
    {
        var path = Path.Combine(_dir, "log.db");
        var log = Path.Combine(_dir, "log-log.db");
        using (var store = LiteDbCardStore.Open(path, new LiteDbStoreOptions { IdleCheckpoint = TimeSpan.FromHours(1) }))
        {
            // 1500 commits of 1+ page each: LiteDB's default would have checkpointed (1000 pages) inside some commit.
            for (var i = 0; i < 1500; i++)
                store.Commit(new StateChange { Settings = new CardSettings { LastSeqNumber = i, DefaultDpAddress = "dp" + i } });
            Assert.True(new FileInfo(log).Length >= 1500 * 4096L, $"log {new FileInfo(log).Length} bytes after 1500 commits");
            // The log is on disk when Commit returns: a byte copy taken now (as after a crash, no close) has the last commit.
            File.Copy(path, Path.Combine(_dir, "crash.db"));
            File.Copy(log, Path.Combine(_dir, "crash-log.db"));
        }
        using (var crashed = LiteDbCardStore.Open(Path.Combine(_dir, "crash.db")))
            Assert.Equal(1499, crashed.Load().Settings.LastSeqNumber);
        // Closing checkpointed: the log was folded into the data pages.
        Assert.False(File.Exists(log) && new FileInfo(log).Length > 0);
        using (var reopened = LiteDbCardStore.Open(path))
            Assert.Equal("dp1499", reopened.Load().Settings.DefaultDpAddress);
    }

    [Fact]
    public void IdleStore_ReleasesItsEngine_AndReopensForTheNextCommit()
    {
        var path = Path.Combine(_dir, "idle.db");
        using var store = LiteDbCardStore.Open(path,
            new LiteDbStoreOptions { ReleaseWhenIdle = true, IdleCheckpoint = TimeSpan.FromMilliseconds(50) });
        Assert.False(File.Exists(path));
        Assert.Empty(store.Load().Profiles);
        Assert.False(File.Exists(path)); // nothing to keep yet
        store.Commit(new StateChange { Settings = new CardSettings { DefaultDpAddress = "one" } });
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (store.IsOpen && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.False(store.IsOpen);
        store.Commit(new StateChange { Settings = new CardSettings { DefaultDpAddress = "two" } });
        Assert.Equal(2, store.Opens);
        Assert.Equal("two", store.Load().Settings.DefaultDpAddress);
    }
}
