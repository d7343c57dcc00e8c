namespace EuiccEmulator.Card.IsdR;

/// <summary>
/// Values computed from exact bytes (a certificate's verification, a stored key's import), kept per card so that
/// each certificate and key is parsed, imported and verified once, not on every use. The computation must depend on
/// nothing but the bytes and the kind. Bounded: a host sending ever new bytes only recycles the cache.
/// </summary>
internal sealed class BytesCache<T>(int capacity)
{
    private readonly Dictionary<(string Kind, byte[] Bytes), T> _entries = new(KeyComparer.Instance);
    private readonly Lock _lock = new();

    public T GetOrAdd(string kind, byte[] bytes, Func<byte[], T> compute)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue((kind, bytes), out var value)) return value;
        }
        var computed = compute(bytes);
        lock (_lock)
        {
            if (_entries.Count >= capacity) _entries.Clear();
            _entries[(kind, bytes.ToArray())] = computed;
        }
        return computed;
    }

    private sealed class KeyComparer : IEqualityComparer<(string Kind, byte[] Bytes)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((string Kind, byte[] Bytes) x, (string Kind, byte[] Bytes) y) =>
            string.Equals(x.Kind, y.Kind, StringComparison.Ordinal) && x.Bytes.AsSpan().SequenceEqual(y.Bytes);

        public int GetHashCode((string Kind, byte[] Bytes) key)
        {
            var hash = new HashCode();
            hash.Add(key.Kind, StringComparer.Ordinal);
            hash.AddBytes(key.Bytes);
            return hash.ToHashCode();
        }
    }
}
