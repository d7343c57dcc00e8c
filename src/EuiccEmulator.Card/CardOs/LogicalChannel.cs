namespace EuiccEmulator.Card.CardOs;

/// <summary>Volatile per-channel state: selected application, STORE DATA buffer, pending response.</summary>
// ISO 7816-4 §5.1.1.2: each logical channel keeps its own selection and response chaining.
internal sealed class LogicalChannel(int number, int maxRequestSize)
{
    public int Number { get; } = number;

    public CardApplication? Selected { get; set; }

    public StoreDataAssembler StoreData { get; } = new(maxRequestSize);

    /// <summary>The file selection of this channel in the presented profile's file system.</summary>
    public Uicc.FileSelection Files { get; } = new();

    /// <summary>Response bytes still to be fetched with GET RESPONSE.</summary>
    public byte[]? PendingResponse { get; private set; }

    private int _pendingOffset;

    public int PendingRemaining => PendingResponse is null ? 0 : PendingResponse.Length - _pendingOffset;

    public void SetPending(byte[] data, int offset)
    {
        PendingResponse = data;
        _pendingOffset = offset;
    }

    /// <summary>Takes up to <paramref name="max"/> pending bytes.</summary>
    public ReadOnlySpan<byte> TakePending(int max)
    {
        var data = PendingResponse!;
        var n = Math.Min(max, data.Length - _pendingOffset);
        var slice = data.AsSpan(_pendingOffset, n);
        _pendingOffset += n;
        if (_pendingOffset >= data.Length) PendingResponse = null;
        return slice;
    }

    public void ClearPending()
    {
        PendingResponse = null;
        _pendingOffset = 0;
    }

    public void Reset()
    {
        Selected?.Deselect(this);
        Selected = null;
        StoreData.Clear();
        ClearPending();
        Files.Clear();
    }
}
