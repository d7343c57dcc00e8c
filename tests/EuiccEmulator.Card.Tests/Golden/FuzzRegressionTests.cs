namespace EuiccEmulator.Card.Tests.Golden;

/// <summary>
/// Replays the inputs the fuzzer found (fuzz/regressions/es10) the way its es10 target sends them: the first byte picks
/// the outer tag among the ISD-R's request tags (FF: the rest is a whole request). The card must answer without an internal error.
/// </summary>
public sealed class FuzzRegressionTests
{
    public static TheoryData<string> Es10Inputs()
    {
        var data = new TheoryData<string>();
        var dir = Path.Combine(TestPaths.RepoRoot, "fuzz", "regressions", "es10");
        if (Directory.Exists(dir))
            foreach (var file in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Es10Inputs))]
    public void Es10_regression_input_is_answered_without_an_internal_error(string name)
    {
        var input = File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "fuzz", "regressions", "es10", name));
        int[] tags = [.. VirtualEuicc.Es10Handlers().Where(h => !h.Function.Segmented).Select(h => h.Function.Tag).Distinct().Order()];
        byte[] request;
        if (input[0] == 0xFF)
        {
            request = input[1..];
        }
        else
        {
            var tag = tags[input[0] % tags.Length];
            var n = input.Length - 1;
            byte[] length = n < 0x80 ? [(byte)n] : n < 0x100 ? [0x81, (byte)n] : [0x82, (byte)(n >> 8), (byte)n];
            request = [(byte)(tag >> 8), (byte)tag, .. length, .. input[1..]];
        }
        using var card = new GoldenCard(1, "profiles");
        card.Euicc.Card.Transmit(Convert.FromHexString("00A4040C10A0000005591010FFFFFFFF8900000100"));
        var commits = card.Store.Commits;
        var response = card.Euicc.Card.Transmit([0x80, 0xE2, 0x91, 0x00, (byte)request.Length, .. request]);
        Assert.True(response.Length >= 2);
        Assert.Empty(card.Errors);
        if (response[^2] is not (0x90 or 0x91 or 0x61)) Assert.Equal(commits, card.Store.Commits);
    }
}
