using System.Globalization;

namespace EuiccEmulator.Vpcd;

/// <summary>Settings of a <see cref="VpcdClient"/>.</summary>
public sealed class VpcdClientOptions
{
    /// <summary>Port of the first vpcd slot (vsmartcard vpcd.h VPCDPORT); the second slot listens on the next port.</summary>
    public const int DefaultPort = 35963;

    public const string DefaultHost = "127.0.0.1";

    /// <summary>Host where pcscd with vpcd listens.</summary>
    public string Host { get; init; } = DefaultHost;

    public int Port { get; init; } = DefaultPort;

    /// <summary>First wait after a refused connect or a lost connection; doubles per failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound for one connect attempt (name resolution plus TCP handshake).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Optional: sees every command APDU and its response.</summary>
    public VpcdApduObserver? ApduObserver { get; init; }

    /// <summary>Optional: sees connection and control events.</summary>
    public Action<VpcdEvent>? EventObserver { get; init; }

    /// <summary>Parses <c>HOST:PORT</c>, <c>[IPv6]:PORT</c>, <c>HOST</c> (default port) or <c>:PORT</c> (default host).</summary>
    public static bool TryParseEndpoint(string? text, out string host, out int port)
    {
        host = DefaultHost;
        port = DefaultPort;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var hostPart = text.Trim();
        string? portPart = null;
        if (hostPart.StartsWith('['))
        {
            var close = hostPart.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            var rest = hostPart[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    return false;
                }

                portPart = rest[1..];
            }

            hostPart = hostPart[1..close];
        }
        else
        {
            var colon = hostPart.LastIndexOf(':');
            if (colon >= 0)
            {
                if (hostPart.IndexOf(':', StringComparison.Ordinal) != colon)
                {
                    return false; // bare IPv6 without brackets is ambiguous
                }

                portPart = hostPart[(colon + 1)..];
                hostPart = hostPart[..colon];
            }
        }

        var parsedPort = DefaultPort;
        if (portPart is not null
            && (!int.TryParse(portPart, NumberStyles.None, CultureInfo.InvariantCulture, out parsedPort) || parsedPort is < 1 or > 65535))
        {
            return false;
        }

        host = hostPart.Length == 0 ? DefaultHost : hostPart;
        port = parsedPort;
        return true;
    }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Host);
        ArgumentOutOfRangeException.ThrowIfLessThan(Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(InitialRetryDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryDelay, InitialRetryDelay);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero);
    }
}
