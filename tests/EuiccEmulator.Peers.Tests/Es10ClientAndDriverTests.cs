using EuiccEmulator.Card;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Peers.Tests.Support;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.State;

namespace EuiccEmulator.Peers.Tests;

public class Es10ClientAndDriverTests
{
    [Fact]
    public void Send_ChainsBlocksWithP1P2AndFollows61xx()
    {
        using var card = new ScriptedEuicc { MaxResponseChunk = 50 };
        var client = new Es10Client(card, new Es10ClientOptions { BlockSize = 16, RecordTranscript = true });
        client.Open();
        Assert.Equal(1, client.Channel);
        Assert.Equal("00A4040010A0000005591010FFFFFFFF8900000100".Replace("00A4", "01A4", StringComparison.Ordinal),
            Convert.ToHexString(card.Commands[1]));

        var request = new byte[40];
        request[0] = 0xBF;
        request[1] = 0x20;
        request[2] = 37;
        var response = client.Send(request);
        Assert.True(response.IsSuccess);
        var storeData = card.Commands.Where(c => c[1] == 0xE2).ToList();
        Assert.Equal(["81E2110010", "81E2110110", "81E2910208"], storeData.Select(c => Convert.ToHexString(c.AsSpan(0, 5))));
        Assert.Equal(0xBF20, TlvCodec.ReadSingle(response.Data).Tag);
        Assert.Contains(client.Transcript, e => e.Command[1] == 0xC0 && e.Command[0] == 0x01);
    }

    // A card with a proactive command pending answers 91xx to every block, the intermediate ones included.
    [Fact]
    public void Send_GoesOnAfter91xxOnAnIntermediateBlock()
    {
        var card = new ProactivePendingCard();
        var client = new Es10Client(card, new Es10ClientOptions { BlockSize = 16, UseLogicalChannel = false });
        client.Open();
        var response = client.Send(new byte[40]);
        Assert.Equal(0x910B, response.StatusWord);
        Assert.True(response.IsSuccess);
        Assert.Equal("BF2000", Convert.ToHexString(response.Data));
        Assert.Equal(["80E2110010", "80E2110110", "80E2910208"], card.StoreData);
    }

    private sealed class ProactivePendingCard : EuiccEmulator.Iso7816.ICard
    {
        public List<string> StoreData { get; } = [];

        public ReadOnlyMemory<byte> Atr => new byte[] { 0x3B, 0x00 };

        public void PowerOn() { }

        public void PowerOff() { }

        public void Reset() { }

        public byte[] Transmit(ReadOnlySpan<byte> commandApdu)
        {
            if (commandApdu[1] != 0xE2) return [0x90, 0x00];
            StoreData.Add(Convert.ToHexString(commandApdu[..5]));
            return commandApdu[2] == 0x91 ? [0xBF, 0x20, 0x00, 0x91, 0x0B] : [0x91, 0x0B];
        }
    }

    [Fact]
    public void Send_VirtualEuicc_GetEuiccChallengeOnLogicalChannel()
    {
        using var euicc = new VirtualEuicc(new InMemoryCardStore(), ScriptedCardSide.SharedIdentity.Value);
        euicc.Card.PowerOn();
        var client = new Es10Client(euicc.Card, new Es10ClientOptions { BlockSize = 1 });
        client.Open();
        var response = client.Send([0xBF, 0x2E, 0x00]);
        Assert.Equal(0x9000, response.StatusWord);
        var challenge = TlvCodec.ReadSingle(TlvCodec.ReadSingle(response.Data).Value);
        Assert.Equal(0x80, challenge.Tag);
        Assert.Equal(16, challenge.Value.Length);
        client.Close();
    }

    // ISO 7816-4 §5.1: a block over 255 bytes goes in an extended-length STORE DATA (Lc 00 XX XX) and Le '0000'
    // brings the answer in the same exchange, for a card whose ATR announces extended Lc/Le.
    [Fact]
    public void Send_ExtendedLengthBlocks_DownloadWithoutGetResponse()
    {
        using var euicc = new VirtualEuicc(new InMemoryCardStore(), ScriptedCardSide.SharedIdentity.Value);
        euicc.Card.PowerOn();
        var client = new Es10Client(euicc.Card, new Es10ClientOptions { BlockSize = 4096, SendLe = true, RecordTranscript = true });
        var upp = ProfilePackageBuilder.BuildUsim(new UsimProfileParameters
        {
            Iccid = Session.Metadata().Iccid, Imsi = "001010000000001", K = new byte[16], Opc = new byte[16], TargetSize = 3000,
        });
        var result = new DownloadDriver(client, new TestSmdp()).Run(new DownloadRequest { Upp = upp, Metadata = Session.Metadata() });
        Assert.True(result.Success, result.Problem);
        var storeData = client.Transcript.Where(e => e.Command[1] == 0xE2).ToList();
        Assert.All(storeData, e => Assert.Equal(0x00, e.Command[4]));
        var big = storeData.First(e => e.Command.Length > 7 + 255);
        Assert.Equal(big.Command.Length - 9, big.Command[5] << 8 | big.Command[6]);
        Assert.Equal([0x00, 0x00], big.Command[^2..]);
        // Only the SELECT of the ISD-R, sent without Le, has its FCI fetched by GET RESPONSE.
        Assert.DoesNotContain(client.Transcript.SkipWhile(e => e.Command[1] != 0xE2), e => e.Command[1] == 0xC0);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Es10Client(euicc.Card, new Es10ClientOptions { BlockSize = 65536 }));
    }

    [Theory]
    [InlineData(false, 120)]
    [InlineData(true, 255)]
    public void Driver_ScriptedCard_InstallsAndVerifiesEverySignature(bool withPpk, int blockSize)
    {
        using var card = new ScriptedEuicc();
        var driver = new DownloadDriver(new Es10Client(card, new Es10ClientOptions { BlockSize = blockSize }), new TestSmdp());
        var result = driver.Run(
            new DownloadRequest { Upp = new byte[3000], Metadata = Session.Metadata(), WithPpk = withPpk, ConfirmationCode = "1234" });
        Assert.True(result.Success, result.Problem);
        Assert.Equal(ScriptedCardSide.IsdpAid, result.IsdpAid);
        Assert.Equal(new byte[3000], card.Side.Profile);
        Assert.Equal(
            [DownloadStepKind.GetEuiccInfo1, DownloadStepKind.GetEuiccChallenge, DownloadStepKind.AuthenticateServer,
                DownloadStepKind.PrepareDownload],
            result.Steps.Take(4).Select(s => s.Kind));
        Assert.Equal(result.Package!.Segments.Count, result.Steps.Count(s => s.Kind == DownloadStepKind.LoadBoundProfilePackage));
        Assert.NotNull(result.ProfileInstallationResult);
    }

    [Fact]
    public void Driver_Faults_ReportStepAndCode()
    {
        using (var card = new ScriptedEuicc())
        {
            var result = new DownloadDriver(new Es10Client(card), new TestSmdp())
                .Run(new DownloadRequest { Upp = Session.TinyUpp(), Metadata = Session.Metadata(),
                    Faults = new SmdpFaults { WrongEuiccChallenge = true } });
            Assert.False(result.Success);
            Assert.Equal(DownloadStepKind.AuthenticateServer, result.FailedStep);
            Assert.Equal(6, result.ErrorCode);
        }
        using (var card = new ScriptedEuicc())
        {
            var result = new DownloadDriver(new Es10Client(card), new TestSmdp())
                .Run(new DownloadRequest { Upp = Session.TinyUpp(), Metadata = Session.Metadata(),
                    Faults = new SmdpFaults { BadMacInProtectedTlv = 2 } });
            Assert.False(result.Success);
            Assert.Equal(DownloadStepKind.LoadBoundProfilePackage, result.FailedStep);
            Assert.Equal(8, result.ErrorCode);
            Assert.Equal(PeerOutcome.CardError, result.Installation!.Outcome);
        }
    }

    [Fact]
    public void Driver_BrainpoolSmdp_AgainstNistCard_IsRejectedByPeerOrCard()
    {
        using var card = new ScriptedEuicc();
        var smdp = new TestSmdp(new TestSmdpOptions { Curve = EcCurve.BrainpoolP256r1 });
        var result = new DownloadDriver(new Es10Client(card), smdp)
            .Run(new DownloadRequest { Upp = Session.TinyUpp(), Metadata = Session.Metadata() });
        Assert.False(result.Success);
        Assert.Equal(DownloadStepKind.AuthenticateServer, result.FailedStep);
    }
}
