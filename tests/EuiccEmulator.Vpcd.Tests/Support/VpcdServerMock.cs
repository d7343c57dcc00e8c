using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace EuiccEmulator.Vpcd.Tests.Support;

/// <summary>
/// The reader side of the vpcd protocol on a real loopback socket: listens like vpcd does and lets a test
/// script frames to the client under test. Every wait is bounded.
/// </summary>
internal sealed class VpcdServerMock : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private Socket? _listener;

    private VpcdServerMock(int port)
    {
        Listen(port);
    }

    public int Port { get; private set; }

    public static VpcdServerMock Start(int port = 0) => new(port);

    /// <summary>A loopback port with nothing listening on it.</summary>
    public static int UnusedPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <param name="noDelay">False behaves like vpcd itself, which leaves Nagle's algorithm on.</param>
    public async Task<VpcdConnection> AcceptAsync(bool noDelay = true)
    {
        var listener = _listener ?? throw new InvalidOperationException("not listening");
        using var timeout = new CancellationTokenSource(Timeout);
        var socket = await listener.AcceptAsync(timeout.Token);
        socket.NoDelay = noDelay;
        return new VpcdConnection(socket);
    }

    /// <summary>Stops listening, as when pcscd exits; connections stay as they are.</summary>
    public void StopListening()
    {
        _listener?.Dispose();
        _listener = null;
    }

    /// <summary>Listens again on the same port, as when pcscd comes back.</summary>
    public void Restart() => Listen(Port);

    public void Dispose() => StopListening();

    private void Listen(int port)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen(1);
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}

/// <summary>One accepted client connection, seen from the vpcd side.</summary>
internal sealed class VpcdConnection : IDisposable
{
    public const byte PowerOff = 0;
    public const byte PowerOn = 1;
    public const byte Reset = 2;
    public const byte GetAtr = 4;

    private readonly Socket _socket;

    public VpcdConnection(Socket socket) => _socket = socket;

    public static byte[] Frame(ReadOnlySpan<byte> payload)
    {
        var frame = new byte[2 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)payload.Length);
        payload.CopyTo(frame.AsSpan(2));
        return frame;
    }

    public Task SendControlAsync(byte code) => SendRawAsync(Frame([code]));

    public Task SendApduAsync(byte[] apdu) => SendRawAsync(Frame(apdu));

    public async Task SendRawAsync(byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(VpcdServerMock.Timeout);
        var sent = 0;
        while (sent < bytes.Length)
        {
            sent += await _socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None, timeout.Token);
        }
    }

    /// <summary>Sends length and payload with two writes, as vpcd 3.3 does.</summary>
    public async Task SendFrameInTwoWritesAsync(byte[] payload)
    {
        var frame = Frame(payload);
        await SendRawAsync(frame[..2]);
        await SendRawAsync(frame[2..]);
    }

    /// <summary>Receives one whole frame (header included), exactly as the client sent it.</summary>
    public async Task<byte[]> ReceiveRawFrameAsync()
    {
        var header = await ReceiveExactlyAsync(2);
        var payload = await ReceiveExactlyAsync(BinaryPrimitives.ReadUInt16BigEndian(header));
        return [.. header, .. payload];
    }

    public async Task<byte[]> ReceivePayloadAsync() => (await ReceiveRawFrameAsync())[2..];

    public async Task<byte[]> TransmitAsync(byte[] apdu)
    {
        await SendApduAsync(apdu);
        return await ReceivePayloadAsync();
    }

    public async Task<byte[]> GetAtrAsync()
    {
        await SendControlAsync(GetAtr);
        return await ReceivePayloadAsync();
    }

    /// <summary>True when the client closes its end within the timeout without sending anything more.</summary>
    public async Task<bool> IsClosedByClientAsync()
    {
        using var timeout = new CancellationTokenSource(VpcdServerMock.Timeout);
        var one = new byte[1];
        try
        {
            return await _socket.ReceiveAsync(one, SocketFlags.None, timeout.Token) == 0;
        }
        catch (SocketException)
        {
            return true; // reset counts as closed
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task<byte[]> ReceiveExactlyAsync(int count)
    {
        using var timeout = new CancellationTokenSource(VpcdServerMock.Timeout);
        var buffer = new byte[count];
        var received = 0;
        while (received < count)
        {
            var n = await _socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None, timeout.Token);
            if (n == 0)
            {
                throw new IOException($"client closed after {received} of {count} bytes");
            }

            received += n;
        }

        return buffer;
    }
}
