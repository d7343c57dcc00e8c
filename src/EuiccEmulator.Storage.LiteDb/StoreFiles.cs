using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace EuiccEmulator.Storage.LiteDb;

/// <summary>
/// The files LiteDB is given as streams, so that the store decides when the log reaches the disk. LiteDB 5 wraps a
/// caller's stream in its own and then flushes it with <see cref="Stream.Flush()"/>, never fsync.
/// </summary>
internal static class StoreFiles
{
    public static FileStreamOptions Options(int bufferSize)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.Read | FileShare.Delete,
            BufferSize = bufferSize,
        };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }
}

/// <summary>
/// The data file: every flush LiteDB asks for (the new file's header, the end of a checkpoint) is an fsync, as LiteDB
/// does on a file of its own. A checkpoint truncates the log only after this flush.
/// </summary>
internal sealed class DataFileStream(string path) : FileStream(path, StoreFiles.Options(8192))
{
    public override void Flush() => Flush(flushToDisk: true);
}

/// <summary>
/// The write-ahead log. LiteDB appends a transaction's pages one by one and flushes after each page it writes; here
/// those appends are gathered in memory and <see cref="Sync"/> writes them with one call and one fsync, once per
/// store commit. A crash before <see cref="Sync"/> loses only a transaction whose commit had not returned; a torn
/// write leaves pages without their transaction's confirmation, which LiteDB's log replay ignores.
/// </summary>
internal sealed class LogFileStream : Stream
{
    private readonly FileStream _file;
    private readonly SafeFileHandle _handle;
    private byte[] _pending = [];
    private long _pendingAt;
    private int _pendingCount;
    private long _position;
    private long _length;
    private bool _disposed;

    public LogFileStream(string path)
    {
        _file = new FileStream(path, StoreFiles.Options(bufferSize: 0));
        _handle = _file.SafeFileHandle;
        _length = _file.Length;
    }

    /// <summary>fsync calls made (state changes should make exactly one each).</summary>
    public int Syncs { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    /// <summary>Writes what LiteDB appended since the last call and fsyncs the log: the commit is then on disk.</summary>
    public void Sync()
    {
        lock (this)
        {
            WritePending();
            _file.Flush(flushToDisk: true);
            Syncs++;
            ReleasePending(); // an idle store keeps no commit buffer
        }
    }

    /// <summary>LiteDB's flush after each page it writes: nothing yet, <see cref="Sync"/> writes and syncs.</summary>
    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        WritePending(); // a read sees every page written so far; this does not make them durable
        var read = RandomAccess.Read(_handle, buffer.AsSpan(offset, count), _position);
        _position += read;
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_pendingCount > 0 && _position != _pendingAt + _pendingCount) WritePending();
        if (_pendingCount == 0) _pendingAt = _position;
        if (_pending.Length < _pendingCount + count)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_pendingCount + count, 2 * _pending.Length));
            Buffer.BlockCopy(_pending, 0, bigger, 0, _pendingCount);
            ReleasePending();
            _pending = bigger;
        }
        Buffer.BlockCopy(buffer, offset, _pending, _pendingCount, count);
        _pendingCount += count;
        _position += count;
        _length = Math.Max(_length, _position);
    }

    public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => _length + offset,
    };

    public override void SetLength(long value)
    {
        WritePending();
        _file.SetLength(value);
        _length = value;
    }

    private void ReleasePending()
    {
        if (_pending.Length > 0) ArrayPool<byte>.Shared.Return(_pending);
        _pending = [];
    }

    private void WritePending()
    {
        if (_pendingCount == 0) return;
        RandomAccess.Write(_handle, _pending.AsSpan(0, _pendingCount), _pendingAt);
        _pendingCount = 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true; // LiteDB disposes each of its wrappers around this stream
            try
            {
                WritePending();
            }
            finally
            {
                ReleasePending();
                _file.Dispose();
            }
        }
        base.Dispose(disposing);
    }
}
