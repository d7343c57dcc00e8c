using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Reliability.Tests.Support;

/// <summary>What a failing file system answers a write with.</summary>
public enum StorageFault
{
    None = 0,

    /// <summary>ENOSPC: the disk is full.</summary>
    NoSpace = 28,

    /// <summary>EIO: the device failed.</summary>
    IoError = 5,

    /// <summary>EROFS: the store's file system went read-only.</summary>
    ReadOnly = 30,
}

/// <summary>
/// A store decorator that fails commits as the file system would while <see cref="Fault"/> is set: the inner store
/// is never reached, as when the write is refused before the transaction's pages reach the file.
/// </summary>
public sealed class FaultyCardStore(ICardStore inner) : ICardStore
{
    public StorageFault Fault { get; set; }

    public int FailedCommits { get; private set; }

    public CardSnapshot Load() => inner.Load();

    public void Commit(StateChange change)
    {
        if (Fault != StorageFault.None)
        {
            FailedCommits++;
            throw new IOException($"injected {Fault}", (int)Fault);
        }
        inner.Commit(change);
    }

    public byte[]? LoadPackage(Iccid iccid) => inner.LoadPackage(iccid);

    public void Dispose() => inner.Dispose();
}
