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
/// All card calls happen on the thread that runs the client, so the card needs no locking.
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

    // Reused for every frame. Small, as an idle card keeps them (a short APDU and its answer fit): the receive buffer
    // grows for a longer frame and shrinks back before the next one; a longer answer is sent from a pooled buffer.
    private const int SmallBuffer = 512;
    private byte[] _rx = new byte[SmallBuffer];
    private readonly byte[] _tx = new byte[SmallBuffer];
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

    /// <summary>Runs <see cref="Run"/> on a dedicated thread; the task completes when the client has stopped.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.Factory.StartNew(
            () => Run(cancellationToken),
            CancellationToken.None,
            TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Default);

    /// <summary>
    /// Connects, serves the card and reconnects after refusals or lost connections, until
    /// <paramref name="cancellationToken"/> is cancelled; then closes the socket and returns normally.
    /// </summary>
    /// <exception cref="InvalidOperationException">The client is already running.</exception>
    public void Run(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException("The vpcd client is already running.");
        }

        try
        {
            RunLoop(cancellationToken);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private void RunLoop(CancellationToken cancellationToken)
    {
        var delay = _options.InitialRetryDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            var socket = Connect(cancellationToken, out var connectError);
            if (socket is null)
            {
                if (cancellationToken.IsCancellationRequested
                    || !WaitBeforeRetry(ref delay, "cannot connect to " + _endpoint, connectError, cancellationToken))
                {
                    break;
                }

                continue;
            }

            Raise(VpcdEventKind.Connected, _endpoint);
            var result = Serve(socket, cancellationToken);
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
            else if (!WaitBeforeRetry(ref delay, "connection to " + _endpoint + " lost", result.Error, cancellationToken))
            {
                break;
            }
        }
    }

    private Socket? Connect(CancellationToken cancellationToken, out Exception? error)
    {
        error = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        IPAddress[] addresses;
        try
        {
            addresses = _literalAddress is not null
                ? [_literalAddress]
                : Dns.GetHostAddressesAsync(_options.Host, timeout.Token).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            error = ex;
            return null;
        }

        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.ConnectAsync(new IPEndPoint(address, _options.Port), timeout.Token).AsTask().GetAwaiter().GetResult();
                return socket;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                error = ex;
            }
        }

        return null;
    }

    private bool WaitBeforeRetry(ref TimeSpan delay, string reason, Exception? error, CancellationToken cancellationToken)
    {
        Raise(new VpcdEvent(VpcdEventKind.Retrying, reason, delay, error));
        var cancelled = cancellationToken.WaitHandle.WaitOne(delay);
        delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
        return !cancelled;
    }

    private SessionResult Serve(Socket socket, CancellationToken cancellationToken)
    {
        _rxStart = 0;
        _rxEnd = 0;
        _powered = false;
        var served = false;

        // Shutdown wakes a blocked Receive with end of stream; the loop then sees the cancellation.
        var registration = cancellationToken.UnsafeRegister(
            static state => ShutdownQuietly((Socket)state!), socket);
        try
        {
            while (true)
            {
                if (!Fill(socket, HeaderLength))
                {
                    return new SessionResult(EndReason(cancellationToken, "closed by vpcd"), null, served);
                }

                int length = BinaryPrimitives.ReadUInt16BigEndian(_rx.AsSpan(_rxStart, HeaderLength));
                if (!Fill(socket, HeaderLength + length))
                {
                    return new SessionResult(EndReason(cancellationToken, "closed by vpcd inside a frame"), null, served);
                }

                ReadOnlySpan<byte> payload = _rx.AsSpan(_rxStart + HeaderLength, length);
                _rxStart += HeaderLength + length;
                switch (length)
                {
                    case 0:
                        // vpcd never sends an empty frame (vpcd.c sends nothing for an empty APDU).
                        Raise(VpcdEventKind.MalformedFrame, "zero-length frame");
                        return new SessionResult("malformed frame", null, Healthy: false);
                    case 1:
                        HandleControl(socket, payload[0]);
                        break;
                    default:
                        HandleApdu(socket, payload);
                        break;
                }

                served = true;
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
            registration.Dispose();
            socket.Dispose();
            if (_powered)
            {
                _powered = false;
                _card.PowerOff();
            }
        }
    }

    private static string EndReason(CancellationToken cancellationToken, string reason) =>
        cancellationToken.IsCancellationRequested ? "shutdown" : reason;

    private void HandleControl(Socket socket, byte code)
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
                SendFrame(socket, _card.Atr.Span);
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

    private void HandleApdu(Socket socket, ReadOnlySpan<byte> command)
    {
        var response = _card.Transmit(command);
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

        SendFrame(socket, framed);
        _options.ApduObserver?.Invoke(command, framed);
    }

    /// <summary>Makes at least <paramref name="count"/> unread bytes available in the receive buffer; false at end of stream.</summary>
    private bool Fill(Socket socket, int count)
    {
        var available = _rxEnd - _rxStart;
        if (available >= count)
        {
            return true;
        }

        if (available == 0)
        {
            _rxStart = 0;
            _rxEnd = 0;
            if (_rx.Length > SmallBuffer && count <= SmallBuffer) _rx = new byte[SmallBuffer];
        }
        else if (_rxStart + count > _rx.Length)
        {
            Buffer.BlockCopy(_rx, _rxStart, _rx, 0, available);
            _rxStart = 0;
            _rxEnd = available;
        }

        if (count > _rx.Length)
        {
            // _rxStart is 0 here: a frame longer than the buffer (at most header + 65535 bytes).
            var grown = new byte[Math.Min(Math.Max(count, 2 * _rx.Length), HeaderLength + MaxPayload)];
            Buffer.BlockCopy(_rx, 0, grown, 0, _rxEnd);
            _rx = grown;
        }

        while (_rxEnd - _rxStart < count)
        {
            if (_rxEnd > _rxStart)
            {
                AcknowledgeNow(socket);
            }

            var received = socket.Receive(_rx.AsSpan(_rxEnd), SocketFlags.None);
            if (received == 0)
            {
                return false;
            }

            _rxEnd += received;
        }

        return true;
    }

    /// <summary>Writes header and payload with one send, so a frame leaves in one segment.</summary>
    private void SendFrame(Socket socket, ReadOnlySpan<byte> payload)
    {
        var total = HeaderLength + payload.Length;
        var frame = total <= _tx.Length ? _tx : ArrayPool<byte>.Shared.Rent(total);
        try
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)payload.Length);
            payload.CopyTo(frame.AsSpan(HeaderLength));
            var sent = 0;
            while (sent < total)
            {
                sent += socket.Send(frame.AsSpan(sent, total - sent), SocketFlags.None);
            }
        }
        finally
        {
            if (!ReferenceEquals(frame, _tx)) ArrayPool<byte>.Shared.Return(frame);
        }
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
