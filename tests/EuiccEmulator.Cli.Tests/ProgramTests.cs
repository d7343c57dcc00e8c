using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Testing;
namespace EuiccEmulator.Cli.Tests;

public sealed class ProgramTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("euicc-cli-").FullName;

    private static string Repo() => RepoPaths.Root;

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var log = new StringWriter();
        var code = Program.Run(args, output, log);
        return (code, output.ToString(), log.ToString());
    }

    [Theory]
    [InlineData("bogus", "unknown command 'bogus'")]
    [InlineData("serve --vpcd", "--vpcd: needs a value")]
    [InlineData("serve --colour red", "--colour: unknown option")]
    [InlineData("apdu", "apdu: give at least one APDU in hex")]
    [InlineData("apdu 80ZZ", "apdu: argument 1 '80ZZ' is not hex")]
    [InlineData("init --eid 1234", "--eid: an EID is 32 decimal digits")]
    [InlineData("keys new-ci", "--out: the directory to write the CI into is required")]
    [InlineData("keys new-ci --out x --curve p384", "--curve: 'p384' is not nist or brainpool")]
    [InlineData("profiles import /nonexistent/p.der", "/nonexistent/p.der:")]
    [InlineData("init --sgp32 1.1", "--sgp32: expected 1.0 or 1.2, not '1.1'")]
    public void Run_BadArguments_OneErrorLineAndNonZeroExit(string args, string expected)
    {
        var (code, _, err) = Run(args.Split(' '));
        Assert.NotEqual(0, code);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Sgp32Version_IsRecordedAtCreationAndNeverChanged()
    {
        var v12 = Path.Combine(_dir, "v12.db");
        Assert.Equal(0, Run("init", "--store", v12).Code);
        var (code, _, err) = Run("conformance", "--store", v12, "--sgp32", "1.0", "--filter", "V10.EnableUsingDD");
        Assert.Equal(2, code);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--sgp32: the card in", line, StringComparison.Ordinal);
        Assert.Contains("was created as an SGP.32 v1.2 card", line, StringComparison.Ordinal);

        var v10 = Path.Combine(_dir, "v10.db");
        Assert.Equal(0, Run("init", "--store", v10, "--sgp32", "1.0").Code);
        var run = Run("conformance", "--store", v10, "--sgp32", "1.0", "--filter", "V10.EnableUsingDD");
        Assert.True(run.Code == 0, run.Out + run.Err);
        Assert.Contains("1 passed, 0 failed", run.Out, StringComparison.Ordinal);
        // Without --sgp32 the card keeps the version it was created as.
        Assert.Equal(0, Run("conformance", "--store", v10, "--sgp32", "1.0", "--filter", "V10.GetEUICCInfo2").Code);
    }

    [Fact]
    public void ProfilesImportListAndApdu_WorkOnOneStore()
    {
        var store = Path.Combine(_dir, "card.db");
        var profile = Path.Combine(Repo(), "profiles", "usim-classic.der");
        var (code, output, _) = Run("profiles", "import", profile, "--store", store);
        Assert.Equal(0, code);
        Assert.Contains("imported 89000100000000000102 as ISD-P A0000005591010FFFFFFFF8900001000", output, StringComparison.Ordinal);

        var again = Run("profiles", "import", profile, "--store", store);
        Assert.Equal(2, again.Code);
        Assert.Contains("already on the card; the store is unchanged", again.Err, StringComparison.Ordinal);

        Assert.Contains("89000100000000000102  disabled", Run("profiles", "list", "--store", store).Out, StringComparison.Ordinal);
        var apdu = Run("apdu", "--store", store, "00A4040C10A0000005591010FFFFFFFF8900000100", "80E2910006BF3E035C015A00");
        Assert.Equal("9000\nBF3E125A10890490321234512345123456789012359000\n", apdu.Out.ReplaceLineEndings("\n"));
        Assert.Contains("TEST ONLY", apdu.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void KeysNewCiThenInit_CardSignsUnderPrivateCi()
    {
        var ci = Path.Combine(_dir, "ci");
        Assert.Equal(0, Run("keys", "new-ci", "--out", ci, "--curve", "brainpool").Code);
        var store = Path.Combine(_dir, "private.db");
        var init = Run("init", "--store", store, "--ci", ci);
        Assert.Equal(0, init.Code);
        Assert.DoesNotContain("SGP.26", init.Err, StringComparison.Ordinal);
        var info = Run("apdu", "--store", store, "00A4040C10A0000005591010FFFFFFFF8900000100", "80E2910003BF200000").Out;
        var bundle = CiBundle.Load(ci);
        // The signing list (AA) names the private CI only.
        Assert.Contains("AA160414" + Convert.ToHexString(bundle.CiSubjectKeyId.Span), info, StringComparison.Ordinal);
        Assert.Equal(2, Run("init", "--store", store).Code);
        Assert.Equal(2, Run("init", "--store", Path.Combine(_dir, "x.db"), "--ci", Path.Combine(_dir, "missing")).Code);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

public sealed class DemoTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("euicc-demo-").FullName;

    [Fact]
    public void DemoDownload_InProcess_InstallsAndListsProfile()
    {
        var store = Path.Combine(_dir, "card.db");
        var output = new StringWriter();
        Assert.Equal(0, Program.Run(["demo", "download", "--store", store, "--iccid", "89000123456789012341", "--ppk"], output,
            new StringWriter()));
        Assert.Contains("installed 89000123456789012341", output.ToString(), StringComparison.Ordinal);
        var list = new StringWriter();
        Program.Run(["profiles", "list", "--store", store], list, new StringWriter());
        Assert.Contains("89000123456789012341  disabled", list.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DemoDownload_Brainpool_Succeeds()
    {
        var output = new StringWriter();
        Assert.Equal(0, Program.Run(["demo", "download", "--store", Path.Combine(_dir, "b.db"), "--curve", "brainpool"], output,
            new StringWriter()));
        Assert.Contains("(BrainpoolP256r1)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DemoDownload_ExtendedLengthBlocks_Installs()
    {
        var output = new StringWriter();
        Assert.Equal(0, Program.Run(["demo", "download", "--store", Path.Combine(_dir, "x.db"), "--block-size", "4096",
            "--iccid", "89000123456789012358"], output, new StringWriter()));
        var text = output.ToString();
        Assert.Contains("STORE DATA blocks of 4096 (extended length)", text, StringComparison.Ordinal);
        Assert.Contains("installed 89000123456789012358", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DemoIot_RunsEveryStepAndVerifiesResults()
    {
        var output = new StringWriter();
        Assert.Equal(0, Program.Run(["demo", "iot", "--store", Path.Combine(_dir, "iot.db")], output, new StringWriter()));
        var text = output.ToString();
        Assert.Contains("all SGP.32 steps done", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT verified", text, StringComparison.Ordinal);
        Assert.Contains("refused with error 104", text, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

public sealed class HelpTests
{
    [Theory]
    [InlineData("serve")]
    [InlineData("apdu")]
    [InlineData("init")]
    [InlineData("keys")]
    [InlineData("profiles")]
    [InlineData("demo")]
    [InlineData("trace")]
    [InlineData("conformance")]
    [InlineData("fleet")]
    public void Verb_help_exits_0_with_that_verbs_usage(string verb)
    {
        foreach (var help in new[] { "--help", "-h" })
        {
            var (code, output, err) = Support.Cmd.Run(verb, help);
            Assert.True(code == 0, err);
            Assert.Equal("", err);
            Assert.Contains("Usage:\n  euicc-emu " + verb, output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        }
    }
}
