using System.Net;
using System.Net.Sockets;
using EuiccEmulator.Iso7816;

namespace EuiccEmulator.Cli.ConformanceTargets;

/// <summary>
/// The vpcd side of the vsmartcard protocol: listens on a port, and the card (e.g. <c>euicc-emu serve --vpcd</c>) connects to it.
/// Frames are a 2-byte big-endian length and a payload; one-byte payloads are control codes (0 off, 1 on, 2 reset, 4 ATR).
/// </summary>
public sealed class VpcdServerCard : ICard, IDisposable
{
    private readonly TcpListener _listener;
    private Socket? _socket;
    private byte[] _atr = [];

    public VpcdServerCard(int port, IPAddress? address = null)
    {
        _listener = new TcpListener(address ?? IPAddress.Loopback, port);
        _listener.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ReadOnlyMemory<byte> Atr => _atr;

    /// <summary>Waits for the card to connect, powers it on and reads its ATR.</summary>
    public void Accept(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            _socket = _listener.AcceptSocketAsync(cts.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no card connected to port {Port} within {timeout.TotalSeconds:F0} s");
        }
        _socket.NoDelay = true;
        PowerOn();
    }

    public void PowerOn()
    {
        Send([1]);
        ReadAtr();
    }

    public void PowerOff() => Send([0]);

    public void Reset()
    {
        Send([2]);
        ReadAtr();
    }

    public byte[] Transmit(ReadOnlySpan<byte> commandApdu)
    {
        // A one-byte frame would reach the card as a control code (power off), not as a command.
        if (commandApdu.Length == 1) throw new ArgumentException("a one-byte command cannot be sent over vpcd", nameof(commandApdu));
        try
        {
            Send(commandApdu.ToArray());
            var response = Receive();
            return response.Length < 2 ? [0x6F, 0x00] : response;
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            return [0x6F, 0x00];
        }
    }

    public void Dispose()
    {
        _socket?.Dispose();
        _listener.Stop();
        _listener.Dispose();
    }

    private void ReadAtr()
    {
        Send([4]);
        _atr = Receive();
    }

    private void Send(byte[] payload)
    {
        var socket = _socket ?? throw new InvalidOperationException("no card connected");
        byte[] frame = [(byte)(payload.Length >> 8), (byte)payload.Length, .. payload];
        socket.Send(frame);
    }

    private byte[] Receive()
    {
        var header = ReadExactly(2);
        return ReadExactly(header[0] << 8 | header[1]);
    }

    private byte[] ReadExactly(int n)
    {
        var socket = _socket ?? throw new InvalidOperationException("no card connected");
        var buffer = new byte[n];
        var read = 0;
        while (read < n)
        {
            var got = socket.Receive(buffer, read, n - read, SocketFlags.None);
            if (got == 0) throw new IOException("the card closed the connection");
            read += got;
        }
        return buffer;
    }
}
