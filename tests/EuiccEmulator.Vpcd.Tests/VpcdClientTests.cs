using System.Diagnostics;
using EuiccEmulator.Vpcd.Tests.Support;
using static EuiccEmulator.Vpcd.Tests.Support.VpcdConnection;

namespace EuiccEmulator.Vpcd.Tests;

public sealed class VpcdClientTests
{
    // SGP.22 §5.7.20 GetEID as sent by an LPA on channel 1, and a card answer with the SGP.26 test EID.
    private const string GetEidCommand = "81E2910006BF3E035C015A";
    private const string GetEidResponse = "BF3E125A1089049032123451234512345678901235" + "9000";

    [Fact]
    public async Task GetAtr_Connected_RepliesWithExactAtrFrame()
    {
        await using var h = ClientHarness.Start();
        using var vpcd = await h.Vpcd.AcceptAsync();

        await vpcd.SendControlAsync(GetAtr);
        var frame = await vpcd.ReceiveRawFrameAsync();

        Assert.Equal("0013" + "3B9F96803FC7A08031E073FE211F6400000000", Convert.ToHexString(frame));
        Assert.Empty(h.Card.Calls);
    }

    [Fact]
    public async Task GetAtr_EmptyAtr_SendsEmptyFrameMeaningRemoved()
    {
        await using var h = ClientHarness.Start();
        h.Card.Atr = ReadOnlyMemory<byte>.Empty;
        using var vpcd = await h.Vpcd.AcceptAsync();

        await vpcd.SendControlAsync(GetAtr);

        Assert.Equal("0000", Convert.ToHexString(await vpcd.ReceiveRawFrameAsync()));
    }

    [Fact]
    public async Task PowerOn_ControlCode_CallsCardPowerOnWithoutReply()
    {
        await using var h = ClientHarness.Start();
        using var vpcd = await h.Vpcd.AcceptAsync();

        await vpcd.SendControlAsync(PowerOn);
        var next = await vpcd.GetAtrAsync(); // the first frame back must be the ATR: power on has no answer

        Assert.Equal(FakeCard.DefaultAtr, next);
        Assert.Equal(["PowerOn"], h.Card.Calls);
        Assert.Contains(VpcdEventKind.PowerOn, h.Events.Kinds);
    }

    [Fact]
    public async Task Reset_ControlCode_CallsCardResetWithoutReply()
    {
        await using var h = ClientHarness.Start();
        using var vpcd = await h.Vpcd.AcceptAsync();

        await vpcd.SendControlAsync(PowerOn);
        await vpcd.SendControlAsync(Reset);
        var next = await vpcd.GetAtrAsync();

        Assert.Equal(FakeCard.DefaultAtr, next);
        Assert.Equal(["PowerOn", "Reset"], h.Card.Calls);
    }

    [Fact]
    public async Task PowerOff_ControlCode_CallsCardPowerOffOnceEvenAfterShutdown()
    {
        await using var h = ClientHarness.Start();
        using var vpcd = await h.Vpcd.AcceptAsync();

        await vpcd.SendControlAsync(PowerOn);
        await vpcd.SendControlAsync(PowerOff);
        await vpcd.GetAtrAsync();
        await h.StopAsync();

        Assert.Equal(["PowerOn", "PowerOff"], h.Card.Calls);
    }

    [Fact]
    public async Task Transmit_GetEidStoreData_RepliesWithExactResponseFrame()
    {
        await using var h = ClientHarness.Start();
        h.Card.Responder = command => Convert.ToHexString(command) == GetEidCommand
            ? Convert.FromHexString(GetEidResponse)
            : [0x6D, 0x00];
        using var vpcd = await h.Vpcd.AcceptAsync();

        await vpcd.SendControlAsync(PowerOn);
        await vpcd.SendApduAsync(Convert.FromHexString(GetEidCommand));
        var frame = await vpcd.ReceiveRawFrameAsync();

        Assert.Equal("0017" + GetEidResponse, Convert.ToHexString(frame));
        Assert.Equal(["PowerOn", "Transmit " + GetEidCommand], h.Card.Calls);
    }

    [Theory]
    [InlineData(4, 2)] // case 1 header only, SW only
    [InlineData(261, 258)] // short Lc 255 + Le, 256 data + SW
    [InlineData(4007, 6002)] // extended Lc, extended response
    [InlineData(65535, 65535)] // largest frame both ways
    public async Task Transmit_LargeApdu_RoundTripsWholePayload(int commandLength, int responseLength)
    {
        await using var h = ClientHarness.Start();
        var command = Pattern(commandLength, seed: 1);
        command[0] = 0x80;
        command[1] = 0xE2;
        var response = Pattern(responseLength, seed: 7);
        response[^2] = 0x90;
        response[^1] = 0x00;
        h.Card.Responder = _ => response;
        using var vpcd = await h.Vpcd.AcceptAsync();

        await vpcd.SendApduAsync(command);
        var frame = await vpcd.ReceiveRawFrameAsync();

        Assert.Equal(responseLength >> 8, frame[0]);
        Assert.Equal(responseLength & 0xFF, frame[1]);
        Assert.Equal(response, frame[2..]);
        Assert.Equal(["Transmit " + Convert.ToHexString(command)], h.Card.Calls);
    }

    [Fact]
    public async Task Frames_SplitIntoSingleBytes_AreReassembled()
    {
        await using var h = ClientHarness.Start();
        using var vpcd = await h.Vpcd.AcceptAsync();
        byte[] bytes = [.. Frame([GetAtr]), .. Frame(Convert.FromHexString(GetEidCommand))];

        foreach (var b in bytes)
        {
            await vpcd.SendRawAsync([b]);
            await Task.Delay(2);
        }

        Assert.Equal(FakeCard.DefaultAtr, await vpcd.ReceivePayloadAsync());
        Assert.Equal(GetEidCommand + "9000", Convert.ToHexString(await vpcd.ReceivePayloadAsync()));
    }

    [Fact]
    public async Task Transmit_PeerWritesLengthAndPayloadSeparatelyWithNagle_NoDelayedAckStall()
    {
        await using var h = ClientHarness.Start();
        using var vpcd = await h.Vpcd.AcceptAsync(noDelay: false);
        var command = Convert.FromHexString(GetEidCommand);
        var roundTrips = new List<double>();

        for (var i = 0; i < 21; i++)
        {
            var watch = Stopwatch.StartNew();
            await vpcd.SendFrameInTwoWritesAsync(command);
            await vpcd.ReceivePayloadAsync();
            roundTrips.Add(watch.Elapsed.TotalMilliseconds);
        }

        // Without an immediate ACK of the length, Nagle on the peer holds the payload for the
        // delayed-ACK timer (about 40 ms on Linux) on every exchange, so even the fastest would stall;
        // the third fastest leaves room for a loaded machine.
        roundTrips.Sort();
        Assert.True(roundTrips[2] < 20, $"third fastest round trip {roundTrips[2]:F1} ms");
    }

    [Fact]
    public async Task Frames_PipelinedInOneSegment_AreAnsweredInOrder()
    {
        await using var h = ClientHarness.Start();
        using var vpcd = await h.Vpcd.AcceptAsync();

        await vpcd.SendRawAsync(
            [.. Frame([PowerOn]), .. Frame([GetAtr]), .. Frame([0x00, 0x70, 0x00, 0x00, 0x01]), .. Frame([0x01, 0xC0, 0x00, 0x00, 0x10])]);

        Assert.Equal(FakeCard.DefaultAtr, await vpcd.ReceivePayloadAsync());
        Assert.Equal("00700000019000", Convert.ToHexString(await vpcd.ReceivePayloadAsync()));
        Assert.Equal("01C00000109000", Convert.ToHexString(await vpcd.ReceivePayloadAsync()));
        Assert.Equal(["PowerOn", "Transmit 0070000001", "Transmit 01C0000010"], h.Card.Calls);
    }

    [Fact]
    public async Task Transmit_TwoBytePayload_PassedToCardAsApdu()
    {
        await using var h = ClientHarness.Start();
        h.Card.Responder = _ => [0x67, 0x00];
        using var vpcd = await h.Vpcd.AcceptAsync();

        var answer = await vpcd.TransmitAsync([0x00, 0xA4]);

        Assert.Equal("6700", Convert.ToHexString(answer));
        Assert.Equal(["Transmit 00A4"], h.Card.Calls);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public async Task Transmit_ResponseCannotBeFramed_Replies6F00(int responseLength)
    {
        await using var h = ClientHarness.Start();
        h.Card.Responder = _ => new byte[responseLength];
        using var vpcd = await h.Vpcd.AcceptAsync();

        var frame = await vpcd.TransmitAsync(Convert.FromHexString(GetEidCommand));

        Assert.Equal("6F00", Convert.ToHexString(frame));
        Assert.Equal(1, h.Events.Count(VpcdEventKind.ResponseNotFramable));
    }

    [Fact]
    public async Task ApduObserver_Exchange_SeesCommandAndSentResponse()
    {
        await using var h = ClientHarness.Start();
        h.Card.Responder = _ => Convert.FromHexString(GetEidResponse);
        using var vpcd = await h.Vpcd.AcceptAsync();

        await vpcd.TransmitAsync(Convert.FromHexString(GetEidCommand));
        await vpcd.GetAtrAsync(); // the observer runs after the send; the next answered frame orders it before us

        Assert.Equal([(GetEidCommand, GetEidResponse)], h.Apdus);
    }

    [Fact]
    public async Task UnknownControlCode_Received_IgnoredAndConnectionKept()
    {
        await using var h = ClientHarness.Start();
        using var vpcd = await h.Vpcd.AcceptAsync();

        await vpcd.SendControlAsync(3);
        var next = await vpcd.GetAtrAsync();

        Assert.Equal(FakeCard.DefaultAtr, next);
        Assert.Empty(h.Card.Calls);
        Assert.Equal(1, h.Events.Count(VpcdEventKind.UnknownControlCode));
        Assert.Equal(1, h.Events.Count(VpcdEventKind.Connected));
    }

    [Fact]
    public async Task ZeroLengthFrame_Received_DropsConnectionAndReconnects()
    {
        await using var h = ClientHarness.Start();
        using (var first = await h.Vpcd.AcceptAsync())
        {
            await first.SendControlAsync(PowerOn);
            await first.SendRawAsync([0x00, 0x00]);
            Assert.True(await first.IsClosedByClientAsync());
        }

        using var second = await h.Vpcd.AcceptAsync();
        var answer = await second.TransmitAsync(Convert.FromHexString(GetEidCommand));

        Assert.Equal(GetEidCommand + "9000", Convert.ToHexString(answer));
        Assert.Equal(1, h.Events.Count(VpcdEventKind.MalformedFrame));
        Assert.Equal(2, h.Events.Count(VpcdEventKind.Connected));
        Assert.Equal(["PowerOn", "PowerOff", "Transmit " + GetEidCommand], h.Card.Calls); // drop = card removal
    }

    [Fact]
    public async Task ServerGoneAndBack_AfterWorkingSession_ClientRetriesAndReconnects()
    {
        await using var h = ClientHarness.Start();
        using (var first = await h.Vpcd.AcceptAsync())
        {
            await first.GetAtrAsync();
            h.Vpcd.StopListening();
        }

        await h.Events.WaitForAsync(VpcdEventKind.Retrying, count: 2);
        h.Vpcd.Restart();
        using var second = await h.Vpcd.AcceptAsync();
        var atr = await second.GetAtrAsync();

        Assert.Equal(FakeCard.DefaultAtr, atr);
        Assert.Equal(2, h.Events.Count(VpcdEventKind.Connected));
        Assert.Equal(1, h.Events.Count(VpcdEventKind.Disconnected));
    }

    [Fact]
    public async Task ConnectionLost_WhilePowered_PowersCardOff()
    {
        await using var h = ClientHarness.Start();
        using (var vpcd = await h.Vpcd.AcceptAsync())
        {
            await vpcd.SendControlAsync(PowerOn);
            await vpcd.GetAtrAsync();
        }

        await h.Events.WaitForAsync(VpcdEventKind.Disconnected);

        Assert.Equal(["PowerOn", "PowerOff"], h.Card.Calls);
    }

    [Fact]
    public async Task Retrying_RefusedRepeatedly_DoublesDelayUpToMaximum()
    {
        await using var h = ClientHarness.StartWithoutServer(o => new VpcdClientOptions
        {
            Host = o.Host,
            Port = o.Port,
            InitialRetryDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromMilliseconds(40),
            EventObserver = o.EventObserver,
        });

        await h.Events.WaitForAsync(VpcdEventKind.Retrying, count: 5);

        int[] delays = [.. h.Events.Events.Where(e => e.Kind == VpcdEventKind.Retrying)
            .Take(5).Select(e => (int)e.RetryDelay.TotalMilliseconds)];
        Assert.Equal([10, 20, 40, 40, 40], delays);
        Assert.Equal(0, h.Events.Count(VpcdEventKind.Connected));
    }

    [Fact]
    public async Task Cancel_WhileConnected_StopsPromptlyAndClosesSocket()
    {
        await using var h = ClientHarness.Start();
        using var vpcd = await h.Vpcd.AcceptAsync();
        await vpcd.GetAtrAsync();

        var watch = Stopwatch.StartNew();
        await h.StopAsync();
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"stopped after {watch.Elapsed}");
        Assert.True(await vpcd.IsClosedByClientAsync());
        Assert.Equal(new VpcdEvent(VpcdEventKind.Disconnected, "shutdown"), h.Events.Events[^1]);
    }

    [Fact]
    public async Task Cancel_WhileWaitingToRetry_StopsPromptly()
    {
        await using var h = ClientHarness.StartWithoutServer(o => new VpcdClientOptions
        {
            Host = o.Host,
            Port = o.Port,
            InitialRetryDelay = TimeSpan.FromSeconds(30),
            MaxRetryDelay = TimeSpan.FromSeconds(30),
            EventObserver = o.EventObserver,
        });
        await h.Events.WaitForAsync(VpcdEventKind.Retrying);

        var watch = Stopwatch.StartNew();
        await h.StopAsync();
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"stopped after {watch.Elapsed}");
        Assert.True(h.Running.IsCompletedSuccessfully);
    }

    /// <summary>
    /// Idle connected clients wait on their sockets, not on threads: with a thread per client (as before) 150 clients
    /// would add 150 threads. The bound leaves room for thread-pool threads the other tests in this process start.
    /// </summary>
    [Fact]
    public async Task ManyClients_ConnectedAndIdle_HoldNoThreadEach()
    {
        const int Clients = 150;
        // vpcd listens with a backlog of 1 per slot; here every client connects at once.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start(Clients);
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        using var process = Process.GetCurrentProcess();
        var threadsBefore = process.Threads.Count;
        var cards = Enumerable.Range(0, Clients).Select(_ => new FakeCard()).ToList();
        var runs = cards.Select(card => new VpcdClient(card, new VpcdClientOptions { Host = "127.0.0.1", Port = port })
            .RunAsync(stop.Token)).ToList();
        var connections = new List<VpcdConnection>();
        try
        {
            for (var i = 0; i < Clients; i++)
            {
                var vpcd = new VpcdConnection(await listener.AcceptSocketAsync().WaitAsync(VpcdServerMock.Timeout));
                connections.Add(vpcd);
                await vpcd.SendControlAsync(PowerOn);
                Assert.Equal(FakeCard.DefaultAtr, await vpcd.GetAtrAsync());
            }

            process.Refresh();
            var added = process.Threads.Count - threadsBefore;
            Assert.True(added < Clients / 3, $"{added} threads more with {Clients} idle connected clients");
            Assert.All(cards, card => Assert.Equal(["PowerOn"], card.Calls));
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(runs).WaitAsync(ClientHarness.StopTimeout);
            foreach (var vpcd in connections) vpcd.Dispose();
        }
    }

    [Fact]
    public async Task Run_AlreadyRunning_Throws()
    {
        await using var h = ClientHarness.Start();
        using var vpcd = await h.Vpcd.AcceptAsync();
        await h.Events.WaitForAsync(VpcdEventKind.Connected);

        Assert.Throws<InvalidOperationException>(() => h.Client.Run(h.Token));
    }

    [Theory]
    [InlineData(0, 50, 1000)]
    [InlineData(65536, 50, 1000)]
    [InlineData(35963, 0, 1000)]
    [InlineData(35963, 500, 100)]
    public void Constructor_OptionOutOfRange_Throws(int port, int initialMs, int maxMs)
    {
        var options = new VpcdClientOptions
        {
            Port = port,
            InitialRetryDelay = TimeSpan.FromMilliseconds(initialMs),
            MaxRetryDelay = TimeSpan.FromMilliseconds(maxMs),
        };

        Assert.Throws<ArgumentOutOfRangeException>(() => new VpcdClient(new FakeCard(), options));
    }

    [Theory]
    [InlineData("127.0.0.1:35963", true, "127.0.0.1", 35963)]
    [InlineData("localhost:35964", true, "localhost", 35964)]
    [InlineData("vpcd-host", true, "vpcd-host", 35963)]
    [InlineData(":35964", true, "127.0.0.1", 35964)]
    [InlineData("[::1]:35963", true, "::1", 35963)]
    [InlineData("[::1]", true, "::1", 35963)]
    [InlineData("::1", false, "127.0.0.1", 35963)]
    [InlineData("host:0", false, "127.0.0.1", 35963)]
    [InlineData("host:65536", false, "127.0.0.1", 35963)]
    [InlineData("host:+1", false, "127.0.0.1", 35963)]
    [InlineData("[::1", false, "127.0.0.1", 35963)]
    [InlineData("", false, "127.0.0.1", 35963)]
    public void TryParseEndpoint_Text_GivesHostAndPort(string text, bool expected, string host, int port)
    {
        var ok = VpcdClientOptions.TryParseEndpoint(text, out var parsedHost, out var parsedPort);

        Assert.Equal(expected, ok);
        Assert.Equal(host, parsedHost);
        Assert.Equal(port, parsedPort);
    }

    private static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i * 31) + seed);
        }

        return bytes;
    }
}
