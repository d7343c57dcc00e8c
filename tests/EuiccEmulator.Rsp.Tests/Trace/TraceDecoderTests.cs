using EuiccEmulator.Rsp.Trace;

namespace EuiccEmulator.Rsp.Tests.Trace;

/// <summary>The entries are the text output as data: one per function or command, in the log's order.</summary>
public sealed class TraceDecoderTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Entries_follow_the_text_and_mark_an_abandoned_response()
    {
        File.WriteAllLines(_path,
        [
            "> 01A4040C10A0000005591010FFFFFFFF8900000100", "< 9000",
            "> 81E2910003BF2D00", "< 6140",
            "> 81E2910006BF3E035C015A", "< 6115",
            "> 01C0000015", "< BF3E125A10890490321234512345123456789012359000",
            "> 00B0000000", "< 6A82",
            "> 0012", "< 6700",
        ]);
        var text = new StringWriter();
        var count = TraceDecoder.Decode(_path, text);

        var entries = TraceDecoder.DecodeEntries(_path, out var exchanges);

        Assert.Equal(count, exchanges);
        Assert.Equal(
            [TraceEntryKind.Select, TraceEntryKind.Es10, TraceEntryKind.Es10, TraceEntryKind.Command, TraceEntryKind.Malformed],
            entries.Select(e => e.Kind));
        Assert.Equal([1, 1, 1, 0], entries.Take(4).Select(e => e.Channel));
        var profiles = entries[1];
        Assert.Equal("GetProfilesInfo", profiles.Name);
        Assert.Null(profiles.StatusWord);
        Assert.Equal("response abandoned after 0 bytes", profiles.Note);
        Assert.Contains("response of GetProfilesInfo abandoned", text.ToString(), StringComparison.Ordinal);
        var eid = entries[2];
        Assert.Equal((ushort)0x9000, eid.StatusWord);
        Assert.Equal("BF3E035C015A", Convert.ToHexString(eid.Request!));
        Assert.Contains(eid.ResponseFields, f => f.Name == "eidValue" && f.Value == "89049032123451234512345678901235");
        Assert.Equal((ushort)0x6A82, entries[3].StatusWord);
        Assert.Equal("malformed command", entries[4].Name);
    }
}
