using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using EuiccEmulator.Iso7816;

namespace EuiccEmulator.Servers.Tests.Support;

/// <summary>
/// The reader side of vsmartcard's vpcd protocol (what pcscd's vpcd driver does), so a client in the test reaches the
/// card through the emulator's own VpcdClient over TCP: 2-byte big-endian length, then a control byte (00 off,
/// 01 on, 02 reset, 04 ATR) or a command APDU.
/// </summary>
internal sealed class VpcdReader : ICard, IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private TcpClient? _client;
    private NetworkStream? _stream;

    public VpcdReader() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ReadOnlyMemory<byte> Atr => Exchange([0x04]);

    public async Task AcceptAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        _client = await _listener.AcceptTcpClientAsync(cts.Token);
        _stream = _client.GetStream();
    }

    public void PowerOn() => Send([0x01]);

    public void PowerOff() => Send([0x00]);

    public void Reset() => Send([0x02]);

    public byte[] Transmit(ReadOnlySpan<byte> commandApdu) => Exchange(commandApdu.ToArray());

    private byte[] Exchange(byte[] payload)
    {
        Send(payload);
        var header = new byte[2];
        _stream!.ReadExactly(header);
        var response = new byte[BinaryPrimitives.ReadUInt16BigEndian(header)];
        _stream.ReadExactly(response);
        return response;
    }

    private void Send(byte[] payload)
    {
        var frame = new byte[2 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)payload.Length);
        payload.CopyTo(frame, 2);
        _stream!.Write(frame);
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _client?.Dispose();
        _listener.Stop();
        _listener.Dispose();
    }
}
