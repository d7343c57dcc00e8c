using System.Diagnostics;
using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Reliability.Tests.Support;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Reliability.Tests;

/// <summary>Hostile input gets a bounded, spec-correct refusal in bounded time and memory; the card never throws.</summary>
public sealed class HardeningTests
{
    /// <summary>Sums what the card allocates inside Transmit (this thread only) and the longest single Transmit.</summary>
    private sealed class MeteredCard(ICard inner) : ICard
    {
        public long Allocated { get; private set; }

        public TimeSpan Longest { get; private set; }

        public ReadOnlyMemory<byte> Atr => inner.Atr;

        public void PowerOn() => inner.PowerOn();

        public void PowerOff() => inner.PowerOff();

        public void Reset() => inner.Reset();

        public byte[] Transmit(ReadOnlySpan<byte> apdu)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            var r = inner.Transmit(apdu);
            if (watch.Elapsed > Longest) Longest = watch.Elapsed;
            Allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            return r;
        }
    }

    [Fact]
    public void Oversized_and_inconsistent_lengths_get_status_words()
    {
        var errors = new List<Exception>();
        using var euicc = Rel.NewCard(errors: errors);
        var card = new MeteredCard(euicc.Card);
        Rel.SelectIsdR(card);
        // Lc says 200, 10 bytes follow.
        Assert.Equal(0x6700, Rel.Sw(card.Transmit([0x80, 0xE2, 0x91, 0x00, 200, .. new byte[10]])));
        // Extended Lc 0xFFFF with fewer bytes.
        Assert.Equal(0x6700, Rel.Sw(card.Transmit([0x80, 0xE2, 0x91, 0x00, 0x00, 0xFF, 0xFF, .. new byte[100]])));
        // Extended APDUs of 65 535 bytes chained past MaxRequestSize: 6A84 after the second, then nothing kept.
        var block = new byte[65_535];
        byte[] Extended(byte p1, byte p2) => [0x80, 0xE2, p1, p2, 0x00, 0xFF, 0xFF, .. block];
        Assert.Equal(0x9000, Rel.Sw(card.Transmit(Extended(0x11, 0))));
        Assert.Equal(0x9000, Rel.Sw(card.Transmit(Extended(0x11, 1))));
        Assert.Equal(0x6A84, Rel.Sw(card.Transmit(Extended(0x11, 2))));
        Assert.Equal(0x6A86, Rel.Sw(card.Transmit(Extended(0x91, 3))));
        // Bounded: a few copies of the 192 KiB sent, not more.
        Assert.True(card.Allocated < 4 * 1024 * 1024, $"{card.Allocated} bytes allocated");
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("BF2280")]                         // indefinite length at the top
    [InlineData("BF2284FFFFFFFF00")]               // 4-byte length far beyond the data
    [InlineData("BF2288FFFFFFFFFFFFFFFF00")]       // 8-byte length
    [InlineData("BF228F")]                         // reserved length octet
    [InlineData("BF2D0AA0085A0A00")]               // inner length beyond the outer
    [InlineData("BF")]                             // truncated tag
    [InlineData("BFFFFFFFFFFFFFFF0100")]           // tag number beyond any card tag
    public void Malformed_BER_gets_6A80(string hex)
    {
        var errors = new List<Exception>();
        using var euicc = Rel.NewCard(errors: errors);
        Rel.SelectIsdR(euicc.Card);
        Assert.Equal(0x6A80, Rel.Es10(euicc.Card, hex).Sw);
        Assert.Empty(errors);
    }

    [Fact]
    public void Deeply_nested_indefinite_lengths_are_refused_without_recursion_trouble()
    {
        var errors = new List<Exception>();
        using var euicc = Rel.NewCard(errors: errors);
        Rel.SelectIsdR(euicc.Card);
        var depth = 15_000;
        var request = new List<byte> { 0xBF, 0x2D, 0x80 };
        for (var i = 0; i < depth; i++) { request.Add(0xA0); request.Add(0x80); }
        for (var i = 0; i <= depth; i++) { request.Add(0); request.Add(0); }
        var watch = Stopwatch.StartNew();
        var sw = Rel.Es10(euicc.Card, [.. request]).Sw;
        Assert.True(sw is 0x6A80 or 0x6A84 or 0x9000, $"{sw:X4}"); // refused, or read as an empty request
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Empty(errors);
    }

    [Fact]
    public void A_BPP_of_10000_segments_is_refused_at_the_first_bad_one_and_the_rest_find_no_session()
    {
        var errors = new List<Exception>();
        using var euicc = Rel.NewCard(errors: errors);
        var card = new MeteredCard(euicc.Card);
        // Replace every real segment from the A3 header on with 10 000 forged 86 segments.
        var forger = new SegmentForger(card);
        var result = Rel.Download(forger, Rel.IccidFor(5), blockSize: 255);
        Assert.False(result.Success);
        Assert.Equal(10_000, forger.Forged);
        Assert.Equal(1, forger.Refusals); // one signed error result
        Assert.Equal(9_999, forger.NoSession); // then 6A88 for each
        Assert.Empty(euicc.Engine.Profiles);
        Assert.Single(euicc.Engine.ProfileNotifications);
        Assert.True(card.Longest < TimeSpan.FromSeconds(5));
        Assert.Empty(errors);
    }

    /// <summary>After the A3 header, sends 10 000 forged segments instead of the real ones.</summary>
    private sealed class SegmentForger(ICard inner) : ICard
    {
        private bool _done;

        public int Forged { get; private set; }

        public int Refusals { get; private set; }

        public int NoSession { get; private set; }

        public ReadOnlyMemory<byte> Atr => inner.Atr;

        public void PowerOn() => inner.PowerOn();

        public void PowerOff() => inner.PowerOff();

        public void Reset() => inner.Reset();

        public byte[] Transmit(ReadOnlySpan<byte> apdu)
        {
            if (!_done && apdu.Length > 6 && apdu[1] == 0xE2 && apdu[3] == 0 && apdu[5] == 0x86)
            {
                _done = true;
                byte[] forged = [apdu[0], 0xE2, 0x91, 0x00, 0x14, 0x86, 0x12, .. new byte[18]];
                for (var i = 0; i < 10_000; i++)
                {
                    var r = inner.Transmit(forged);
                    Forged++;
                    if (Rel.Sw(r) == 0x6A88)
                    {
                        NoSession++;
                    }
                    else if (r[^2] is 0x61 or 0x90)
                    {
                        Refusals++;
                        while (r[^2] == 0x61) r = inner.Transmit([(byte)(apdu[0] & 0x03), 0xC0, 0, 0, r[^1]]);
                    }
                }
            }
            return inner.Transmit(apdu);
        }
    }

    [Fact]
    public void A_2MB_profile_beyond_profile_memory_is_refused_before_it_is_loaded()
    {
        var errors = new List<Exception>();
        using var euicc = Rel.NewCard(options: new CardOptions { ProfileMemory = 1024 * 1024 }, errors: errors);
        var card = new MeteredCard(euicc.Card);
        var result = Rel.Download(card, Rel.IccidFor(6), blockSize: 255, size: 2 * 1024 * 1024);
        Assert.False(result.Success);
        Assert.Equal(10, result.ErrorCode); // installFailedDueToInsufficientMemoryForProfile
        Assert.Equal(5, result.BppCommandId); // at the A3 header: loadProfileElements
        Assert.Empty(euicc.Engine.Profiles);
        Assert.True(card.Allocated < 8 * 1024 * 1024, $"{card.Allocated} bytes allocated");
        Assert.Empty(errors);
    }

    [Fact]
    public void A_large_profile_within_profile_memory_installs_in_bounded_memory()
    {
        var errors = new List<Exception>();
        using var euicc = Rel.NewCard(errors: errors);
        var card = new MeteredCard(euicc.Card);
        var result = Rel.Download(card, Rel.IccidFor(6), blockSize: 255, size: 256 * 1024);
        Assert.True(result.Success, result.Problem);
        // The card keeps the decrypted package and a few working copies, not one per segment.
        Assert.True(card.Allocated < 64L * 1024 * 1024, $"{card.Allocated} bytes allocated");
        Assert.True(card.Longest < TimeSpan.FromSeconds(10));
        Assert.Empty(errors);
    }

    [Fact]
    public void A_10000_entry_notification_list_is_listed_in_bounded_time()
    {
        var errors = new List<Exception>();
        var store = new InMemoryCardStore();
        var iccid = Iccid.Parse(Rel.IccidFor(9));
        store.Commit(new StateChange
        {
            Settings = new CardSettings { LastSeqNumber = 10_000 },
            AddNotifications = [.. Enumerable.Range(1, 10_000)
                .Select(i => new NotificationRecord(i, NotificationEvents.Enable, "n.example", iccid, new byte[64]))],
        });
        using var euicc = Rel.NewCard(store, new CardOptions { MaxPendingNotifications = 10_000 }, errors);
        var card = new MeteredCard(euicc.Card);
        Rel.SelectIsdR(card);
        var watch = Stopwatch.StartNew();
        var list = Rel.Es10(card, "BF2800");
        Assert.Equal(0x9000, list.Sw);
        Assert.True(list.Data.Length > 10_000 * 20);
        // The list is full: an operation needing a notification is refused, the list does not grow.
        Rel.AddProfile(euicc.Engine, iccid.Digits, new NotificationConfig(NotificationEvents.Enable, "n.example"));
        Assert.Equal("BF310380017F", Convert.ToHexString(Rel.Es10(card, $"BF3111A00C5A0A{Rel.Swapped(iccid.Digits)}810100").Data));
        Assert.Equal(10_000, euicc.Engine.PendingProfileNotifications);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"{watch.Elapsed}");
        Assert.Empty(errors);
    }
}
