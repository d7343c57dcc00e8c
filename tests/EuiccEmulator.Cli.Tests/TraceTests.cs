using System.Text.Json;
using EuiccEmulator.Cli.Commands;
using EuiccEmulator.Testing;

namespace EuiccEmulator.Cli.Tests;

public sealed class TraceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("euicc-trace-").FullName;

    private static string Golden(string name) =>
        Path.Combine(RepoPaths.Root, "tests", "EuiccEmulator.Card.Tests", "Golden", name + ".apdu");

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var log = new StringWriter();
        var code = Program.Run(args, output, log);
        return (code, output.ToString(), log.ToString());
    }

    private string Write(string text)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".log");
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("card-os", "GET RESPONSE", "SW 6A82 application not found", false)]
    [InlineData("es10c-profiles", "ES10 EnableProfile", "enableResult: 0 (ok)", false)]
    [InlineData("sgp22-download", "ES10 AuthenticateServer", "euiccOtpk", false)]
    [InlineData("sgp32-eim", "ES10 LoadEuiccPackage", "associationToken", false)]
    public void Trace_GoldenTranscripts_NamesFunctionsAndFields(string name, string function, string field, bool hasMalformedRequests)
    {
        var (code, output, err) = Run("trace", Golden(name));
        Assert.True(code == 0, err);
        Assert.Contains(function, output, StringComparison.Ordinal);
        Assert.Contains(field, output, StringComparison.Ordinal);
        Assert.Equal(hasMalformedRequests, output.Contains("not BER", StringComparison.Ordinal));
    }

    [Fact]
    public void Trace_Download_ReassemblesBlocksAndSegments()
    {
        var (code, output, _) = Run("trace", Golden("sgp22-download"));
        Assert.Equal(0, code);
        Assert.Contains("ES10 AuthenticateServer (channel 1)  (4 STORE DATA blocks", output, StringComparison.Ordinal);
        Assert.Contains("LoadBoundProfilePackage (profile element segment)", output, StringComparison.Ordinal);
        Assert.Contains("BF27 profileInstallationResultData", output, StringComparison.Ordinal);
        Assert.Contains("subject \"CN=Test eUICC", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_VerboseServeLog_FollowsGetResponse()
    {
        var path = Write("""
            > 00A4040C10A0000005591010FFFFFFFF8900000100  [SELECT]
            < 9000
            > 80E2910006BF3E035C015A  [STORE DATA GetEID]
            < 6115
            > 00C0000015  [GET RESPONSE]
            < BF3E125A10890490321234512345123456789012359000
            """);
        var (code, output, _) = Run("trace", path);
        Assert.Equal(0, code);
        Assert.Contains("ES10 GetEID", output, StringComparison.Ordinal);
        Assert.Contains("5A eidValue: 89049032123451234512345678901235", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_Json_HasTheTextsContentAsData()
    {
        var path = Write("""
            > 00A4040C10A0000005591010FFFFFFFF8900000100
            < 9000
            # GetEID, its answer read by GET RESPONSE
            > 80E2910006BF3E035C015A
            < 6115
            > 00C0000015
            < BF3E125A10890490321234512345123456789012359000
            > 80E2110003BF2D00
            < 6A80
            > 80E2910003BF2D00
            < 6110
            """);
        var (code, output, err) = Run("trace", "--json", path);
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(["schema", "file", "sgp32", "exchanges", "entries"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("euicc-emu/trace/1", root.GetProperty("schema").GetString());
        Assert.Equal(5, root.GetProperty("exchanges").GetInt32());
        var entries = root.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["select", "es10", "store-data-refused", "es10"], entries.Select(e => e.GetProperty("kind").GetString()));

        var select = entries[0];
        Assert.Equal("00A4040C10A0000005591010FFFFFFFF8900000100", select.GetProperty("command").GetString());
        Assert.Equal("9000", select.GetProperty("sw").GetString());

        var getEid = entries[1];
        Assert.Equal(4, getEid.GetProperty("line").GetInt32());
        Assert.Equal("GetEID", getEid.GetProperty("name").GetString());
        Assert.Equal("GetEID, its answer read by GET RESPONSE", getEid.GetProperty("comment").GetString());
        Assert.Equal(1, getEid.GetProperty("blocks").GetInt32());
        Assert.Equal("BF3E035C015A", getEid.GetProperty("request").GetString());
        Assert.Equal("SW 9000 ok", getEid.GetProperty("status").GetString());
        Assert.Equal("BF3E125A1089049032123451234512345678901235", getEid.GetProperty("response").GetString());
        var eid = getEid.GetProperty("responseFields").EnumerateArray().Single(f => f.GetProperty("tag").GetString() == "5A");
        Assert.Equal("89049032123451234512345678901235", eid.GetProperty("value").GetString());
        Assert.Equal(1, eid.GetProperty("depth").GetInt32());
        Assert.EndsWith(".eidValue", eid.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, getEid.GetProperty("note").ValueKind);

        Assert.Equal("6A80", entries[2].GetProperty("sw").GetString());
        // The log ends while the last response waits for its GET RESPONSE: no status word, and a note saying so.
        Assert.Equal(JsonValueKind.Null, entries[3].GetProperty("sw").ValueKind);
        Assert.Equal("the log ends inside the response", entries[3].GetProperty("note").GetString());
    }

    [Fact]
    public void Trace_Json_GoldenDownload_NamesEveryStoreDataSequence()
    {
        var (code, output, err) = Run("trace", "--json", Golden("sgp22-download"));
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        var es10 = json.RootElement.GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "es10").Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Contains("AuthenticateServer", es10);
        Assert.Contains("LoadBoundProfilePackage (profile element segment)", es10);
        var (_, text, _) = Run("trace", Golden("sgp22-download"));
        Assert.Equal(text.Split('\n').Count(l => l.Contains("  ES10 ", StringComparison.Ordinal)), es10.Count);
    }

    [Fact]
    public void Trace_SkipsServeLogLines_ButStillRefusesOtherText()
    {
        var lines = ServeCommand.LogLinePrefixes.Select(p => p + "x").ToList();
        var path = Write(string.Join('\n', lines) + "\n> 80E2910003BF2E00\n< BF2E12801000112233445566778899AABBCCDDEEFF9000\n");
        var (code, output, err) = Run("trace", path);
        Assert.True(code == 0, err);
        Assert.Contains("euiccChallenge", output, StringComparison.Ordinal);
        Assert.NotEqual(0, Run("trace", Write("vpcd2: x\n")).Code);
    }

    [Fact]
    public void Trace_AlternatingHexLines_AreCommandThenResponse()
    {
        var path = Write("80E2910003BF2E00\nBF2E12801000112233445566778899AABBCCDDEEFF9000\n");
        var (code, output, _) = Run("trace", path);
        Assert.Equal(0, code);
        Assert.Contains("euiccChallenge: 00112233445566778899AABBCCDDEEFF", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("> 80E2910003BF2E00\n< 9000\nzz top\n", ":3: expected")]
    [InlineData("< 9000\n", ":1: a response without a command")]
    [InlineData("> 80E2910003BF2E00\n> 80E2910003BF2E00\n", ":2: a command follows the command on line 1")]
    [InlineData("> 80E2910003BF2E00\n", ":1: a command without a response")]
    [InlineData("> 80E2910003BF2E00\n< 90\n", ":2: a response needs at least a status word")]
    public void Trace_BadInput_NamesFileAndLine(string text, string expected)
    {
        var path = Write(text);
        var (code, _, err) = Run("trace", path);
        Assert.NotEqual(0, code);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(path + expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_PackageResult_NamesGetRatByPath_NotAsACertificate()
    {
        // The example: a getRAT result A6 inside an eUICC Package Result, with an ICCID in the request.
        var signature = "5F3740" + new string('0', 128);
        var path = Write($"""
            > 80E29100{(0x6F):X2}BF516D30288001655A1089049032123451234512345678901235810101A00EA30C5A0A98001032547698103214{signature}
            < BF5167A06530208001658101018301023015A613301180020560A10730058003EEEEEE82020780{signature}9000
            """);
        var (code, output, _) = Run("trace", path);
        Assert.Equal(0, code);
        Assert.Contains("A6 getRATResult", output, StringComparison.Ordinal);
        Assert.Contains("80 pprIds: 0560 {ppr1, ppr2}", output, StringComparison.Ordinal);
        Assert.Contains("A0 euiccPackageResultSigned", output, StringComparison.Ordinal);
        Assert.Contains("5A iccid: 89000123456789012341", output, StringComparison.Ordinal);
        Assert.DoesNotContain("euiccCertificate", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_Sgp32V10_NamesEnableUsingDD()
    {
        var path = Write("> 80E2910003BF5A00\n< BF5A038001049000\n");
        var (code, output, _) = Run("trace", path, "--sgp32", "1.0");
        Assert.Equal(0, code);
        Assert.Contains("ES10 EnableUsingDD", output, StringComparison.Ordinal);
        Assert.Contains("80 enableUsingDDResult: 4 (noSessionContext)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_MissingFile_IsAnError()
    {
        var (code, _, err) = Run("trace", Path.Combine(_dir, "absent.log"));
        Assert.Equal(2, code);
        Assert.Contains("absent.log: no such file", err, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
