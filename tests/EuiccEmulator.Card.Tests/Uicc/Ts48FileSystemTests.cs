using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Conformance.Ts48;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Tests.Uicc;

/// <summary>Every TS.48 profile, once enabled, presents the files its package defines, checked through APDUs.</summary>
public sealed class Ts48FileSystemTests
{
    public static TheoryData<string> Listings() =>
        [.. Directory.GetFiles(TestPaths.Ts48, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => Path.GetFileName(p))];

    public static TheoryData<string> Packages() =>
        [.. Directory.GetFiles(Path.Combine(TestPaths.Ts48, "v1-v5"), "*.der").Order(StringComparer.Ordinal)
            .Select(p => Path.GetFileName(p))];

    internal static TestCard CardWith(string derPath)
    {
        var card = new TestCard(options: new EuiccEmulator.Card.CardOs.CardOptions { ProfileMemory = 16 * 1024 * 1024 });
        var upp = File.ReadAllBytes(derPath);
        var imported = ProfileImporter.Import(upp);
        Assert.True(imported.IsSuccess, imported.Error);
        card.Euicc.Engine.AddPreLoadedProfile(imported.Profile!, upp);
        Assert.Equal(EnableResult.Ok, card.Euicc.Engine.Enable(ProfileSelector.ByIccid(imported.Profile!.Iccid)));
        return card;
    }

    [Theory]
    [MemberData(nameof(Listings))]
    public void The_enabled_profile_presents_every_file_of_its_listing(string listing)
    {
        var txt = Directory.GetFiles(TestPaths.Ts48, listing, SearchOption.AllDirectories).Single();
        using var card = CardWith(Path.ChangeExtension(txt, ".der"));
        var parsed = Ts48Listing.Parse(File.ReadAllLines(txt));
        Assert.True(parsed.Files.Count > 150, $"{parsed.Files.Count} files parsed");
        var problems = parsed.Check(card.Transmit, out var contents, out var unsized);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Take(20)));
        Assert.True(contents > 50, $"only {contents} contents checked");
        Assert.True(unsized.Count <= 35, $"{unsized.Count} CSIM files without a size: {string.Join(' ', unsized)}");
    }
}
