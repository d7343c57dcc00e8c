using System.Xml.Linq;
using EuiccEmulator.Cli.ConformanceTargets;
using EuiccEmulator.Conformance.Cases;
using EuiccEmulator.Iso7816;

namespace EuiccEmulator.Conformance.Tests;

public class SuiteTests
{
    [Fact]
    public void WholeSuite_AgainstFreshInProcessCard_Passes_AndJUnitCountsMatch()
    {
        using var target = InProcessTarget.CreateFresh();
        var results = new ConformanceRunner(target).Run(Catalog.All);
        var failed = results.Where(r => r.Outcome != CaseOutcome.Passed).Select(Report.Row).ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
        Assert.Equal($"{Catalog.All.Count} passed, 0 failed, 0 skipped", Report.Summary(results));

        using var stream = new MemoryStream();
        Report.WriteJUnit(results, target.Name, stream);
        stream.Position = 0;
        var suite = XDocument.Load(stream).Root!.Element("testsuite")!;
        Assert.Equal(Catalog.All.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), suite.Attribute("tests")!.Value);
        Assert.Equal("0", suite.Attribute("failures")!.Value);
        Assert.Equal(Catalog.All.Count, suite.Elements("testcase").Count());
        Assert.Contains(suite.Elements("testcase"), t => t.Attribute("classname")!.Value == "Transport");
    }

    [Fact]
    public void CaseIds_AreUnique()
    {
        Assert.Equal(Catalog.All.Count, Catalog.All.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void BrokenCard_FlippedByteInGetEid_FailsTheMatchingCase()
    {
        using var fresh = FreshCard.Create();
        // Flip one byte of the GetEID answer whenever it passes (BF3E 12 5A 10 ...).
        var broken = new FlippingCard(fresh.Card, r => r.Length > 6 && r[0] == 0xBF && r[1] == 0x3E && r[2] == 0x12);
        using var target = new CardTarget("broken", broken);
        var results = new ConformanceRunner(target).Run(ConformanceRunner.Filter(Catalog.All, "ES10c.GetEID.Basic"));
        var result = Assert.Single(results);
        Assert.Equal(CaseOutcome.Failed, result.Outcome);
        Assert.Contains("check digits", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenCard_WrongStatusWord_FailsTransportCase()
    {
        using var fresh = FreshCard.Create();
        var broken = new FlippingCard(fresh.Card, r => r is [0x6A, 0x82]);
        using var target = new CardTarget("broken", broken);
        var result = Assert.Single(new ConformanceRunner(target).Run(ConformanceRunner.Filter(Catalog.All, "Transport.Select.UnknownAid")));
        Assert.Equal(CaseOutcome.Failed, result.Outcome);
        Assert.Contains("expected 6A82", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CardTarget_SkipsCasesNeedingConfiguredCard_InProcessRunsThem()
    {
        var configured = Catalog.All.Where(c => c.RequiresCard is not null).ToList();
        Assert.NotEmpty(configured);
        using var fresh = FreshCard.Create();
        using var target = new CardTarget("plain", fresh.Card);
        var results = new ConformanceRunner(target).Run(configured);
        Assert.All(results, r => Assert.Equal(CaseOutcome.Skipped, r.Outcome));
        Assert.All(results, r => Assert.Contains("in-process", r.Reason, StringComparison.Ordinal));
        using var inProcess = InProcessTarget.CreateFresh();
        Assert.All(new ConformanceRunner(inProcess).Run(configured), r => Assert.Equal(CaseOutcome.Passed, r.Outcome));
    }

    [Fact]
    public void PcscLikeTarget_SkipsShortApduCases()
    {
        using var fresh = FreshCard.Create();
        using var target = new CardTarget("pcsc-like", fresh.Card, passesShortApdus: false);
        var results = new ConformanceRunner(target).Run(ConformanceRunner.Filter(Catalog.All, "Transport.Apdu."));
        Assert.Equal([CaseOutcome.Skipped, CaseOutcome.Skipped, CaseOutcome.Passed], results.Select(r => r.Outcome));
    }

    [Fact]
    public void EimAlreadyAssociated_AssociationCasesSkipped_WithReason()
    {
        using var target = InProcessTarget.CreateFresh();
        var runner = new ConformanceRunner(target);
        // Associate an eIM outside the suite: the card now looks like a field card with its own eIM.
        using (var ctx = new CaseContext(target.Card, true)) ctx.AssociateEim("field-eim.example");
        var results = runner.Run(ConformanceRunner.Filter(Catalog.All, "ES10b.AddInitialEim"));
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Equal(CaseOutcome.Skipped, r.Outcome));
        Assert.All(results, r => Assert.Contains("already associated", r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void JUnit_WithFailureAndSkip_IsWellFormedWithCounts()
    {
        var pass = new ConformanceCase("A.One", "A", "t", "s", Precondition.None, _ => { });
        var fail = new ConformanceCase("A.Two", "A", "t", "s", Precondition.None, _ => CaseContext.Fail("bad <bytes> & more"));
        var skip = new ConformanceCase("B.Three", "B", "t", "s", Precondition.None, _ => throw new ConformanceSkip("not here"));
        using var target = InProcessTarget.CreateFresh();
        var results = new ConformanceRunner(target).Run([pass, fail, skip]);
        Assert.Equal("1 passed, 1 failed, 1 skipped", Report.Summary(results));
        using var stream = new MemoryStream();
        Report.WriteJUnit(results, target.Name, stream);
        stream.Position = 0;
        var suite = XDocument.Load(stream).Root!.Element("testsuite")!;
        Assert.Equal(("3", "1", "1"),
            (suite.Attribute("tests")!.Value, suite.Attribute("failures")!.Value, suite.Attribute("skipped")!.Value));
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal("bad <bytes> & more", cases[1].Element("failure")!.Attribute("message")!.Value);
        Assert.Equal("B", cases[2].Attribute("classname")!.Value);
        Assert.NotNull(cases[2].Element("skipped"));
    }

    [Fact]
    public void VpcdServerCard_TalksToTheEmulatorsVpcdClient()
    {
        using var server = new VpcdServerCard(0);
        using var fresh = FreshCard.Create();
        var client = new Vpcd.VpcdClient(fresh.Card, new Vpcd.VpcdClientOptions { Host = "127.0.0.1", Port = server.Port });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = Task.Run(() => client.RunAsync(cts.Token));
        server.Accept(TimeSpan.FromSeconds(20));
        Assert.Equal(fresh.Card.Atr.ToArray(), server.Atr.ToArray());
        Assert.Equal([0x6A, 0x82], server.Transmit(Convert.FromHexString("00A4040C10A0000005591010FFFFFFFF8900000300")));
        // A one-byte frame is a vpcd control code (0 is power off): refused, not sent.
        Assert.Throws<ArgumentException>(() => server.Transmit([0x00]));
        using var target = new CardTarget("vpcd", server);
        var results = new ConformanceRunner(target).Run(ConformanceRunner.Filter(Catalog.All, "ES10c.GetEID"));
        Assert.All(results, r => Assert.Equal(CaseOutcome.Passed, r.Outcome));
        cts.Cancel();
    }

    private sealed class FlippingCard(ICard inner, Func<byte[], bool> match) : ICard
    {
        public ReadOnlyMemory<byte> Atr => inner.Atr;

        public void PowerOn() => inner.PowerOn();

        public void PowerOff() => inner.PowerOff();

        public void Reset() => inner.Reset();

        public byte[] Transmit(ReadOnlySpan<byte> commandApdu)
        {
            var response = inner.Transmit(commandApdu);
            if (match(response)) response[response.Length > 6 ? 6 : 1] ^= 0x01;
            return response;
        }
    }
}
