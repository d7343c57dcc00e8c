using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Peers.Tests.Support;

/// <summary>Deterministic helpers: counting "random" bytes and a session run up to a chosen point against the scripted card.</summary>
internal static class Session
{
    public const string Iccid = "89000123456789012341";

    /// <summary>Each call returns n bytes counting up from where the previous call stopped (00 01 02 ...).</summary>
    public static Func<int, byte[]> Counter()
    {
        var next = 0;
        return n => [.. Enumerable.Range(0, n).Select(_ => (byte)next++)];
    }

    public static TestSmdpOptions Options(SmdpFaults? faults = null) => new()
    {
        RandomBytes = Counter(),
        HostId = Convert.FromHexString("00112233445566778899AABBCCDDEEFF"),
        Faults = faults ?? SmdpFaults.None,
    };

    /// <summary>Runs GetEUICCChallenge, AuthenticateServer and PrepareDownload directly (no APDUs).</summary>
    public static (TestSmdp Smdp, ScriptedCardSide Card) Prepared(SmdpFaults? faults = null, string? confirmationCode = null)
    {
        var smdp = new TestSmdp(Options(faults));
        var card = new ScriptedCardSide();
        var challenge = TlvCodec.ReadSingle(TlvCodec.ReadSingle(card.Handle([0xBF, 0x2E, 0x00])).Value).Value.ToArray();
        var auth = smdp.VerifyAuthenticateServerResponse(card.Handle(smdp.BuildAuthenticateServerRequest(challenge, "MATCHING-ID")));
        Assert.True(auth.IsOk, auth.Problem);
        var prepare = smdp.VerifyPrepareDownloadResponse(card.Handle(smdp.BuildPrepareDownloadRequest(confirmationCode)));
        Assert.True(prepare.IsOk, prepare.Problem);
        return (smdp, card);
    }

    public static ProfileMetadata Metadata() => new()
    {
        Iccid = Rsp.Values.Iccid.Parse(Iccid),
        ServiceProviderName = "Test SP",
        ProfileName = "Test profile",
    };

    /// <summary>A small byte string standing in for a UPP (the BPP does not parse it).</summary>
    public static byte[] TinyUpp(int length = 40) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 7))];

    public static Eid CardEid => Eid.Parse(ScriptedCardSide.SharedIdentity.Value.Eid);
}
