using System.Text.RegularExpressions;
using EuiccEmulator.Rsp.Saip;

namespace EuiccEmulator.Rsp.Tests.Saip;

public sealed partial class Ts48PackageTests
{
    public static TheoryData<string> Packages() => TestPaths.Ts48Packages();

    [Fact]
    public void Ts48Folder_Listing_HoldsEightPackages()
    {
        Assert.Equal(8, Packages().Count);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Validate_Ts48Package_MatchesListing(string relative)
    {
        var path = Path.Combine(TestPaths.Ts48, relative);
        var listing = File.ReadAllText(Path.ChangeExtension(path, ".txt"));

        var result = ProfilePackage.Validate(File.ReadAllBytes(path));

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var summary = result.Summary!;
        Assert.Equal(MajorRegex().Match(listing).Groups[1].Value,
            summary.MajorVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(MinorRegex().Match(listing).Groups[1].Value,
            summary.MinorVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(IccidRegex().Match(listing).Groups[1].Value, summary.Iccid.Digits);
        var listedTypes = PeRegex().Matches(listing).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(listedTypes, summary.Elements.Select(e => e.Name).ToArray());
        var listedIds = IdRegex()
            .Matches(listing).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(listedIds, summary.Elements.Where(e => e.Identification is not null).Select(e => e.Identification!.Value));
        Assert.False(summary.IsIotMinimal);
        Assert.Equal("GSMA Generic eUICC Test Profile", summary.ProfileType);
        Assert.Equal(new FileInfo(path).Length, summary.Size);
        Assert.Equal(EuiccResponse.Success(), result.EncodeEuiccResponse());
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void ReadAll_Ts48Package_ElementsConcatenateToInput(string relative)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.Ts48, relative));

        var elements = ProfileElementReader.ReadAll(bytes);

        Assert.Equal(bytes, elements.SelectMany(e => e.Encoded.ToArray()).ToArray());
        Assert.Equal((int)ProfileElementType.Header, elements[0].Tag);
        Assert.Equal((int)ProfileElementType.End, elements[^1].Tag);
    }

    [GeneratedRegex(@"major-version (\d+)")]
    private static partial Regex MajorRegex();

    [GeneratedRegex(@"minor-version (\d+)")]
    private static partial Regex MinorRegex();

    [GeneratedRegex(@"iccid '([0-9A-F]+)'H")]
    private static partial Regex IccidRegex();

    [GeneratedRegex(@"ProfileElement ::= ([a-zA-Z0-9-]+) :")]
    private static partial Regex PeRegex();

    [GeneratedRegex(@"identification (\d+)")]
    private static partial Regex IdRegex();
}
