using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

[assembly: InternalsVisibleTo("EuiccEmulator.Pcsc.Tests")]

namespace EuiccEmulator.Pcsc.Native;

/// <summary>
/// Entry points of pcsc-lite's client library (winscard.h as shipped by pcsc-lite).
/// </summary>
/// <remarks>
/// pcsc-lite declares DWORD as <c>unsigned long</c> and LONG, SCARDCONTEXT and SCARDHANDLE as <c>long</c>
/// (pcsc-lite wintypes.h / pcsclite.h), unlike Windows where they are 32 bits. On Linux (LP64 on 64-bit,
/// ILP32 on 32-bit) <c>long</c> has the size of a pointer, so <see cref="nint"/> / <see cref="nuint"/> match
/// on every Linux architecture; on x86_64 each is 8 bytes. A 32-bit type here would corrupt the stack frame
/// of out parameters and shift the fields of SCARD_READERSTATE.
/// </remarks>
internal static unsafe partial class PcscNative
{
    public const string Library = "libpcsclite.so.1";

    // pcsclite.h
    public const uint ScopeSystem = 2;        // SCARD_SCOPE_SYSTEM
    public const uint ShareShared = 2;        // SCARD_SHARE_SHARED
    public const uint LeaveCard = 0;          // SCARD_LEAVE_CARD
    public const uint ResetCard = 1;          // SCARD_RESET_CARD
    public const uint UnpowerCard = 2;        // SCARD_UNPOWER_CARD
    public const uint Infinite = 0xFFFFFFFF;  // INFINITE (timeout of SCardGetStatusChange)
    public const int MaxAtrSize = 33;         // MAX_ATR_SIZE: ISO 7816-3 §8.2.1, TS + at most 32 bytes

    // MAX_BUFFER_SIZE_EXTENDED: 4 header + 3 Lc + 65536 data + 3 Le + 2 SW. The client library refuses larger buffers.
    public const int MaxBufferSizeExtended = 4 + 3 + (1 << 16) + 3 + 2;

    [LibraryImport(Library)]
    public static partial nint SCardEstablishContext(nuint dwScope, nint pvReserved1, nint pvReserved2, out nint phContext);

    [LibraryImport(Library)]
    public static partial nint SCardReleaseContext(nint hContext);

    [LibraryImport(Library)]
    public static partial nint SCardCancel(nint hContext);

    /// <summary>mszGroups NULL = all readers; mszReaders NULL = ask for the length (multi-string, UTF-8).</summary>
    [LibraryImport(Library)]
    public static partial nint SCardListReaders(nint hContext, byte* mszGroups, byte* mszReaders, nuint* pcchReaders);

    [LibraryImport(Library)]
    public static partial nint SCardGetStatusChange(nint hContext, nuint dwTimeout, ScardReaderState* rgReaderStates, nuint cReaders);

    [LibraryImport(Library)]
    public static partial nint SCardConnect(nint hContext, byte* szReader, nuint dwShareMode, nuint dwPreferredProtocols,
        nint* phCard, nuint* pdwActiveProtocol);

    [LibraryImport(Library)]
    public static partial nint SCardReconnect(nint hCard, nuint dwShareMode, nuint dwPreferredProtocols, nuint dwInitialization,
        nuint* pdwActiveProtocol);

    [LibraryImport(Library)]
    public static partial nint SCardDisconnect(nint hCard, nuint dwDisposition);

    /// <summary>Exclusive use of the card for this handle until SCardEndTransaction; other handles wait.</summary>
    [LibraryImport(Library)]
    public static partial nint SCardBeginTransaction(nint hCard);

    [LibraryImport(Library)]
    public static partial nint SCardEndTransaction(nint hCard, nuint dwDisposition);

    [LibraryImport(Library)]
    public static partial nint SCardStatus(nint hCard, byte* szReaderName, nuint* pcchReaderLen, nuint* pdwState,
        nuint* pdwProtocol, byte* pbAtr, nuint* pcbAtrLen);

    /// <summary>pioRecvPci may be NULL (pcsc-lite ignores it).</summary>
    [LibraryImport(Library)]
    public static partial nint SCardTransmit(nint hCard, ScardIoRequest* pioSendPci, byte* pbSendBuffer, nuint cbSendLength,
        ScardIoRequest* pioRecvPci, byte* pbRecvBuffer, nuint* pcbRecvLength);

    /// <summary>LONG return values are error codes of 32 bits (0x801000xx) held in a native long.</summary>
    public static uint Code(nint rv) => unchecked((uint)rv);
}

/// <summary>SCARD_IO_REQUEST (pcsclite.h): protocol control information, two unsigned longs = 16 bytes on x86_64.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ScardIoRequest
{
    public nuint Protocol;
    public nuint PciLength;
}

/// <summary>
/// SCARD_READERSTATE (pcsclite.h): two pointers, three unsigned longs and MAX_ATR_SIZE bytes, natural alignment
/// (pcsc-lite packs it only on macOS). On x86_64 that is 5 * 8 + 33 = 73 bytes, padded to 80.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ScardReaderState
{
    public byte* Reader;
    public nint UserData;
    public nuint CurrentState;
    public nuint EventState;
    public nuint AtrLength;
    public fixed byte Atr[PcscNative.MaxAtrSize];
}
