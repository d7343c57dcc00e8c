using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EuiccEmulator.Iso7816;

namespace EuiccEmulator.Vpcd;

/// <summary>
/// The card side of the vsmartcard vpcd protocol: connects to vpcd (a pcscd reader driver) over TCP and
/// serves one <see cref="ICard"/>. Every frame is a 2-byte big-endian length and a payload; a 1-byte payload
/// is a control code, a longer one a command APDU answered by one response frame.
/// </summary>
/// <remarks>
/// The client is one asynchronous loop: card calls are made one at a time, in frame order, on thread-pool threads,
/// so the card needs no locking and sees no two calls at once. While the connection is idle the client holds no
/// thread and no buffer: it waits with a zero-byte receive and rents its frame buffers from
/// <see cref="ArrayPool{T}.Shared"/> only while a frame is read or written, so many cards can be served by few threads.
/// A lost connection counts as card removal: a powered card is powered off.
/// </remarks>
public sealed class VpcdClient
{
    private const int HeaderLength = 2;
    private const int MaxPayload = ushort.MaxValue;

    // ISO 7816-4 §5.1.3: 6F00 = no precise diagnosis; sent when the card answer cannot be framed.
    private static readonly byte[] s_noPreciseDiagnosis = [0x6F, 0x00];

    // Linux <netinet/tcp.h>: IPPROTO_TCP, TCP_QUICKACK; option value is a native int 1.
    private const int IpProtoTcp = 6;
    private const int TcpQuickAck = 12;
    private static readonly byte[] s_optionOn = BitConverter.GetBytes(1);

    private readonly ICard _card;
    private readonly VpcdClientOptions _options;
    private readonly string _endpoint;
    private readonly IPAddress? _literalAddress;

    // The receive buffer: rented when bytes arrive, returned once every received byte is handled (a short APDU and
    // its header fit the smallest one; a longer frame rents a larger one). Null while idle.
    private const int SmallBuffer = 512;
    private byte[]? _rx;
    private int _rxStart;
    private int _rxEnd;
    private bool _powered;
    private int _running;

    /// <summary>Creates a client for <paramref name="card"/>; nothing connects until <see cref="Run"/> or <see cref="RunAsync"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public VpcdClient(ICard card, VpcdClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        options ??= new VpcdClientOptions();
        options.Validate();
        _card = card;
        _options = options;
        _literalAddress = IPAddress.TryParse(options.Host, out var address) ? address : null;
        _endpoint = _literalAddress is { AddressFamily: AddressFamily.InterNetworkV6 }
            ? string.Create(CultureInfo.InvariantCulture, $"[{options.Host}]:{options.Port}")
            : string.Create(CultureInfo.InvariantCulture, $"{options.Host}:{options.Port}");
    }

    public VpcdClientOptions Options => _options;

    /// <summary>
    /// Starts the client on the thread pool and returns at once: it connects, serves the card and reconnects after
    /// refusals or lost connections until <paramref name="cancellationToken"/> is cancelled; then it closes the
    /// socket and the task completes normally. No thread is held while the client waits.
    /// </summary>
    /// <exception cref="InvalidOperationException">The client is already running.</exception>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException("The vpcd client is already running.");
        }

        return Task.Run(
            async () =>
            {
                try
                {
                    await RunLoopAsync(cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    Volatile.Write(ref _running, 0);
                }
            },
            CancellationToken.None);
    }

    /// <summary>
    /// <see cref="RunAsync"/>, waiting on the calling thread until the client has stopped.
    /// </summary>
    /// <exception cref="InvalidOperationException">The client is already running.</exception>
    public void Run(CancellationToken cancellationToken) => RunAsync(cancellationToken).GetAwaiter().GetResult();

    private async Task RunLoopAsync(CancellationToken cancellationToken)
    {
        var delay = _options.InitialRetryDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            var (socket, connectError) = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            if (socket is null)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                var retry = await WaitBeforeRetryAsync(delay, "cannot connect to " + _endpoint, connectError, cancellationToken)
                    .ConfigureAwait(false);
                delay = NextDelay(delay);
                if (!retry)
                {
                    break;
                }

                continue;
            }

            Raise(VpcdEventKind.Connected, _endpoint);
            var result = await ServeAsync(socket, cancellationToken).ConfigureAwait(false);
            Raise(new VpcdEvent(VpcdEventKind.Disconnected, result.Reason, Error: result.Error));
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (result.Healthy)
            {
                // vpcd or pcscd restarted after a working session: try again at once.
                delay = _options.InitialRetryDelay;
            }
            else
            {
                var retry = await WaitBeforeRetryAsync(delay, "connection to " + _endpoint + " lost", result.Error, cancellationToken)
                    .ConfigureAwait(false);
                delay = NextDelay(delay);
                if (!retry)
                {
                    break;
                }
            }
        }
    }

    private async Task<(Socket? Socket, Exception? Error)> ConnectAsync(CancellationToken cancellationToken)
    {
        Exception? error = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        IPAddress[] addresses;
        try
        {
            addresses = _literalAddress is not null
                ? [_literalAddress]
                : await Dns.GetHostAddressesAsync(_options.Host, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return (null, ex);
        }

        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, _options.Port), timeout.Token).ConfigureAwait(false);
                return (socket, null);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                error = ex;
            }
        }

        return (null, error);
    }

    /// <summary>Raises <see cref="VpcdEventKind.Retrying"/> and waits; false when cancelled meanwhile.</summary>
    private async Task<bool> WaitBeforeRetryAsync(TimeSpan delay, string reason, Exception? error, CancellationToken cancellationToken)
    {
        Raise(new VpcdEvent(VpcdEventKind.Retrying, reason, delay, error));
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private TimeSpan NextDelay(TimeSpan delay) => TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));

    private async Task<SessionResult> ServeAsync(Socket socket, CancellationToken cancellationToken)
    {
        _rxStart = 0;
        _rxEnd = 0;
        _powered = false;
        var served = false;

        // Shutdown ends a pending receive with end of stream; the loop then sees the cancellation.
        var registration = cancellationToken.UnsafeRegister(
            static state => ShutdownQuietly((Socket)state!), socket);
        try
        {
            while (true)
            {
                if (!await FillAsync(socket, HeaderLength).ConfigureAwait(false))
                {
                    return new SessionResult(EndReason(cancellationToken, "closed by vpcd"), null, served);
                }

                int length = BinaryPrimitives.ReadUInt16BigEndian(_rx.AsSpan(_rxStart, HeaderLength));
                if (!await FillAsync(socket, HeaderLength + length).ConfigureAwait(false))
                {
                    return new SessionResult(EndReason(cancellationToken, "closed by vpcd inside a frame"), null, served);
                }

                var payloadStart = _rxStart + HeaderLength;
                _rxStart += HeaderLength + length;
                switch (length)
                {
                    case 0:
                        // vpcd never sends an empty frame (vpcd.c sends nothing for an empty APDU).
                        Raise(VpcdEventKind.MalformedFrame, "zero-length frame");
                        return new SessionResult("malformed frame", null, Healthy: false);
                    case 1:
                        await HandleControlAsync(socket, _rx![payloadStart]).ConfigureAwait(false);
                        break;
                    default:
                        await HandleApduAsync(socket, payloadStart, length).ConfigureAwait(false);
                        break;
                }

                served = true;
                if (_rxStart == _rxEnd)
                {
                    // Every received byte handled: give the buffer back while the card waits for the next frame.
                    ReturnReceiveBuffer();
                }
            }
        }
        catch (SocketException ex)
        {
            return new SessionResult(EndReason(cancellationToken, "I/O error: " + ex.SocketErrorCode), ex, served);
        }
        catch (ObjectDisposedException ex)
        {
            return new SessionResult(EndReason(cancellationToken, "socket closed"), ex, served);
        }
        finally
        {
            await registration.DisposeAsync().ConfigureAwait(false);
            socket.Dispose();
            ReturnReceiveBuffer();
            if (_powered)
            {
                _powered = false;
                _card.PowerOff();
            }
        }
    }

    private static string EndReason(CancellationToken cancellationToken, string reason) =>
        cancellationToken.IsCancellationRequested ? "shutdown" : reason;

    private async ValueTask HandleControlAsync(Socket socket, byte code)
    {
        switch ((VpcdControlCode)code)
        {
            case VpcdControlCode.PowerOff:
                _powered = false;
                _card.PowerOff();
                Raise(VpcdEventKind.PowerOff, "power off");
                break;
            case VpcdControlCode.PowerOn:
                _powered = true;
                _card.PowerOn();
                Raise(VpcdEventKind.PowerOn, "power on");
                break;
            case VpcdControlCode.Reset:
                _powered = true;
                _card.Reset();
                Raise(VpcdEventKind.Reset, "reset");
                break;
            case VpcdControlCode.GetAtr:
                // An empty ATR frame tells vpcd the card is gone (ifd-vpcd.c "Virtual ICC removed"); sent as is.
                var (frame, total) = Frame(_card.Atr.Span);
                try
                {
                    await SendAllAsync(socket, frame, total).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(frame);
                }

                Raise(VpcdEventKind.AtrRequested, "ATR sent");
                break;
            default:
                // Ignored without an answer, as vsmartcard's own virtual card does.
                if (_options.EventObserver is not null)
                {
                    Raise(VpcdEventKind.UnknownControlCode,
                        string.Create(CultureInfo.InvariantCulture, $"control code 0x{code:X2} ignored"));
                }

                break;
        }
    }

    /// <summary>Answers the command at <paramref name="start"/> in the receive buffer, which stays as it is until the next read.</summary>
    private async ValueTask HandleApduAsync(Socket socket, int start, int length)
    {
        var (frame, total) = Respond(start, length);
        try
        {
            await SendAllAsync(socket, frame, total).ConfigureAwait(false);
            _options.ApduObserver?.Invoke(_rx.AsSpan(start, length), frame.AsSpan(HeaderLength, total - HeaderLength));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    private (byte[] Frame, int Total) Respond(int start, int length)
    {
        var response = _card.Transmit(_rx.AsSpan(start, length));
        ReadOnlySpan<byte> framed = response;
        if (response.Length is 0 or > MaxPayload)
        {
            // A zero-length frame would read as card removal on the vpcd side; a longer one cannot be framed.
            framed = s_noPreciseDiagnosis;
            if (_options.EventObserver is not null)
            {
                Raise(VpcdEventKind.ResponseNotFramable,
                    string.Create(CultureInfo.InvariantCulture, $"card answered {response.Length} bytes; sent 6F00"));
            }
        }

        return Frame(framed);
    }

    /// <summary>Header and payload in one pooled buffer, so a frame leaves with one send, in one segment.</summary>
    private static (byte[] Frame, int Total) Frame(ReadOnlySpan<byte> payload)
    {
        var total = HeaderLength + payload.Length;
        var frame = ArrayPool<byte>.Shared.Rent(total);
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)payload.Length);
        payload.CopyTo(frame.AsSpan(HeaderLength));
        return (frame, total);
    }

    private static async ValueTask SendAllAsync(Socket socket, byte[] frame, int total)
    {
        var sent = 0;
        while (sent < total)
        {
            sent += await socket.SendAsync(frame.AsMemory(sent, total - sent), SocketFlags.None).ConfigureAwait(false);
        }
    }

    /// <summary>Makes at least <paramref name="count"/> unread bytes available in the receive buffer; false at end of stream.</summary>
    private async ValueTask<bool> FillAsync(Socket socket, int count)
    {
        if (_rx is null)
        {
            // Idle: wait until the peer sends (or closes) without holding a buffer, then rent one.
            await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
            _rx = ArrayPool<byte>.Shared.Rent(Math.Max(count, SmallBuffer));
            _rxStart = 0;
            _rxEnd = 0;
        }

        var available = _rxEnd - _rxStart;
        if (available >= count)
        {
            return true;
        }

        if (count > _rx.Length)
        {
            // A frame longer than the buffer (at most header + 65535 bytes): a larger one, the unread bytes moved over.
            var grown = ArrayPool<byte>.Shared.Rent(Math.Min(Math.Max(count, 2 * _rx.Length), HeaderLength + MaxPayload));
            Buffer.BlockCopy(_rx, _rxStart, grown, 0, available);
            ArrayPool<byte>.Shared.Return(_rx);
            _rx = grown;
            _rxStart = 0;
            _rxEnd = available;
        }
        else if (_rxStart + count > _rx.Length)
        {
            Buffer.BlockCopy(_rx, _rxStart, _rx, 0, available);
            _rxStart = 0;
            _rxEnd = available;
        }

        while (_rxEnd - _rxStart < count)
        {
            if (_rxEnd > _rxStart)
            {
                AcknowledgeNow(socket);
            }

            var received = await socket.ReceiveAsync(_rx.AsMemory(_rxEnd), SocketFlags.None).ConfigureAwait(false);
            if (received == 0)
            {
                return false;
            }

            _rxEnd += received;
        }

        return true;
    }

    private void ReturnReceiveBuffer()
    {
        if (_rx is not null)
        {
            ArrayPool<byte>.Shared.Return(_rx);
            _rx = null;
        }

        _rxStart = 0;
        _rxEnd = 0;
    }

    /// <summary>
    /// Sends the pending ACK now instead of after the delayed-ACK timer. vpcd writes the length and the
    /// payload with separate sends without TCP_NODELAY (vsmartcard 3.3 as packaged in Debian), so Nagle holds
    /// the payload until the length is acknowledged: without this every frame waits about 40 ms.
    /// </summary>
    private static void AcknowledgeNow(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            socket.SetRawSocketOption(IpProtoTcp, TcpQuickAck, s_optionOn);
        }
        catch (SocketException)
        {
            // best effort: only latency is at stake
        }
    }

    private static void ShutdownQuietly(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // already disconnected
        }
        catch (ObjectDisposedException)
        {
            // session already over
        }
    }

    private void Raise(VpcdEventKind kind, string detail)
    {
        _options.EventObserver?.Invoke(new VpcdEvent(kind, detail));
    }

    private void Raise(VpcdEvent e)
    {
        _options.EventObserver?.Invoke(e);
    }

    private readonly record struct SessionResult(string Reason, Exception? Error, bool Healthy);
}
