using EuiccEmulator.Card;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Pcsc.Tests.Support;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Pcsc.Tests;

/// <summary>
/// Through a real pcscd: an in-process card on a vpcd slot, driven with <see cref="PcscCard"/>.
/// One collection, so no two tests use a vpcd slot at the same time.
/// </summary>
[Collection("pcscd")]
public class PcscdIntegrationTests
{
    private const string Eid = "89049032123451234512345678901235";
    private const string IsdRAid = "A0000005591010FFFFFFFF8900000100";
    private static readonly TimeSpan s_cardWait = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public void VirtualEuicc_ChannelSelectAndGetEid_ExactBytes()
    {
        using var gate = PcscdGate.Establish();

        using var euicc = new VirtualEuicc(new InMemoryCardStore(), CardIdentityFactory.Create(Rsp.Values.Eid.Parse(Eid)));
        using var served = Serve(gate, euicc.Card, PcscdGate.Slot0, PcscdGate.Slot0Port);
        using var card = PcscCard.Open(PcscdGate.Slot0, s_cardWait);

        Assert.Equal(PcscdGate.Slot0, card.Reader);
        Assert.Equal(euicc.Card.Atr.ToArray(), card.Atr.ToArray());
        Assert.Equal(PcscProtocols.T0, card.ActiveProtocol); // the emulator's ATR offers T=0 only

        // ISO 7816-4 §11.1.2 MANAGE CHANNEL open: the card assigns the channel.
        var open = card.Transmit(Hex("0070000001"));
        Assert.Equal(3, open.Length);
        Assert.Equal("9000", Convert.ToHexString(open, 1, 2));
        var channel = open[0];
        Assert.InRange(channel, 1, 3); // basic CLA coding; a fresh card hands out channel 1
        var cla = "0" + channel.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var proprietaryCla = "8" + channel.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // SELECT ISD-R without Le: T=0 case 3, the raw 61xx comes back untouched.
        var select = Send(card, cla + "A4040010" + IsdRAid);
        Assert.StartsWith("61", select, StringComparison.Ordinal);
        var fci = Send(card, cla + "C00000" + select[2..]);
        Assert.StartsWith("6F", fci, StringComparison.Ordinal);
        Assert.Contains("8410" + IsdRAid, fci, StringComparison.Ordinal);
        Assert.EndsWith("9000", fci, StringComparison.Ordinal);

        // SGP.22 §5.7.20 GetEID: STORE DATA (GlobalPlatform §11.11) with BF3E {5C 5A}, answer by GET RESPONSE.
        Assert.Equal("6115", Send(card, proprietaryCla + "E2910006BF3E035C015A"));
        Assert.Equal("BF3E125A10" + Eid + "9000", Send(card, cla + "C0000015"));

        Assert.Equal("9000", Send(card, "007080" + channel.ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + "00"));
        Assert.Equal("6881", Send(card, proprietaryCla + "E2910006BF3E035C015A")); // channel closed
    }

    [SkippableFact]
    public void VirtualEuicc_ResetAndPowerCycle_CloseChannels()
    {
        using var gate = PcscdGate.Establish();

        using var euicc = new VirtualEuicc(new InMemoryCardStore(), CardIdentityFactory.Create(Rsp.Values.Eid.Parse(Eid)));
        using var served = Serve(gate, euicc.Card, PcscdGate.Slot0, PcscdGate.Slot0Port);
        using var card = PcscCard.Open(0, s_cardWait);
        Assert.Equal(PcscdGate.Slot0, card.Reader);

        Assert.Equal("019000", Send(card, "0070000001"));
        card.Reset();
        Assert.Equal(euicc.Card.Atr.ToArray(), card.Atr.ToArray());
        Assert.Equal("6881", Send(card, "01A4040010" + IsdRAid)); // ISO 7816-4 logical channels: a reset leaves only the basic channel open

        Assert.Equal("019000", Send(card, "0070000001"));
        card.PowerOff();
        Assert.False(card.IsConnected);
        Assert.True(card.Atr.IsEmpty);
        var off = Assert.Throws<PcscException>(() => card.Transmit(Hex("0070000001")));
        Assert.Equal(PcscError.UnpoweredCard, off.Error);

        card.PowerOn();
        Assert.True(card.IsConnected);
        Assert.Equal(euicc.Card.Atr.ToArray(), card.Atr.ToArray());
        Assert.Equal("6881", Send(card, "01A4040010" + IsdRAid));
    }

    [SkippableFact]
    public void FakeCard_RawT0StatusWords_AndLongResponses_PassUnchanged()
    {
        using var gate = PcscdGate.Establish();

        byte[] big = [.. Enumerable.Range(0, 4096).Select(i => (byte)i), 0x90, 0x00];
        var fake = new FakeCard
        {
            Responder = command => Convert.ToHexString(command) switch
            {
                "80CA00FF00" => Hex("6C20"),
                "80E2910003BF2D00" => Hex("61FF"),
                "80B0000000" => big,
                _ => Hex("6D00"),
            },
        };
        using var served = Serve(gate, fake, PcscdGate.Slot1, PcscdGate.Slot1Port);
        Assert.True(gate.GetStatus(PcscdGate.Slot1).CardPresent);
        using var card = gate.Connect(PcscdGate.Slot1);

        Assert.Equal(FakeCard.DefaultAtr, card.Atr.ToArray());
        Assert.Equal("6C20", Send(card, "80CA00FF00"));
        Assert.Equal("61FF", Send(card, "80E2910003BF2D00"));
        Assert.Equal("6D00", Send(card, "00B0"));
        Assert.Equal(big, card.Transmit(Hex("80B0000000")));
        Assert.Contains("Transmit 80E2910003BF2D00", fake.Calls);
    }

    [SkippableFact]
    public void FakeCard_PowerEvents_ReachTheCard()
    {
        using var gate = PcscdGate.Establish();

        var fake = new FakeCard();
        using var served = Serve(gate, fake, PcscdGate.Slot1, PcscdGate.Slot1Port);
        using var card = gate.Connect(PcscdGate.Slot1);

        fake.ClearCalls();
        card.Reset();
        Assert.Contains("Reset", fake.Calls);

        fake.ClearCalls();
        card.PowerOn(); // connected already: cold reset
        Assert.Equal(["PowerOff", "PowerOn"], fake.Calls.Where(c => c.StartsWith("Power", StringComparison.Ordinal)));

        fake.ClearCalls();
        card.PowerOff();
        WaitFor(() => fake.Calls.Contains("PowerOff"), "PowerOff at the card"); // a control code without answer: no ordering
        card.PowerOn();
        Assert.Equal("9000", Send(card, "00A40000023F00"));
    }

    [SkippableFact]
    public void EmptySlot_ConnectWaitAndOpen_FailWithTheReaderNamed()
    {
        using var gate = PcscdGate.Establish();

        WaitUntilEmpty(gate, PcscdGate.Slot1);
        Assert.False(gate.WaitForCard(PcscdGate.Slot1, TimeSpan.FromMilliseconds(300)));

        var connect = Assert.Throws<PcscException>(() => gate.Connect(PcscdGate.Slot1));
        Assert.Equal(PcscError.NoSmartcard, connect.Error);
        Assert.Equal(
            "SCardConnect on reader 'Virtual PCD 00 01' failed: SCARD_E_NO_SMARTCARD (0x8010000C), no card in the reader",
            connect.Message);

        var open = Assert.Throws<PcscException>(() => PcscCard.Open("virtual pcd 00 01", TimeSpan.FromMilliseconds(300)));
        Assert.Equal(PcscError.Timeout, open.Error);
        Assert.Equal(
            "waiting for a card on reader 'Virtual PCD 00 01' failed: SCARD_E_TIMEOUT (0x8010000A), timed out; no card within 0.3 s",
            open.Message);

        var unknown = Assert.Throws<PcscException>(() => PcscCard.Open("No Such Reader"));
        Assert.Equal(PcscError.UnknownReader, unknown.Error);
        Assert.Contains("'Virtual PCD 00 00', 'Virtual PCD 00 01'", unknown.Message, StringComparison.Ordinal);

        var status = Assert.Throws<PcscException>(() => gate.GetStatus("No Such Reader"));
        Assert.Equal(PcscError.UnknownReader, status.Error);
    }

    [SkippableFact]
    public void WaitForCard_Cancelled_Throws()
    {
        using var gate = PcscdGate.Establish();

        WaitUntilEmpty(gate, PcscdGate.Slot1);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var started = DateTime.UtcNow;
        Assert.ThrowsAny<OperationCanceledException>(() => gate.WaitForCard(PcscdGate.Slot1, TimeSpan.FromSeconds(30), cts.Token));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [SkippableFact]
    public void CardRemoved_WhileConnected_TransmitNamesRemoval()
    {
        using var gate = PcscdGate.Establish();

        var fake = new FakeCard();
        PcscCard card;
        using (Serve(gate, fake, PcscdGate.Slot1, PcscdGate.Slot1Port))
        {
            card = gate.Connect(PcscdGate.Slot1);
            Assert.Equal("9000", Send(card, "00A40000023F00"));
        }

        using (card)
        {
            WaitUntilEmpty(gate, PcscdGate.Slot1);
            var removed = Assert.Throws<PcscException>(() => card.Transmit(Hex("00A40000023F00")));
            Assert.Equal(PcscError.RemovedCard, removed.Error);
            Assert.Contains("SCardTransmit on reader 'Virtual PCD 00 01' failed: SCARD_W_REMOVED_CARD", removed.Message,
                StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Serves <paramref name="card"/> on a vpcd slot once pcscd has seen the previous card go, so a wait cannot
    /// succeed on the stale state of the card before.
    /// </summary>
    internal static VpcdCard Serve(PcscContext context, ICard card, string reader, int port)
    {
        WaitUntilEmpty(context, reader);
        var served = new VpcdCard(card, port);
        if (!context.WaitForCard(reader, s_cardWait))
        {
            served.Dispose();
            Assert.Fail($"no card in '{reader}' within {s_cardWait.TotalSeconds} s of serving one on port {port}");
        }

        return served;
    }

    private static void WaitUntilEmpty(PcscContext context, string reader) =>
        WaitFor(() => !context.GetStatus(reader).CardPresent, reader + " empty");

    private static void WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + s_cardWait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            Thread.Sleep(20);
        }
    }

    private static string Send(PcscCard card, string hex) => Convert.ToHexString(card.Transmit(Hex(hex)));

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);
}
