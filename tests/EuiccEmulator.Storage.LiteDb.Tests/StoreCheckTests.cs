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

/// <summary>A store damaged at rest: the check names the damage, opening is refused or yields a consistent state.</summary>
public sealed class StoreCheckTests : IDisposable
{
    private const int PageSize = 8192;   // LiteDB 5 page size
    private static readonly CardIdentityRecord Identity = CardIdentityFactory.Create(Eid.Parse("89049032123451234512345678901235"));
    private static readonly Lazy<byte[]> Healthy = new(BuildHealthyStore);
    private readonly string _dir = Directory.CreateTempSubdirectory("euicc-check-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_healthy_store_checks_ok()
    {
        var path = Write(Healthy.Value);
        var report = StoreCheck.Run(path);
        Assert.True(report.IsHealthy, string.Join("; ", report.Problems));
        Assert.Equal(3, report.Profiles);
    }

    [Fact]
    public void A_store_cut_in_half_is_reported()
    {
        var path = Write(Healthy.Value[..(Healthy.Value.Length / 2)]);
        var report = StoreCheck.Run(path);
        Assert.False(report.IsHealthy);
        Assert.Contains(report.Problems, p => p.Contains(path, StringComparison.Ordinal));
    }

    [Fact]
    public void A_store_from_a_newer_schema_is_refused_and_reported()
    {
        var path = Write(Healthy.Value);
        using (var db = new LiteDatabase($"Filename={path};Connection=direct"))
        {
            var meta = db.GetCollection("meta");
            var doc = meta.FindById("schema");
            doc["version"] = LiteDbCardStore.SchemaVersion + 1;
            meta.Update(doc);
        }
        var e = Assert.Throws<StoreException>(() => LiteDbCardStore.Open(path).Dispose());
        Assert.Contains("schema version", e.Message, StringComparison.Ordinal);
        var report = StoreCheck.Run(path);
        Assert.Contains(report.Problems, p => p.Contains("schema version", StringComparison.Ordinal));
    }

    /// <summary>
    /// Found by the property below: the header page overwritten so that LiteDB sees no collection. Open then wrote
    /// the schema into the damaged file, and LiteDB threw IndexOutOfRangeException (formatting a size) from it.
    /// </summary>
    [Fact]
    public void A_header_page_that_reads_as_empty_is_refused_and_left_as_it_is()
    {
        var path = Write(Damage(Healthy.Value, (1, 2205, 1751, 1265234776), (0, 95, 6514, 1029950074), (10, 5652, 5156, 1986816888)));
        var before = File.ReadAllBytes(path);
        Assert.Null(Check(path));
        var e = Assert.Throws<StoreException>(() => LiteDbCardStore.Open(path).Dispose());
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    /// <summary>
    /// Found by the property below: LiteDB failed to end a transaction on this damaged header page, and that
    /// transaction's finalizer, run after its engine was disposed, threw on the finalizer thread and ended the process.
    /// The finalizers run here on purpose: before the fix this test ended the test host.
    /// </summary>
    [Fact]
    public void A_transaction_left_open_by_damage_is_not_finalized_after_its_engine()
    {
        var path = Write(Damage(Healthy.Value, (0, 4172, 4023, 1225336933)));
        var failure = Check(path);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Null(failure);
        Assert.False(StoreCheck.Run(path).IsHealthy);
    }

    /// <summary>Random pages overwritten with random bytes: open succeeds consistently or is refused; nothing else.</summary>
    [Property(MaxTest = 40)]
    public Property Damaged_pages_are_refused_or_open_consistently()
    {
        var pages = Healthy.Value.Length / PageSize;
        var damage = from page in Gen.Choose(0, pages - 1)
                     from offset in Gen.Choose(0, PageSize - 1)
                     from length in Gen.Choose(1, PageSize)
                     from seed in Gen.Choose(0, int.MaxValue)
                     select (page, offset, length, seed);
        var gen = Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(damage, n));
        return Prop.ForAll(gen.ToArbitrary(), hits =>
        {
            var failure = Check(Write(Damage(Healthy.Value, hits)));
            return (failure is null).Label(failure ?? "ok");
        });
    }

    /// <summary>A copy of <paramref name="store"/> with each hit's bytes overwritten by its seed's random bytes.</summary>
    private static byte[] Damage(byte[] store, params (int Page, int Offset, int Length, int Seed)[] hits)
    {
        var bytes = (byte[])store.Clone();
        foreach (var (page, offset, length, seed) in hits)
        {
            var start = page * PageSize + offset;
            var span = bytes.AsSpan(start, Math.Min(length, bytes.Length - start));
#pragma warning disable CA5394 // reproducible damage
            new Random(seed).NextBytes(span);
#pragma warning restore CA5394
        }
        return bytes;
    }

    private static string? Check(string path)
    {
        StoreCheckReport report;
        try
        {
            report = StoreCheck.Run(path);
        }
#pragma warning disable CA1031 // the property: nothing escapes the check
        catch (Exception e)
#pragma warning restore CA1031
        {
            return "the check threw " + e.GetType().Name + ": " + e.Message;
        }
        try
        {
            using var store = LiteDbCardStore.Open(path);
            using var card = new VirtualEuicc(store, Identity);
            if (!report.IsHealthy && report.Problems.All(p => !p.Contains("damaged", StringComparison.Ordinal)))
                return null;   // a consistency finding on a store that opens: reported, fine
            if (card.Engine.Profiles.Count(p => p.State == ProfileState.Enabled) > 1) return "opened with two enabled profiles";
            return null;
        }
        catch (StoreException)
        {
            return report.IsHealthy ? "the check passed a store that open refuses" : null;
        }
#pragma warning disable CA1031
        catch (Exception e)
#pragma warning restore CA1031
        {
            return $"open threw {e.GetType().Name} instead of refusing the store: {e.Message}";
        }
    }

    private string Write(byte[] bytes)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".db");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] BuildHealthyStore()
    {
        var dir = Directory.CreateTempSubdirectory("euicc-healthy-").FullName;
        var path = Path.Combine(dir, "card.db");
        var all = NotificationEvents.Enable | NotificationEvents.Disable | NotificationEvents.Delete;
        using (var store = LiteDbCardStore.Open(path))
        using (var card = new VirtualEuicc(store, Identity))
        {
            foreach (var iccid in new[] { "89000123456789012341", "89000123456789012358", "89000123456789012366" })
            {
                card.Engine.AddPreLoadedProfile(new ProfileRecord
                {
                    Iccid = Iccid.Parse(iccid),
                    IsdpAid = [],
                    ServiceProviderName = "SP",
                    ProfileName = "Name " + iccid,
                    NotificationConfigs = [new NotificationConfig(all, "x.example")],
                }, new byte[3000]);
            }
        }
        var bytes = File.ReadAllBytes(path);
        Directory.Delete(dir, recursive: true);
        return bytes;
    }
}
