using System.Net;
using System.Net.Sockets;
using EuiccEmulator.Card;
using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Core.Apdu;
using EuiccEmulator.Core.State;
using EuiccEmulator.Core.Values;

namespace EuiccEmulator.Conformance;

/// <summary>The card under test and what the runner may do with it.</summary>
public interface IConformanceTarget : IDisposable
{
    string Name { get; }

    ICard Card { get; }

    /// <summary>The target can warm-reset the card (in-process, PC/SC, vpcd all can).</summary>
    bool CanReset { get; }

    /// <summary>Commands shorter than 4 bytes reach the card as sent.</summary>
    bool PassesShortApdus { get; }

    /// <summary>A dedicated card configured with <paramref name="options"/>, or null when the target cannot make one.</summary>
    IConfiguredCard? CreateConfigured(CardOptions options);
}

/// <summary>A card made for one case; disposed after it.</summary>
public interface IConfiguredCard : IDisposable
{
    ICard Card { get; }
}

/// <summary>The emulator in this process. By default a fresh card in memory with the SGP.26 test identity.</summary>
public sealed class InProcessTarget : IConformanceTarget
{
    public const string DefaultEid = "89049032123451234512345678901235";

    private readonly Action? _dispose;

    public InProcessTarget(ICard card, string name = "in-process", Action? dispose = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        Card = card;
        Name = name;
        _dispose = dispose;
    }

    public string Name { get; }

    public ICard Card { get; }

    public bool CanReset => true;

    public bool PassesShortApdus => true;

    /// <summary>A fresh temporary card (in-memory store, new SGP.26 test identity), so runs are repeatable.</summary>
    public static InProcessTarget CreateFresh(CardOptions? options = null)
    {
        var card = FreshCard.Create(options);
        return new InProcessTarget(card.Card, "in-process (fresh temporary card)", card.Dispose);
    }

    public IConfiguredCard? CreateConfigured(CardOptions options) => FreshCard.Create(options);

    public void Dispose() => _dispose?.Invoke();
}

/// <summary>A new in-memory emulator card.</summary>
public sealed class FreshCard : IConfiguredCard
{
    private readonly VirtualEuicc _euicc;

    private FreshCard(VirtualEuicc euicc) => _euicc = euicc;

    public ICard Card => _euicc.Card;

    public VirtualEuicc Euicc => _euicc;

    public static FreshCard Create(CardOptions? options = null)
    {
        var identity = CardIdentityFactory.Create(Eid.Parse(InProcessTarget.DefaultEid)) with
        {
            Sgp32Version = options?.Sgp32Version ?? Sgp32Version.V1_2,
        };
        var euicc = new VirtualEuicc(new InMemoryCardStore(), identity, options);
        euicc.Card.PowerOn();
        return new FreshCard(euicc);
    }

    public void Dispose() => _euicc.Dispose();
}

/// <summary>Any other card (PC/SC reader, vpcd): nothing card-specific can be set up.</summary>
public sealed class CardTarget(string name, ICard card, bool canReset = true, IDisposable? owner = null, bool passesShortApdus = true) : IConformanceTarget
{
    public bool PassesShortApdus { get; } = passesShortApdus;

    public string Name { get; } = name;

    public ICard Card { get; } = card;

    public bool CanReset { get; } = canReset;

    public IConfiguredCard? CreateConfigured(CardOptions options) => null;

    public void Dispose() => owner?.Dispose();
}

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
