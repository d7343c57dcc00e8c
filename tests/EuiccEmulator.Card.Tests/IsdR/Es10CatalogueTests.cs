using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Rsp;
using EuiccEmulator.Rsp.Es10;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Tests.IsdR;

/// <summary>Every hex vector of the ES10 catalogue, run against the card; and the card implements the catalogue.</summary>
public class Es10CatalogueTests
{
    private const string Iccid1 = "89000123456789012341";

    // The vector goes as object: Es10Vector is internal to the library and a test method's signature is public.
    public static TheoryData<string, string, object> Vectors()
    {
        var data = new TheoryData<string, string, object>();
        foreach (var function in Es10Catalogue.All)
        {
            var release = function.Releases.HasFlag(Sgp32Releases.V1_2) ? "1.2" : "1.0";
            foreach (var vector in function.Vectors) data.Add(function.Name, release, vector);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_GivesItsOutcome(string function, string release, object vectorData)
    {
        var vector = (Es10Vector)vectorData;
        Assert.False(string.IsNullOrEmpty(function));
        using var card = NewCard(release, vector.Fixture);
        var before = card.Euicc.Store.Load();
        var (data, sw) = card.Es10(vector.Request);
        switch (vector.Outcome)
        {
            case Es10Outcome.Response:
                Assert.Equal(("9000", vector.Response), (sw, data));
                break;
            case Es10Outcome.Accepted:
                Assert.Equal("9000", sw);
                Assert.StartsWith(vector.Request[..4], data, StringComparison.Ordinal);
                break;
            default:
                Assert.Equal(vector.Outcome == Es10Outcome.Malformed ? "6A80" : vector.Response, sw);
                var after = card.Euicc.Store.Load();
                Assert.Equal(before.Profiles, after.Profiles);
                Assert.Equal(before.Settings, after.Settings);
                break;
        }
        Assert.Empty(card.Errors);
    }

    [Theory]
    [InlineData(Sgp32Version.V1_0)]
    [InlineData(Sgp32Version.V1_2)]
    public void The_card_handles_exactly_the_catalogue_of_its_version(Sgp32Version version)
    {
        using var card = new TestCard(options: new CardOptions { Sgp32Version = version });
        var release = version == Sgp32Version.V1_0 ? Sgp32Releases.V1_0 : Sgp32Releases.V1_2;
        var expected = Es10Catalogue.In(release).Select(f => f.Tag).Order();
        Assert.Equal(expected, card.Euicc.IsdR.SupportedTags.Order());
    }

    public static TheoryData<string, string> V1_2OnlyRequests()
    {
        var data = new TheoryData<string, string>();
        foreach (var function in Es10Catalogue.All.Where(f => !f.Releases.HasFlag(Sgp32Releases.V1_0)))
        {
            if (Es10Catalogue.Find(function.Tag, Sgp32Releases.V1_0) is not null) continue; // the tag means another function there
            data.Add(function.Name, function.Vectors.First(v => v.Outcome == Es10Outcome.Response).Request);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(V1_2OnlyRequests))]
    public void A_v1_0_card_does_not_know_the_functions_v1_2_added(string function, string request)
    {
        using var card = NewCard("1.0", Es10Fixture.NewCard);
        Assert.Equal("6A80", card.Es10(request).Sw);
        Assert.Empty(card.Errors);
        Assert.False(string.IsNullOrEmpty(function));
    }

    private static TestCard NewCard(string release, Es10Fixture fixture)
    {
        var card = new TestCard(options: release == "1.0" ? new CardOptions { Sgp32Version = Sgp32Version.V1_0 } : null).SelectIsdR();
        if (fixture == Es10Fixture.OneProfile) card.AddProfile(Iccid1);
        return card;
    }
}
