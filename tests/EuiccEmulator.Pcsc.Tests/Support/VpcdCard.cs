using EuiccEmulator.Iso7816;
using EuiccEmulator.Vpcd;

namespace EuiccEmulator.Pcsc.Tests.Support;

/// <summary>An in-process card served on a vpcd slot, so pcscd sees it in that slot's reader.</summary>
internal sealed class VpcdCard : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _running;

    public VpcdCard(ICard card, int port)
    {
        var client = new VpcdClient(card, new VpcdClientOptions
        {
            Port = port,
            InitialRetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        });
        _running = client.RunAsync(_cts.Token);
    }

    /// <summary>Stops serving: for pcscd the card is removed.</summary>
    public void Dispose()
    {
        _cts.Cancel();
        if (!_running.Wait(TimeSpan.FromSeconds(5)))
        {
            throw new InvalidOperationException("vpcd client did not stop within 5 s");
        }

        _cts.Dispose();
    }
}
