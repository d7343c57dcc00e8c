namespace EuiccEmulator.Vpcd.Tests.Support;

/// <summary>A running <see cref="VpcdClient"/> wired to a fake card, an event log and (usually) a mock vpcd.</summary>
internal sealed class ClientHarness : IAsyncDisposable
{
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _cts = new();
    private readonly List<(string Command, string Response)> _apdus = [];

    private ClientHarness(VpcdServerMock? server, int port, Func<VpcdClientOptions, VpcdClientOptions>? configure)
    {
        Server = server;
        var options = new VpcdClientOptions
        {
            Host = "127.0.0.1",
            Port = port,
            InitialRetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromMilliseconds(100),
            EventObserver = Events.Add,
            ApduObserver = (command, response) =>
            {
                lock (_apdus)
                {
                    _apdus.Add((Convert.ToHexString(command), Convert.ToHexString(response)));
                }
            },
        };
        Client = new VpcdClient(Card, configure is null ? options : configure(options));
        Running = Client.RunAsync(_cts.Token);
    }

    public VpcdServerMock? Server { get; }

    public VpcdServerMock Vpcd => Server ?? throw new InvalidOperationException("no server in this harness");

    public FakeCard Card { get; } = new();

    public EventLog Events { get; } = new();

    public VpcdClient Client { get; }

    public Task Running { get; }

    public CancellationToken Token => _cts.Token;

    public IReadOnlyList<(string Command, string Response)> Apdus
    {
        get
        {
            lock (_apdus)
            {
                return [.. _apdus];
            }
        }
    }

    public static ClientHarness Start(Func<VpcdClientOptions, VpcdClientOptions>? configure = null)
    {
        var server = VpcdServerMock.Start();
        return new ClientHarness(server, server.Port, configure);
    }

    /// <summary>A client pointed at a port where nothing listens.</summary>
    public static ClientHarness StartWithoutServer(Func<VpcdClientOptions, VpcdClientOptions>? configure = null) =>
        new(null, VpcdServerMock.UnusedPort(), configure);

    public async Task StopAsync()
    {
        await _cts.CancelAsync();
        await Running.WaitAsync(StopTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!Running.IsCompleted)
        {
            await StopAsync();
        }

        Server?.Dispose();
        _cts.Dispose();
    }
}
