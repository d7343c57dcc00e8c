using EuiccEmulator.Card;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Peers.Tests.Support;
using EuiccEmulator.Rsp.Pki;
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
        Assert.Equal("00A4040010A0000005591010FFFFFFFF8900000100".Replace("00A4", "01A4", StringComparison.Ordinal), Convert.ToHexString(card.Commands[1]));

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

    [Theory]
    [InlineData(false, 120)]
    [InlineData(true, 255)]
    public void Driver_ScriptedCard_InstallsAndVerifiesEverySignature(bool withPpk, int blockSize)
    {
        using var card = new ScriptedEuicc();
        var driver = new DownloadDriver(new Es10Client(card, new Es10ClientOptions { BlockSize = blockSize }), new TestSmdp());
        var result = driver.Run(new DownloadRequest { Upp = new byte[3000], Metadata = Session.Metadata(), WithPpk = withPpk, ConfirmationCode = "1234" });
        Assert.True(result.Success, result.Problem);
        Assert.Equal(ScriptedCardSide.IsdpAid, result.IsdpAid);
        Assert.Equal(new byte[3000], card.Side.Profile);
        Assert.Equal(
            [DownloadStepKind.GetEuiccInfo1, DownloadStepKind.GetEuiccChallenge, DownloadStepKind.AuthenticateServer, DownloadStepKind.PrepareDownload],
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
                .Run(new DownloadRequest { Upp = Session.TinyUpp(), Metadata = Session.Metadata(), Faults = new SmdpFaults { WrongEuiccChallenge = true } });
            Assert.False(result.Success);
            Assert.Equal(DownloadStepKind.AuthenticateServer, result.FailedStep);
            Assert.Equal(6, result.ErrorCode);
        }
        using (var card = new ScriptedEuicc())
        {
            var result = new DownloadDriver(new Es10Client(card), new TestSmdp())
                .Run(new DownloadRequest { Upp = Session.TinyUpp(), Metadata = Session.Metadata(), Faults = new SmdpFaults { BadMacInProtectedTlv = 2 } });
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
        var result = new DownloadDriver(new Es10Client(card), smdp).Run(new DownloadRequest { Upp = Session.TinyUpp(), Metadata = Session.Metadata() });
        Assert.False(result.Success);
        Assert.Equal(DownloadStepKind.AuthenticateServer, result.FailedStep);
    }
}
