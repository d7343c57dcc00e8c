namespace EuiccEmulator.Benchmarks.Tests;

/// <summary>
/// Each benchmark operation, with its unmeasured set-up and clean-up, can be repeated past every bound of the card
/// (MaxProfiles 16, MaxPendingNotifications 64, MaxPendingPackageResults 32): what BenchmarkDotNet does in any mode.
/// No timing here; the benchmarks throw when an operation fails.
/// </summary>
public sealed class RepeatabilityTests
{
    [Theory]
    [InlineData(StoreKind.Memory, 40)]
    [InlineData(StoreKind.LiteDb, 20)]
    public void A_download_repeated_past_MaxProfiles_keeps_installing(StoreKind store, int times)
    {
        var bench = new DownloadBenchmarks { Store = store };
        bench.SetupP256Small();
        try
        {
            for (var i = 0; i < times; i++)
            {
                bench.NextProfile();
                bench.Download_P256_1K();
                bench.RemoveProfile();
            }
        }
        finally
        {
            bench.Cleanup();
        }
    }

    [Fact]
    public void Without_its_clean_up_a_download_is_refused_once_the_card_is_full()
    {
        var bench = new DownloadBenchmarks { Store = StoreKind.Memory };
        bench.SetupP256Small();
        try
        {
            for (var i = 0; i < 16; i++)
            {
                bench.NextProfile();
                bench.Download_P256_1K();
            }
            bench.NextProfile();
            var refused = Assert.Throws<InvalidOperationException>(bench.Download_P256_1K);
            Assert.Contains("StoreMetadata", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            bench.Cleanup();
        }
    }

    [Theory]
    [InlineData(StoreKind.Memory, 70)]
    [InlineData(StoreKind.LiteDb, 35)]
    public void Packages_repeated_past_MaxPendingPackageResults_keep_succeeding(StoreKind store, int times)
    {
        var psmo = new PackageBenchmarks { Store = store };
        psmo.SetupPsmo();
        var eco = new PackageBenchmarks { Store = store };
        eco.SetupEco();
        try
        {
            for (var i = 0; i < times; i++)
            {
                psmo.Package_Psmo_Enable();
                psmo.AcknowledgeResults();
                eco.Package_Eco_ListEim();
                eco.AcknowledgeResults();
            }
        }
        finally
        {
            psmo.Cleanup();
            eco.Cleanup();
        }
    }

    [Fact]
    public void Reads_and_AuthenticateServer_repeat()
    {
        var auth = new AuthenticateServerBenchmarks();
        auth.Setup();
        var reads = new ReadBenchmarks { Store = StoreKind.LiteDb };
        reads.Setup();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                auth.AuthenticateServer_P256();
                Assert.Equal([0x90, 0x00], reads.GetEid_InProcess()[^2..]);
                Assert.NotEmpty(reads.GetProfilesInfo_10());
            }
        }
        finally
        {
            auth.Cleanup();
            reads.Cleanup();
        }
    }
}
