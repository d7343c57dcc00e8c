using System.Globalization;

namespace EuiccEmulator.Rsp.Saip;

/// <summary>
/// Frames the unprotected profile package, fed in chunks split anywhere, into complete ProfileElement TLVs.
/// Buffers at most one PE; refuses indefinite or non-minimal lengths and anything beyond <see cref="SaipLimits"/>.
/// </summary>
// SAIP v3.3.1 §2: the package is a plain concatenation of DER ProfileElement values.
internal sealed class ProfileElementReader
{
    private readonly SaipLimits _limits;
    private byte[] _buffer = new byte[256];
    private int _count;
    private long _consumed;
    private long _received;
    private SaipError? _error;

    public ProfileElementReader(SaipLimits? limits = null) => _limits = limits ?? SaipLimits.Default;

    /// <summary>Bytes taken in so far.</summary>
    public long BytesReceived => _received;

    /// <summary>Bytes received that do not yet form a complete PE.</summary>
    public int PendingBytes => _count;

    /// <summary>Reads a whole package at once.</summary>
    /// <exception cref="SaipException">The bytes are not a well-framed package within the limits.</exception>
    public static IReadOnlyList<ProfileElement> ReadAll(ReadOnlySpan<byte> package, SaipLimits? limits = null)
    {
        var reader = new ProfileElementReader(limits);
        var elements = reader.Append(package);
        reader.Complete();
        return elements;
    }

    /// <summary>Adds the next chunk and returns the PEs it completed, in order.</summary>
    /// <exception cref="SaipException">Framing error or limit exceeded; the reader stays failed.</exception>
    public IReadOnlyList<ProfileElement> Append(ReadOnlySpan<byte> chunk)
    {
        var completed = new List<ProfileElement>();
        while (!chunk.IsEmpty)
            if (ReadOne(ref chunk) is { } element) completed.Add(element);
        if (_error is not null) throw new SaipException(_error);
        return completed;
    }

    /// <summary>Consumes bytes from <paramref name="chunk"/> until one PE completes (returned) or the chunk is used up (null).</summary>
    /// <exception cref="SaipException">Framing error or limit exceeded; the reader stays failed.</exception>
    public ProfileElement? ReadOne(ref ReadOnlySpan<byte> chunk)
    {
        if (_error is not null) throw new SaipException(_error);
        while (!chunk.IsEmpty)
        {
            var take = Math.Min(BytesNeeded(), chunk.Length);
            if (_received + take > _limits.MaxPackageSize)
            {
                Fail(PeStatusCode.NotEnoughMemory, null, _consumed,
                    $"package larger than the {_limits.MaxPackageSize.ToString(CultureInfo.InvariantCulture)} byte limit");
            }

            Ensure(_count + take);
            chunk[..take].CopyTo(_buffer.AsSpan(_count));
            _count += take;
            _received += take;
            chunk = chunk[take..];
            if (TryTakeElement() is { } element) return element;
        }
        return null;
    }

    /// <summary>Declares the end of input.</summary>
    /// <exception cref="SaipException">A PE was left incomplete.</exception>
    public void Complete()
    {
        if (_error is not null) throw new SaipException(_error);
        if (_count == 0) return;
        var partial = _buffer.AsSpan(0, _count);
        int? tag = DerHeader.TryReadTag(partial, out var t, out _) == DerHeaderStatus.Ok ? t : null;
        int? id = null;
        if (DerHeader.TryRead(partial, out _, out var hl, out var length) == DerHeaderStatus.Ok
            && PeHeader.TryRead(partial[hl..], out _, out var partialId))
        {
            id = partialId;
        }

        var expected = tag is null ? "" : $" of {(hl + length).ToString(CultureInfo.InvariantCulture)}";
        Fail(PeStatusCode.InvalidRequestFormat, tag, _consumed,
            $"package ends inside a PE: {_count.ToString(CultureInfo.InvariantCulture)} bytes{expected} received", id);
    }

    // How many more bytes the PE at the buffer start needs before the next parsing step can progress.
    private int BytesNeeded()
    {
        var status = DerHeader.TryRead(_buffer.AsSpan(0, _count), out _, out var headerLength, out var length);
        return status == DerHeaderStatus.Ok ? (int)(headerLength + length - _count) : 1;
    }

    private ProfileElement? TryTakeElement()
    {
        var data = _buffer.AsSpan(0, _count);
        // Every ProfileElement alternative is a constructed context-specific tag (AUTOMATIC TAGS).
        if ((data[0] & 0xE0) != 0xA0)
        {
            Fail(PeStatusCode.InvalidRequestFormat, null, _consumed,
                $"byte {data[0]:X2} is not a ProfileElement tag (expected a constructed context tag)");
        }

        var tagStatus = DerHeader.TryReadTag(data, out var tag, out _);
        if (tagStatus is not DerHeaderStatus.Ok and not DerHeaderStatus.NeedMore)
            Fail(PeStatusCode.InvalidRequestFormat, null, _consumed, "bad PE tag: " + DerHeader.Describe(tagStatus));

        var status = DerHeader.TryRead(data, out tag, out var headerLength, out var length);
        if (status == DerHeaderStatus.NeedMore) return null;
        if (status != DerHeaderStatus.Ok)
            Fail(PeStatusCode.InvalidRequestFormat, tag, _consumed, DerHeader.Describe(status));
        var total = headerLength + length;
        if (total > _limits.MaxElementSize)
        {
            Fail(PeStatusCode.NotEnoughMemory, tag, _consumed,
                $"PE of {total.ToString(CultureInfo.InvariantCulture)} bytes exceeds the "
                    + $"{_limits.MaxElementSize.ToString(CultureInfo.InvariantCulture)} byte limit");
        }

        if (_count < total) return null;

        var element = new ProfileElement(data[..(int)total].ToArray(), tag, headerLength, _consumed);
        _consumed += total;
        _count = 0;
        return element;
    }

    private void Ensure(int capacity)
    {
        if (capacity <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(capacity, _buffer.Length * 2));
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(PeStatusCode code, int? tag, long offset, string message, int? identification = null)
    {
        _error = new SaipError(code, identification, tag, offset, message);
        throw new SaipException(_error);
    }
}
