using System.Collections.Concurrent;

namespace EuiccEmulator.Vpcd.Tests.Support;

/// <summary>Collects client events from the client thread and lets tests wait for one.</summary>
internal sealed class EventLog
{
    private readonly ConcurrentQueue<VpcdEvent> _events = new();
    private readonly SemaphoreSlim _signal = new(0);

    public IReadOnlyList<VpcdEventKind> Kinds => [.. _events.Select(e => e.Kind)];

    public IReadOnlyList<VpcdEvent> Events => [.. _events];

    public void Add(VpcdEvent e)
    {
        _events.Enqueue(e);
        _signal.Release();
    }

    public int Count(VpcdEventKind kind) => _events.Count(e => e.Kind == kind);

    /// <summary>Waits until at least <paramref name="count"/> events of <paramref name="kind"/> were seen.</summary>
    public async Task WaitForAsync(VpcdEventKind kind, int count = 1, int timeoutMs = 5000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        while (Count(kind) < count)
        {
            try
            {
                await _signal.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no {count}x {kind} within {timeoutMs} ms; saw {string.Join(", ", Kinds)}");
            }
        }
    }
}
