namespace EuiccEmulator.Cli;

/// <summary>Where a verb writes: results to <see cref="Output"/>, log lines and progress to <see cref="Log"/>.</summary>
/// <param name="showProgress">The log is a terminal: long work may redraw a progress line there.</param>
public sealed class CliContext(TextWriter output, TextWriter log, bool showProgress = false)
{
    public TextWriter Output { get; } = output;

    public TextWriter Log { get; } = log;

    public bool ShowProgress { get; } = showProgress;

    /// <summary>A progress line for <paramref name="total"/> steps; silent unless the log is a terminal.</summary>
    public ProgressLine Progress(string what, int total) => new(Log, ShowProgress, what, total);
}

/// <summary>
/// One redrawn line on a terminal ("minting 1200/10000"), at most ten redraws a second, erased when disposed.
/// Silent when disabled, so redirected output never carries carriage returns.
/// </summary>
public sealed class ProgressLine(TextWriter log, bool enabled, string what, int total) : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly Lock _gate = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private TimeSpan _last = -Interval;
    private int _done;
    private bool _drawn;

    public bool Enabled => enabled;

    /// <summary>Steps done so far (thread-safe).</summary>
    public int Done => Volatile.Read(ref _done);

    /// <summary>One more step done, from any thread.</summary>
    public void Step(string? item = null) => Report(Interlocked.Increment(ref _done), item);

    /// <summary>Steps that were already done before this run (a fleet file that holds some cards).</summary>
    public void Advance(int steps) => Report(Interlocked.Add(ref _done, steps));

    public void Report(int done, string? item = null)
    {
        if (!enabled) return;
        lock (_gate)
        {
            var now = _clock.Elapsed;
            if (done < total && now - _last < Interval) return;
            _last = now;
            var text = $"{what} {done}/{total}{(item is null ? "" : " " + item)}";
            // \r and erase-line redraw in place; the width is kept under 80 columns.
            log.Write("\r\u001b[K" + (text.Length > 79 ? text[..79] : text));
            log.Flush();
            _drawn = true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (!_drawn) return;
            log.Write("\r\u001b[K");
            log.Flush();
            _drawn = false;
        }
    }
}
