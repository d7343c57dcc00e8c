using System.Runtime.InteropServices;

namespace EuiccEmulator.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM as one cancellation for the serving verbs, so they shut down cleanly: sockets first,
/// then the stores. Disposing it gives the signals back to the runtime.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _onTerm;

    public StopSignal()
    {
        Console.CancelKeyPress += OnCancelKey;
        _onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            _stop.Cancel();
        });
    }

    public CancellationToken Token => _stop.Token;

    public void Cancel() => _stop.Cancel();

    private void OnCancelKey(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _stop.Cancel();
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKey;
        _onTerm.Dispose();
        _stop.Dispose();
    }
}
