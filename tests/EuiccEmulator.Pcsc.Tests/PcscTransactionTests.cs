using System.Collections.Concurrent;
using EuiccEmulator.Card;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Pcsc.Tests.Support;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Pcsc.Tests;

/// <summary>
/// Two applications through one pcscd on the same card, as an LPA polling while a test script runs: one sends ES10
/// (SELECT ISD-R, GetEID, GET RESPONSE), the other UICC file commands (SELECT EF.ICCID, READ BINARY), both on the
/// basic channel, so any command of one landing inside the other's sequence would change its answers. Each sequence
/// runs in a PC/SC transaction; every answer is exact and each sequence reaches the card in one piece.
/// </summary>
[Collection("pcscd")]
public class PcscTransactionTests
{
    private const string Eid = "89049032123451234512345678901235";
    private const string ProfileIccid = "89000123456789012341";
    private const string IsdRAid = "A0000005591010FFFFFFFF8900000100";
    private const int Rounds = 40;
    private static readonly TimeSpan s_cardWait = TimeSpan.FromSeconds(10);

    private static readonly string[] Es10Sequence = ["00A4040C10" + IsdRAid, "80E2910006BF3E035C015A", "00C0000015"];
    private static readonly string[] Es10Answers = ["9000", "6115", "BF3E125A10" + Eid + "9000"];
    private static readonly string[] UiccSequence = ["00A4000C023F00", "00A4000C022FE2", "00B000000A"];

    [SkippableFact]
    public void Two_clients_in_transactions_interleave_ES10_and_UICC_commands_without_mixing()
    {
        using var gate = PcscdGate.Establish();

        using var euicc = new VirtualEuicc(new InMemoryCardStore(), CardIdentityFactory.Create(Rsp.Values.Eid.Parse(Eid)));
        EnableProfile(euicc);
        var seen = new ConcurrentQueue<string>();
        var recording = new RecordingCard(euicc.Card, seen);
        using var served = PcscdIntegrationTests.Serve(gate, recording, PcscdGate.Slot0, PcscdGate.Slot0Port);
        using var lpa = PcscCard.Open(PcscdGate.Slot0, s_cardWait);
        using var script = PcscCard.Open(PcscdGate.Slot0, s_cardWait);
        var uiccAnswers = new[] { "9000", "9000", Convert.ToHexString(Iccid.Parse(ProfileIccid).ToSwappedBcd()) + "9000" };
        while (seen.TryDequeue(out _))
        {
            // what connecting sent (none today) is not part of either sequence
        }

        var failures = new ConcurrentQueue<string>();
        using var start = new Barrier(2);
        var threads = new[]
        {
            new Thread(() => Client(lpa, Es10Sequence, Es10Answers, start, failures)),
            new Thread(() => Client(script, UiccSequence, uiccAnswers, start, failures)),
        };
        foreach (var t in threads) t.Start();
        foreach (var t in threads) Assert.True(t.Join(TimeSpan.FromSeconds(60)), "a client did not finish within 60 s");

        Assert.Empty(failures);
        // The card saw whole sequences only: each block of three commands is one client's sequence.
        var commands = seen.ToArray();
        Assert.Equal(2 * Rounds * 3, commands.Length);
        var es10Blocks = 0;
        for (var i = 0; i < commands.Length; i += 3)
        {
            var block = commands.AsSpan(i, 3).ToArray();
            if (block.SequenceEqual(Es10Sequence)) es10Blocks++;
            else Assert.Equal(UiccSequence, block);
        }
        Assert.Equal(Rounds, es10Blocks);
    }

    private static void Client(PcscCard card, string[] sequence, string[] answers, Barrier start, ConcurrentQueue<string> failures)
    {
        start.SignalAndWait();
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                using var transaction = card.BeginTransaction();
                for (var i = 0; i < sequence.Length; i++)
                {
                    var answer = Convert.ToHexString(card.Transmit(Convert.FromHexString(sequence[i])));
                    if (answer != answers[i]) failures.Enqueue($"round {round}: {sequence[i]} answered {answer}, expected {answers[i]}");
                }
            }
        }
#pragma warning disable CA1031 // reported to the test thread
        catch (Exception e)
#pragma warning restore CA1031
        {
            failures.Enqueue(e.GetType().Name + ": " + e.Message);
        }
    }

    private static void EnableProfile(VirtualEuicc euicc)
    {
        var upp = ProfilePackageBuilder.BuildUsim(new UsimProfileParameters
        {
            Iccid = Iccid.Parse(ProfileIccid),
            Imsi = "001010000000123",
            K = Convert.FromHexString("000102030405060708090A0B0C0D0E0F"),
            Opc = Convert.FromHexString("101112131415161718191A1B1C1D1E1F"),
        });
        euicc.Engine.AddPreLoadedProfile(new ProfileRecord
        {
            Iccid = Iccid.Parse(ProfileIccid),
            IsdpAid = [],
            ServiceProviderName = "SP",
            ProfileName = "Transactions",
            ProfileClass = ProfileClass.Operational,
        }, upp);
        euicc.Card.PowerOn();
        var swapped = Convert.ToHexString(Iccid.Parse(ProfileIccid).ToSwappedBcd());
        Assert.Equal("9000", Convert.ToHexString(euicc.Card.Transmit(Convert.FromHexString("00A4040C10" + IsdRAid))));
        var enable = Convert.ToHexString(euicc.Card.Transmit(Convert.FromHexString($"80E2910014BF3111A00C5A0A{swapped}810100")));
        Assert.True(enable.StartsWith("61", StringComparison.Ordinal) || enable == "9000", "EnableProfile: " + enable);
        euicc.Card.PowerOff();
    }

    /// <summary>Records every command the card receives, in arrival order.</summary>
    private sealed class RecordingCard(ICard inner, ConcurrentQueue<string> seen) : ICard
    {
        public ReadOnlyMemory<byte> Atr => inner.Atr;

        public void PowerOn() => inner.PowerOn();

        public void PowerOff() => inner.PowerOff();

        public void Reset() => inner.Reset();

        public byte[] Transmit(ReadOnlySpan<byte> commandApdu)
        {
            seen.Enqueue(Convert.ToHexString(commandApdu));
            return inner.Transmit(commandApdu);
        }
    }
}
