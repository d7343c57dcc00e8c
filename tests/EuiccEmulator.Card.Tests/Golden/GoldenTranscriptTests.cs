using System.Text;

namespace EuiccEmulator.Card.Tests.Golden;

/// <summary>
/// Replays every golden transcript through a fresh card and compares every response byte for byte.
/// With EUICC_REGENERATE_GOLDEN=1 the transcripts with a scenario are recorded again and written instead.
/// </summary>
public sealed class GoldenTranscriptTests
{
    internal static bool Regenerating => Environment.GetEnvironmentVariable("EUICC_REGENERATE_GOLDEN") == "1";

    public static TheoryData<string> Transcripts()
    {
        var names = new SortedSet<string>(GoldenFile.Names(), StringComparer.Ordinal);
        if (Regenerating) names.UnionWith(GoldenScenarios.All.Select(s => s.Name));
        var data = new TheoryData<string>();
        foreach (var name in names) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Transcripts))]
    public void Replays_byte_for_byte(string name)
    {
        if (Regenerating && GoldenScenarios.Find(name) is { } scenario) Record(scenario);
        var path = GoldenFile.PathOf(name);
        var file = GoldenFile.Parse(path);
        Assert.NotEmpty(file.Exchanges);
        using var card = new GoldenCard(file.Seed, file.Setup);
        foreach (var exchange in file.Exchanges)
        {
            var actual = Convert.ToHexString(card.Euicc.Card.Transmit(Convert.FromHexString(exchange.Command)));
            if (actual != exchange.Response)
            {
                Assert.Fail($"{path}:{exchange.Line + 1}: [{exchange.Step}] response differs\n  command  {exchange.Command}\n  expected "
                    + $"{exchange.Response}\n  actual   {actual}");
            }
        }
        Assert.Empty(card.Errors);
    }

    [Fact]
    public void Every_scenario_has_a_transcript()
    {
        foreach (var scenario in GoldenScenarios.All)
        {
            Assert.True(File.Exists(GoldenFile.PathOf(scenario.Name)), $"{scenario.Name}{GoldenFile.Extension} is missing: "
                + $"run with EUICC_REGENERATE_GOLDEN=1");
        }
    }

    [Fact]
    public void A_seeded_card_answers_the_same_commands_the_same_way_twice()
    {
        // The property replay relies on: signatures and one-time keys depend only on the seed and the commands.
        var file = GoldenFile.Parse(GoldenFile.PathOf("sgp22-download"));
        using var first = new GoldenCard(file.Seed, file.Setup);
        using var second = new GoldenCard(file.Seed, file.Setup);
        foreach (var exchange in file.Exchanges)
        {
            var command = Convert.FromHexString(exchange.Command);
            Assert.Equal(first.Euicc.Card.Transmit(command), second.Euicc.Card.Transmit(command));
        }
    }

    private static void Record(GoldenScenario scenario)
    {
        using var card = new GoldenCard(scenario.Seed, scenario.Setup);
        scenario.Run(card);
        if (card.Errors.Count > 0) throw new InvalidOperationException($"{scenario.Name}: internal error {card.Errors[0]}");
        File.WriteAllText(GoldenFile.PathOf(scenario.Name), GoldenFile.Render(scenario.Title, scenario.Seed, scenario.Setup, card.Lines),
            new UTF8Encoding(false));
    }
}
