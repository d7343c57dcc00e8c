using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using EuiccEmulator.Pcsc.Native;

namespace EuiccEmulator.Pcsc;

/// <summary>
/// A PC/SC resource manager context (PC/SC Part 5 §3.1, SCardEstablishContext): lists readers, waits for cards
/// and connects to them. Not for concurrent use from several threads, except <see cref="Cancel"/>.
/// </summary>
public sealed unsafe class PcscContext : IDisposable
{
    private readonly ContextHandle _handle;

    private PcscContext(ContextHandle handle)
    {
        _handle = handle;
    }

    /// <summary>Establishes a context with system scope.</summary>
    /// <exception cref="PcscException">
    /// SCARD_E_NO_SERVICE when pcscd is not running; also when libpcsclite.so.1 cannot be loaded (then with code 0).
    /// </exception>
    public static PcscContext Establish()
    {
        nint rv;
        nint context;
        try
        {
            rv = PcscNative.SCardEstablishContext(PcscNative.ScopeSystem, 0, 0, out context);
        }
        catch (DllNotFoundException ex)
        {
            throw new PcscException(PcscNative.Library + " cannot be loaded (install the pcsc-lite client library, "
                + "Debian package libpcsclite1)", ex);
        }

        PcscException.ThrowIfFailed(rv, "SCardEstablishContext");
        return new PcscContext(new ContextHandle(context));
    }

    /// <summary>The reader names pcscd knows, in its order; empty when there is none.</summary>
    /// <exception cref="PcscException">Any PC/SC failure other than SCARD_E_NO_READERS_AVAILABLE.</exception>
    public IReadOnlyList<string> ListReaders()
    {
        var context = Handle;

        // The list can grow between the length query and the read (a reader plugged in): then ask again.
        for (var attempt = 0; ; attempt++)
        {
            nuint length = 0;
            var rv = PcscNative.SCardListReaders(context, null, null, &length);
            if (PcscNative.Code(rv) == (uint)PcscError.NoReadersAvailable)
            {
                return [];
            }

            PcscException.ThrowIfFailed(rv, "SCardListReaders");
            var buffer = new byte[(int)length];
            fixed (byte* p = buffer)
            {
                rv = PcscNative.SCardListReaders(context, null, p, &length);
            }

            var code = PcscNative.Code(rv);
            if (code == (uint)PcscError.InsufficientBuffer && attempt < 3)
            {
                continue;
            }

            if (code == (uint)PcscError.NoReadersAvailable)
            {
                return [];
            }

            PcscException.ThrowIfFailed(rv, "SCardListReaders");
            return ParseMultiString(buffer.AsSpan(0, Math.Min((int)length, buffer.Length)));
        }
    }

    /// <summary>Resolves a reader by exact name, index digits or unique prefix (<see cref="PcscReaderSelector"/>).</summary>
    public string ResolveReader(string selector) => PcscReaderSelector.Resolve(ListReaders(), selector);

    public string ResolveReader(int index) => PcscReaderSelector.Resolve(ListReaders(), index);

    /// <summary>The current state of <paramref name="reader"/> and the ATR of the card in it, without waiting.</summary>
    /// <exception cref="PcscException">SCARD_E_UNKNOWN_READER and other PC/SC failures.</exception>
    public PcscReaderStatus GetStatus(string reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var name = NullTerminated(reader);
        fixed (byte* p = name)
        {
            var state = new ScardReaderState { Reader = p, CurrentState = (nuint)PcscReaderStates.Unaware };
            var rv = PcscNative.SCardGetStatusChange(Handle, 0, &state, 1);
            PcscException.ThrowIfFailed(rv, "SCardGetStatusChange", reader);
            var states = (PcscReaderStates)(int)(state.EventState & 0xFFFF);
            if (states.HasFlag(PcscReaderStates.Unknown))
            {
                throw new PcscException((uint)PcscError.UnknownReader, "SCardGetStatusChange", reader);
            }

            var atrLength = (int)Math.Min(state.AtrLength, (nuint)PcscNative.MaxAtrSize);
            return new PcscReaderStatus(reader, states, new ReadOnlySpan<byte>(state.Atr, atrLength).ToArray());
        }
    }

    /// <summary>
    /// Waits until a responsive card is in <paramref name="reader"/> (SCARD_STATE_PRESENT without SCARD_STATE_MUTE),
    /// at most <paramref name="timeout"/>; true when there is one.
    /// </summary>
    /// <exception cref="PcscException">SCARD_E_UNKNOWN_READER, SCARD_E_NO_SERVICE and other PC/SC failures.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public bool WaitForCard(string reader, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        var context = Handle;
        var started = Stopwatch.GetTimestamp();
        var name = NullTerminated(reader);

        // SCardCancel is the one call pcsc-lite allows from another thread; it ends the wait with SCARD_E_CANCELLED.
        using var registration = cancellationToken.UnsafeRegister(
            static state => PcscNative.SCardCancel((nint)state!), context);
        fixed (byte* p = name)
        {
            // The first call, with the state unaware, returns at once with the current state.
            var state = new ScardReaderState { Reader = p, CurrentState = (nuint)PcscReaderStates.Unaware };
            nuint wait = 0;
            while (true)
            {
                var rv = PcscNative.SCardGetStatusChange(context, wait, &state, 1);
                var code = PcscNative.Code(rv);
                if (code == (uint)PcscError.Cancelled)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (code != (uint)PcscError.Timeout)
                {
                    PcscException.ThrowIfFailed(rv, "SCardGetStatusChange", reader);
                    var states = (PcscReaderStates)(int)(state.EventState & 0xFFFF);
                    if (states.HasFlag(PcscReaderStates.Unknown))
                    {
                        throw new PcscException((uint)PcscError.UnknownReader, "SCardGetStatusChange", reader);
                    }

                    if (states.HasFlag(PcscReaderStates.Present) && !states.HasFlag(PcscReaderStates.Mute))
                    {
                        return true;
                    }

                    // The upper 16 bits carry pcsc-lite's event counter; handing them back is how it detects changes.
                    state.CurrentState = state.EventState & ~(nuint)PcscReaderStates.Changed;
                }

                var left = timeout - Stopwatch.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                wait = (nuint)Math.Min(Math.Ceiling(left.TotalMilliseconds), PcscNative.Infinite - 1);
            }
        }
    }

    /// <summary>Connects to the card in <paramref name="reader"/> in shared mode; the card does not own this context.</summary>
    /// <exception cref="PcscException">SCARD_E_NO_SMARTCARD, SCARD_E_UNKNOWN_READER, SCARD_E_SHARING_VIOLATION, ...</exception>
    public PcscCard Connect(string reader, PcscProtocols protocols = PcscProtocols.Any) => new(this, false, reader, protocols);

    /// <summary>Ends a <see cref="WaitForCard"/> in progress on another thread (SCardCancel).</summary>
    public void Cancel() => PcscNative.SCardCancel(Handle);

    public void Dispose() => _handle.Dispose();

    internal nint Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }

    /// <summary>Splits a PC/SC multi-string (UTF-8 names, each NUL-terminated, an empty name ends the list).</summary>
    internal static string[] ParseMultiString(ReadOnlySpan<byte> multi)
    {
        var names = new List<string>();
        while (multi.Length > 0)
        {
            var end = multi.IndexOf((byte)0);
            if (end == 0)
            {
                break;
            }

            if (end < 0)
            {
                end = multi.Length;
            }

            names.Add(Encoding.UTF8.GetString(multi[..end]));
            multi = multi[Math.Min(end + 1, multi.Length)..];
        }

        return [.. names];
    }

    internal static byte[] NullTerminated(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    /// <summary>Releases the context if the owner forgets to; pcsc-lite then also drops the context's card handles.</summary>
    private sealed class ContextHandle : SafeHandle
    {
        public ContextHandle(nint context)
            : base(0, ownsHandle: true)
        {
            SetHandle(context);
        }

        public override bool IsInvalid => handle == 0;

        protected override bool ReleaseHandle() => PcscNative.Code(PcscNative.SCardReleaseContext(handle)) == 0;
    }
}

/// <summary>What SCardGetStatusChange reports for one reader.</summary>
public sealed record PcscReaderStatus(string Reader, PcscReaderStates State, ReadOnlyMemory<byte> Atr)
{
    public bool CardPresent => State.HasFlag(PcscReaderStates.Present) && !State.HasFlag(PcscReaderStates.Mute);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Reader}: {State}{(Atr.IsEmpty ? string.Empty : ", ATR " + Convert.ToHexString(Atr.Span))}");
}
