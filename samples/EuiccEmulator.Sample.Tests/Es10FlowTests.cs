using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Saip;

namespace EuiccEmulator.Sample.Tests;

/// <summary>An ES10 flow through APDUs: identify the card, pre-load a profile, list, enable and disable it.</summary>
public sealed class Es10FlowTests : IDisposable
{
    private const string TestEid = "89049032123451234512345678901235";
    private readonly string _dir = Directory.CreateTempSubdirectory("euicc-sample-").FullName;

    /// <summary>A test USIM profile package (unprotected SAIP) with public test keys.</summary>
    internal static byte[] TestProfile(string iccid) => ProfilePackageBuilder.BuildUsim(new UsimProfileParameters
    {
        Iccid = Iccid.Parse(iccid),
        Imsi = "001010000000001",
        K = Convert.FromHexString("000102030405060708090A0B0C0D0E0F"),
        Opc = Convert.FromHexString("0F0E0D0C0B0A09080706050403020100"),
    });

    /// <summary>Puts a profile on the card the way a factory pre-loads one: disabled, no download.</summary>
    internal static ProfileRecord PreLoad(VirtualEuicc euicc, string iccid)
    {
        var imported = ProfileImporter.Import(TestProfile(iccid));
        Assert.True(imported.IsSuccess, imported.Error);
        return euicc.Engine.AddPreLoadedProfile(imported.Profile!, imported.Package!);
    }

    [Fact]
    public void GetEid_and_GetEuiccInfo1_name_the_card_and_its_test_ci()
    {
        using var store = new InMemoryCardStore();
        using var euicc = new VirtualEuicc(store, CardIdentityFactory.Create(Eid.Parse(TestEid)));
        var lpa = new Lpa(euicc.Card);
        lpa.PowerOnAndSelectIsdR();

        Assert.Equal("BF3E125A10" + TestEid, Convert.ToHexString(lpa.GetEid()));
        var info1 = Convert.ToHexString(lpa.GetEuiccInfo1());
        Assert.StartsWith("BF20", info1, StringComparison.Ordinal);
        // euiccCiPKIdListForSigning (AA) holds the one CI the card signs under: the SGP.26 NIST test CI.
        var signingCi = Convert.ToHexString(euicc.Ecasd.SigningCiSkis.Single().Span);
        Assert.Equal(Convert.ToHexString(TestPki.Sgp26Nist.CiSubjectKeyId.Span), signingCi);
        Assert.Contains("AA160414" + signingCi, info1, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_under_a_private_ci_signs_under_that_ci_only()
    {
        var ci = PrivateCiFactory.Create();
        var identity = CardIdentityFactory.CreateRandom(new CardIdentityOptions { Chains = [ci], TrustSgp26Cis = false });
        using var store = new InMemoryCardStore();
        using var euicc = new VirtualEuicc(store, identity);
        var lpa = new Lpa(euicc.Card);
        lpa.PowerOnAndSelectIsdR();

        var info1 = Convert.ToHexString(lpa.GetEuiccInfo1());
        var ski = Convert.ToHexString(ci.CiSubjectKeyId.Span);
        Assert.Contains("AA160414" + ski, info1, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(TestPki.Sgp26Nist.CiSubjectKeyId.Span), info1, StringComparison.Ordinal);
        Assert.Equal("BF3E125A10" + identity.Eid, Convert.ToHexString(lpa.GetEid()));
    }

    [Fact]
    public void A_preloaded_profile_is_listed_enabled_and_disabled_through_es10c()
    {
        using var store = new InMemoryCardStore();
        using var euicc = new VirtualEuicc(store, CardIdentityFactory.Create(Eid.Parse(TestEid)));
        var profile = PreLoad(euicc, "89000100000000000102");
        var lpa = new Lpa(euicc.Card);
        lpa.PowerOnAndSelectIsdR();

        Assert.Equal([("89000100000000000102", false)], lpa.ListProfiles());

        Assert.Equal(0, lpa.Enable(profile.Iccid));                  // ok
        Assert.Equal([("89000100000000000102", true)], lpa.ListProfiles());
        Assert.Equal(ProfileState.Enabled, euicc.Engine.EnabledProfile?.State);
        Assert.Equal(2, lpa.Enable(profile.Iccid));                  // profileNotInDisabledState

        Assert.Equal(0, lpa.Disable(profile.Iccid));                 // ok
        Assert.Null(euicc.Engine.EnabledProfile);
        Assert.Equal(2, lpa.Disable(profile.Iccid));                 // profileNotInEnabledState
        Assert.Equal(1, lpa.Enable(Iccid.Parse("89000100000000000999")));   // iccidOrAidNotFound
    }

    [Fact]
    public void A_card_in_a_litedb_store_comes_back_as_it_was_committed()
    {
        var path = Path.Combine(_dir, "card.db");
        using (var store = LiteDbCardStore.Open(path))
        {
            var identity = CardIdentityFactory.Create(Eid.Parse(TestEid));
            store.SaveIdentity(identity);
            using var euicc = new VirtualEuicc(store, identity);
            var profile = PreLoad(euicc, "89000100000000000102");
            var lpa = new Lpa(euicc.Card);
            lpa.PowerOnAndSelectIsdR();
            Assert.Equal(0, lpa.Enable(profile.Iccid));
        }

        using (var store = LiteDbCardStore.Open(path))
        {
            var identity = store.LoadIdentity();
            Assert.NotNull(identity);
            using var euicc = new VirtualEuicc(store, identity);
            var lpa = new Lpa(euicc.Card);
            lpa.PowerOnAndSelectIsdR();
            Assert.Equal("BF3E125A10" + TestEid, Convert.ToHexString(lpa.GetEid()));
            Assert.Equal([("89000100000000000102", true)], lpa.ListProfiles());
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
