using System.Diagnostics;
using EuiccEmulator.Cli;
using EuiccEmulator.Reliability.Tests.Support;
using EuiccEmulator.Storage.LiteDb;

namespace EuiccEmulator.Reliability.Tests;

/// <summary>Two hosts on one card; two processes on one store.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task A_download_on_one_channel_and_chained_reads_on_another_do_not_disturb_each_other()
    {
        var errors = new List<Exception>();
        using var euicc = Rel.NewCard(errors: errors);
        Rel.AddProfile(euicc.Engine, Rel.IccidFor(1));
        var card = euicc.Card;
        // Channel 2 for the reader thread; the download's Es10Client opens its own channel.
        Assert.Equal(0x9000, Rel.Sw(card.Transmit([0x00, 0x70, 0x00, 0x02, 0x00])));
        Rel.SelectIsdR(card, 2);
        var expected = Rel.Es10(card, "BF3E035C015A", blockSize: 2, channel: 2);
        Assert.Equal(0x9000, expected.Sw);
        var info2 = Rel.Es10(card, "BF2200", channel: 2).Data;
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Three STORE DATA blocks and then GET RESPONSEs, interleaved with the download's APDUs.
                var r = Rel.Es10(card, "BF3E035C015A", blockSize: 2, channel: 2);
                if (r.Sw != 0x9000 || !r.Data.AsSpan().SequenceEqual(expected.Data))
                    throw new InvalidOperationException($"read disturbed: {r.Sw:X4}");
                reads++;
            }
        });
        for (var i = 0; i < 3; i++)
        {
            var result = Rel.Download(card, Rel.IccidFor(10 + i), blockSize: 64 + 50 * i);
            Assert.True(result.Success, result.Problem);
        }
        await stop.CancelAsync();
        await reader.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(reads > 0);
        Assert.Equal(4, euicc.Engine.Profiles.Count);
        Assert.NotEqual(info2, Rel.Es10(card, "BF2200", channel: 2).Data); // free memory changed, and the read saw it
        Assert.Empty(errors);
    }

    [Fact]
    public void Two_threads_hammering_Transmit_get_whole_responses()
    {
        using var euicc = Rel.NewCard();
        var card = euicc.Card;
        Assert.Equal(0x9000, Rel.Sw(card.Transmit([0x00, 0x70, 0x00, 0x01, 0x00])));
        Rel.SelectIsdR(card, 0);
        Rel.SelectIsdR(card, 1);
        var eid0 = Rel.Es10(card, "BF3E035C015A", channel: 0);
        Parallel.For(0, 2, ch =>
        {
            for (var i = 0; i < 500; i++)
            {
                var r = Rel.Es10(card, "BF3E035C015A", blockSize: 2, channel: ch);
                Assert.Equal(0x9000, r.Sw);
                Assert.Equal(eid0.Data, r.Data);
            }
        });
    }

    [Fact]
    public async Task A_second_process_on_the_same_store_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("euicc-lock-");
        try
        {
            var path = Path.Combine(dir.FullName, "card.db");
            using (var store = LiteDbCardStore.Open(path))
            {
                store.SaveIdentity(Rel.Identity);
                var cli = typeof(CardHost).Assembly.Location;
                var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                };
                foreach (var a in new[] { "exec", cli, "profiles", "list", "--store", path }) start.ArgumentList.Add(a);
                using var process = Process.Start(start)!;
                var stderr = await process.StandardError.ReadToEndAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await process.WaitForExitAsync(timeout.Token);
                Assert.Equal(3, process.ExitCode);
                Assert.Contains("in use by another process", stderr, StringComparison.Ordinal);
                // The same process cannot open it twice either.
                Assert.Throws<StoreException>(() => LiteDbCardStore.Open(path));
            }
            // Released with the holder: opens again.
            using (LiteDbCardStore.Open(path)) { }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
