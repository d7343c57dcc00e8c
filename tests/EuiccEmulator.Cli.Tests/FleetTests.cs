using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using EuiccEmulator.Cli.Commands;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.Storage.LiteDb;
using EuiccEmulator.Vpcd;

namespace EuiccEmulator.Cli.Tests;

public sealed class FleetTests : IDisposable
{
    private static readonly byte[] SelectIsdR = Convert.FromHexString("00A4040C10A0000005591010FFFFFFFF8900000100");
    private static readonly byte[] GetEid = Convert.FromHexString("80E2910006BF3E035C015A00");
    private readonly string _dir = Directory.CreateTempSubdirectory("euicc-fleet-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void FleetInit_MintsDistinctValidEids_AndWritesThemOnce()
    {
        var output = new StringWriter();
        var log = new StringWriter();
        Assert.Equal(0, Program.Run(["fleet", "init", "300", "--store-dir", _dir], output, log));
        var identities = FleetIdentityFile.Read(Path.Combine(_dir, FleetIdentityFile.FileName));
        Assert.Equal(300, identities.Count);
        Assert.Equal(300, identities.Select(i => i.Eid).Distinct().Count());
        Assert.All(identities, i =>
        {
            Assert.True(Eid.HasValidCheckDigits(i.Eid), i.Eid);
            Assert.StartsWith("89049032", i.Eid, StringComparison.Ordinal);
            Assert.Single(i.SigningChains);
        });
        Assert.Contains("300 cards minted", output.ToString(), StringComparison.Ordinal);
        // A second init into the same directory changes nothing.
        Assert.Equal(2, Program.Run(["fleet", "init", "5", "--store-dir", _dir], output, log));
        Assert.Equal(300, FleetIdentityFile.Read(Path.Combine(_dir, FleetIdentityFile.FileName)).Count);
    }

    [Fact]
    public void HundredCards_InOneProcess_EachAnswersItsOwnEid()
    {
        var identities = FleetCommand.LoadOrMint(_dir, 100, TextWriter.Null);
        var cards = Enumerable.Range(0, 100).Select(i => FleetCommand.OpenCard(_dir, i, identities[i])).ToList();
        try
        {
            for (var i = 0; i < cards.Count; i++)
            {
                var card = cards[i].Euicc.Card;
                card.PowerOn();
                Assert.Equal("9000", Convert.ToHexString(card.Transmit(SelectIsdR)));
                var response = card.Transmit(GetEid);
                Assert.Equal("BF3E125A10" + identities[i].Eid + "9000", Convert.ToHexString(response));
            }
            // Nothing changed state: no card created its store file.
            Assert.Empty(Directory.GetFiles(_dir, "card-*.db"));
        }
        finally
        {
            foreach (var (store, euicc) in cards)
            {
                euicc.Dispose();
                store.Dispose();
            }
        }
    }

    [Fact]
    public async Task HundredCards_OverVpcdLoopback_EachAnswersItsOwnEid()
    {
        var identities = FleetCommand.LoadOrMint(_dir, 100, TextWriter.Null);
        var cards = Enumerable.Range(0, 100).Select(i => FleetCommand.OpenCard(_dir, i, identities[i])).ToList();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(200);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        var runs = cards
            .Select(c => new VpcdClient(c.Euicc.Card, new VpcdClientOptions { Host = "127.0.0.1", Port = port }).RunAsync(stop.Token))
            .ToList();
        var sockets = new List<Socket>();
        try
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < cards.Count; i++)
            {
                var socket = await listener.AcceptSocketAsync();
                sockets.Add(socket);
                await socket.SendAsync(new byte[] { 0x00, 0x01, 0x01 }); // power on
                Assert.Equal("9000", Convert.ToHexString(await Exchange(socket, SelectIsdR)));
                var response = Convert.ToHexString(await Exchange(socket, GetEid));
                Assert.StartsWith("BF3E125A10", response, StringComparison.Ordinal);
                seen.Add(response[10..42]);
            }
            Assert.Equal(identities.Select(i => i.Eid).ToHashSet(StringComparer.Ordinal), seen);
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var s in sockets) s.Dispose();
            await Task.WhenAll(runs);
            foreach (var (store, euicc) in cards)
            {
                euicc.Dispose();
                store.Dispose();
            }
        }
    }

    /// <summary>
    /// serve --cards 100's cards under concurrent load over loopback vpcd: every card's hosts talk at once, each card
    /// sets and reads back its default SM-DP+ address round after round. Every card's transcript and final settings
    /// equal a serial replay of the same workload on fresh cards of the same identities: no lost, mixed or
    /// cross-card answers, no state a serial run would not have.
    /// </summary>
    [Fact]
    public async Task HundredCards_UnderConcurrentLoadOverVpcd_MatchASerialReplay()
    {
        const int Cards = 100;
        var identities = FleetCommand.LoadOrMint(_dir, Cards, TextWriter.Null);
        var serialDir = Directory.CreateDirectory(Path.Combine(_dir, "serial")).FullName;
        var concurrent = Enumerable.Range(0, Cards).Select(i => FleetCommand.OpenCard(_dir, i, identities[i])).ToList();
        var serial = Enumerable.Range(0, Cards).Select(i => FleetCommand.OpenCard(serialDir, i, identities[i])).ToList();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(200);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        var runs = concurrent
            .Select(c => new VpcdClient(c.Euicc.Card, new VpcdClientOptions { Host = "127.0.0.1", Port = port }).RunAsync(stop.Token))
            .ToList();
        var sockets = new List<Socket>();
        try
        {
            var byEid = new Dictionary<string, Socket>(StringComparer.Ordinal);
            for (var i = 0; i < Cards; i++)
            {
                var socket = await listener.AcceptSocketAsync();
                sockets.Add(socket);
                await socket.SendAsync(new byte[] { 0x00, 0x01, 0x01 }); // power on
                Assert.Equal("9000", Convert.ToHexString(await Exchange(socket, SelectIsdR)));
                byEid.Add(Convert.ToHexString(await Exchange(socket, GetEid))[10..42], socket);
            }
            var transcripts = await Task.WhenAll(identities.Select(async (identity, i) =>
            {
                var socket = byEid[identity.Eid];
                var lines = new List<string>();
                foreach (var apdu in LoadWorkload(i)) lines.Add(Convert.ToHexString(await Exchange(socket, apdu)));
                return lines;
            }));

            for (var i = 0; i < Cards; i++)
            {
                var card = serial[i].Euicc.Card;
                card.PowerOn();
                card.Transmit(SelectIsdR);
                card.Transmit(GetEid);
                var expected = LoadWorkload(i).Select(apdu => Convert.ToHexString(card.Transmit(apdu))).ToList();
                Assert.Equal(expected, transcripts[i]);
                Assert.Equal(System.Text.Json.JsonSerializer.Serialize(serial[i].Euicc.Engine.Settings),
                    System.Text.Json.JsonSerializer.Serialize(concurrent[i].Euicc.Engine.Settings));
            }
            Assert.Contains(Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes("dp99-9.example")), transcripts[99][^2],
                StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var s in sockets) s.Dispose();
            await Task.WhenAll(runs);
            foreach (var (store, euicc) in concurrent.Concat(serial))
            {
                euicc.Dispose();
                store.Dispose();
            }
        }
    }

    /// <summary>Card i's workload: ten rounds of SetDefaultDpAddress, GetEuiccConfiguredAddresses, GetEID.</summary>
    private static IEnumerable<byte[]> LoadWorkload(int card)
    {
        for (var round = 0; round < 10; round++)
        {
            var address = System.Text.Encoding.ASCII.GetBytes($"dp{card}-{round}.example");
            byte[] set = [0xBF, 0x3F, (byte)(address.Length + 2), 0x80, (byte)address.Length, .. address];
            yield return SelectIsdR;
            yield return [0x80, 0xE2, 0x91, 0x00, (byte)set.Length, .. set, 0x00];
            yield return Convert.FromHexString("80E2910003BF3C0000");
            yield return GetEid;
        }
    }

    private static async Task<byte[]> Exchange(Socket socket, byte[] apdu)
    {
        var frame = new byte[2 + apdu.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)apdu.Length);
        apdu.CopyTo(frame, 2);
        await socket.SendAsync(frame);
        var header = await Receive(socket, 2);
        return await Receive(socket, BinaryPrimitives.ReadUInt16BigEndian(header));
    }

    private static async Task<byte[]> Receive(Socket socket, int length)
    {
        var buffer = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read));
            if (n == 0) throw new IOException("closed");
            read += n;
        }
        return buffer;
    }

    [Fact]
    public void ReaderConf_TwoPortsPerVpcdReader()
    {
        var text = FleetCommand.ReaderConf(3, 35963);
        Assert.Contains("DEVICENAME   /dev/null:0x8C7B\n", text, StringComparison.Ordinal);
        Assert.Contains("DEVICENAME   /dev/null:0x8C7D\n", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("LIBPATH").Length - 1);
    }
}
