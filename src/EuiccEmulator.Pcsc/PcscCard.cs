using System.Globalization;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Pcsc.Native;

namespace EuiccEmulator.Pcsc;

/// <summary>
/// A card in a PC/SC reader, connected in shared mode, as an <see cref="ICard"/>: power and reset map to
/// SCardConnect / SCardReconnect / SCardDisconnect, APDUs to SCardTransmit.
/// </summary>
/// <remarks>
/// <see cref="Transmit"/> returns exactly what the reader returned. Under T=0 a case-4 command may answer
/// 61xx or 6Cxx (ISO 7816-3 §12.2 / ISO 7816-4 §5.3.4); GET RESPONSE is left to the caller.
/// Unlike a card model, this transport throws <see cref="PcscException"/> when PC/SC fails (card removed,
/// daemon gone): there is no status word to report then. Calls are serialised by a lock.
/// </remarks>
public sealed unsafe class PcscCard : ICard, IDisposable
{
    private readonly Lock _lock = new();
    private readonly PcscContext _context;
    private readonly bool _ownsContext;
    private readonly byte[] _readerName;
    private readonly PcscProtocols _preferred;

    // One receive buffer for the largest answer the client library handles; reused under _lock.
    private readonly byte[] _receive = new byte[PcscNative.MaxBufferSizeExtended];
    private nint _card;
    private byte[] _atr = [];
    private PcscProtocols _active;
    private bool _disposed;

    internal PcscCard(PcscContext context, bool ownsContext, string reader, PcscProtocols protocols)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if ((protocols & PcscProtocols.Any) == 0 || (protocols & ~PcscProtocols.Any) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(protocols), protocols, "T0, T1 or both");
        }

        _context = context;
        _ownsContext = ownsContext;
        Reader = reader;
        _readerName = PcscContext.NullTerminated(reader);
        _preferred = protocols;
        Connect();
    }

    /// <summary>The reader this card is in, as pcscd names it.</summary>
    public string Reader { get; }

    /// <summary>The protocol pcscd negotiated; <see cref="PcscProtocols.None"/> while powered off.</summary>
    public PcscProtocols ActiveProtocol
    {
        get
        {
            lock (_lock)
            {
                return _active;
            }
        }
    }

    /// <summary>False after <see cref="PowerOff"/> until <see cref="PowerOn"/> or <see cref="Reset"/>.</summary>
    public bool IsConnected
    {
        get
        {
            lock (_lock)
            {
                return _card != 0;
            }
        }
    }

    /// <summary>The ATR read with SCardStatus after the last connect or reconnect; empty while powered off.</summary>
    public ReadOnlyMemory<byte> Atr
    {
        get
        {
            lock (_lock)
            {
                return _atr;
            }
        }
    }

    /// <summary>
    /// Opens the reader chosen by <paramref name="selector"/> (exact name, index digits or unique prefix, see
    /// <see cref="PcscReaderSelector"/>) with its own context; waits up to <paramref name="cardWait"/> for a card.
    /// </summary>
    /// <exception cref="PcscException">One line naming the reader and the PC/SC error; SCARD_E_TIMEOUT when no card came.</exception>
    public static PcscCard Open(string selector, TimeSpan cardWait = default, PcscProtocols protocols = PcscProtocols.Any)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return Open(context => context.ResolveReader(selector), cardWait, protocols);
    }

    /// <summary>Opens the reader at zero-based <paramref name="index"/> of SCardListReaders.</summary>
    public static PcscCard Open(int index, TimeSpan cardWait = default, PcscProtocols protocols = PcscProtocols.Any) =>
        Open(context => context.ResolveReader(index), cardWait, protocols);

    private static PcscCard Open(Func<PcscContext, string> resolve, TimeSpan cardWait, PcscProtocols protocols)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cardWait, TimeSpan.Zero);
        var context = PcscContext.Establish();
        try
        {
            var reader = resolve(context);
            if (cardWait > TimeSpan.Zero && !context.WaitForCard(reader, cardWait))
            {
                throw new PcscException((uint)PcscError.Timeout, "waiting for a card", reader,
                    string.Create(CultureInfo.InvariantCulture, $"no card within {cardWait.TotalSeconds:0.###} s"));
            }

            return new PcscCard(context, true, reader, protocols);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Powers the card up (SCardConnect) or, when already connected, cold-resets it
    /// (SCardReconnect, SCARD_UNPOWER_CARD).
    /// </summary>
    /// <exception cref="PcscException">The reader or the card refused.</exception>
    public void PowerOn()
    {
        lock (_lock)
        {
            ThrowIfDisposed();
            if (_card == 0)
            {
                Connect();
            }
            else
            {
                Reconnect(PcscNative.UnpowerCard);
            }
        }
    }

    /// <summary>Disconnects with SCARD_UNPOWER_CARD. pcscd keeps the card powered while another application holds it.</summary>
    /// <exception cref="PcscException">The reader refused.</exception>
    public void PowerOff()
    {
        lock (_lock)
        {
            ThrowIfDisposed();
            if (_card != 0)
            {
                Disconnect(PcscNative.UnpowerCard, throwOnError: true);
            }
        }
    }

    /// <summary>Warm reset (ISO 7816-3 §6.2.3) through SCardReconnect with SCARD_RESET_CARD; connects when powered off.</summary>
    /// <exception cref="PcscException">The reader or the card refused.</exception>
    public void Reset()
    {
        lock (_lock)
        {
            ThrowIfDisposed();
            if (_card == 0)
            {
                Connect();
            }
            else
            {
                Reconnect(PcscNative.ResetCard);
            }
        }
    }

    /// <summary>Sends one command APDU with the PCI of the active protocol; returns response data and SW1 SW2 unchanged.</summary>
    /// <exception cref="PcscException">
    /// SCARD_W_UNPOWERED_CARD after <see cref="PowerOff"/>; SCARD_W_REMOVED_CARD, SCARD_W_RESET_CARD (call <see cref="Reset"/>), ...
    /// </exception>
    public byte[] Transmit(ReadOnlySpan<byte> commandApdu)
    {
        lock (_lock)
        {
            ThrowIfDisposed();
            if (_card == 0)
            {
                throw new PcscException((uint)PcscError.UnpoweredCard, "SCardTransmit", Reader,
                    "powered off by this application; call PowerOn");
            }

            // PC/SC Part 5 §3.1.4: the send PCI names the protocol in use; pcsc-lite offers g_rgSCardT0Pci / T1Pci
            // with exactly these contents.
            var pci = new ScardIoRequest { Protocol = (nuint)_active, PciLength = (nuint)sizeof(ScardIoRequest) };
            var received = (nuint)_receive.Length;
            nint rv;
            fixed (byte* send = commandApdu)
            fixed (byte* receive = _receive)
            {
                rv = PcscNative.SCardTransmit(_card, &pci, send, (nuint)commandApdu.Length, null, receive, &received);
            }

            PcscException.ThrowIfFailed(rv, "SCardTransmit", Reader);
            return _receive.AsSpan(0, (int)received).ToArray();
        }
    }

    /// <summary>
    /// SCardBeginTransaction: until the returned scope is disposed (SCardEndTransaction, SCARD_LEAVE_CARD), no other
    /// PC/SC handle reaches the card, so a sequence such as SELECT, STORE DATA, GET RESPONSE stays together when
    /// several applications share the reader. Blocks while another handle holds a transaction.
    /// </summary>
    /// <exception cref="PcscException">the card is powered off, removed or reset.</exception>
    public IDisposable BeginTransaction()
    {
        nint card;
        lock (_lock)
        {
            ThrowIfDisposed();
            card = _card;
        }

        if (card == 0)
        {
            throw new PcscException((uint)PcscError.UnpoweredCard, "SCardBeginTransaction", Reader,
                "powered off by this application; call PowerOn");
        }

        // Outside the lock: waiting for another application's transaction must not block Dispose.
        PcscException.ThrowIfFailed(PcscNative.SCardBeginTransaction(card), "SCardBeginTransaction", Reader);
        return new Transaction(this, card);
    }

    /// <summary>Disconnects leaving the card as it is (SCARD_LEAVE_CARD) and releases the context if this card opened it.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_card != 0)
            {
                Disconnect(PcscNative.LeaveCard, throwOnError: false);
            }

            if (_ownsContext)
            {
                _context.Dispose();
            }
        }
    }

    private void Connect()
    {
        nint card;
        nuint protocol;
        nint rv;
        fixed (byte* reader = _readerName)
        {
            rv = PcscNative.SCardConnect(_context.Handle, reader, PcscNative.ShareShared, (nuint)_preferred, &card, &protocol);
        }

        PcscException.ThrowIfFailed(rv, "SCardConnect", Reader);
        _card = card;
        Refresh(protocol, "SCardConnect");
    }

    private void Reconnect(uint initialization)
    {
        nuint protocol;
        var rv = PcscNative.SCardReconnect(_card, PcscNative.ShareShared, (nuint)_preferred, initialization, &protocol);
        PcscException.ThrowIfFailed(rv, "SCardReconnect", Reader);
        Refresh(protocol, "SCardReconnect");
    }

    private void Disconnect(uint disposition, bool throwOnError)
    {
        var rv = PcscNative.SCardDisconnect(_card, disposition);

        // Forgotten whatever the answer: a half-disconnected handle is of no use to the caller.
        _card = 0;
        _atr = [];
        _active = PcscProtocols.None;
        if (throwOnError)
        {
            PcscException.ThrowIfFailed(rv, "SCardDisconnect", Reader);
        }
    }

    /// <summary>Records the negotiated protocol and reads the ATR (SCardStatus).</summary>
    private void Refresh(nuint protocol, string operation)
    {
        _active = (PcscProtocols)(int)protocol;
        if (_active is not (PcscProtocols.T0 or PcscProtocols.T1))
        {
            // The raw protocol (pcsclite.h) or none: no PCI for SCardTransmit would fit.
            Disconnect(PcscNative.LeaveCard, throwOnError: false);
            throw new PcscException((uint)PcscError.ProtoMismatch, operation, Reader,
                string.Create(CultureInfo.InvariantCulture, $"active protocol 0x{(ulong)protocol:X} is neither T=0 nor T=1"));
        }

        var atr = stackalloc byte[PcscNative.MaxAtrSize];
        nuint atrLength = PcscNative.MaxAtrSize;
        nuint readerLength = 0;
        nuint state;
        nuint statusProtocol;
        var rv = PcscNative.SCardStatus(_card, null, &readerLength, &state, &statusProtocol, atr, &atrLength);
        PcscException.ThrowIfFailed(rv, "SCardStatus", Reader);
        _atr = new ReadOnlySpan<byte>(atr, (int)Math.Min(atrLength, (nuint)PcscNative.MaxAtrSize)).ToArray();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private sealed class Transaction(PcscCard owner, nint card) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) != 0) return;
            var rv = PcscNative.SCardEndTransaction(card, PcscNative.LeaveCard);
            PcscException.ThrowIfFailed(rv, "SCardEndTransaction", owner.Reader);
        }
    }
}
