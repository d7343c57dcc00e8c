using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Servers.Es9;
using EuiccEmulator.Servers.Smdp;

namespace EuiccEmulator.Servers.Hosting;

/// <summary>What <c>smdp serve</c> needs: where to listen, what to serve, under which name.</summary>
public sealed record SmdpServerOptions
{
    public required ListenOptions Listen { get; init; }

    public required ProfileCatalog Catalog { get; init; }

    public string Address { get; init; } = TestSmdpOptions.DefaultAddress;

    public bool Https { get; init; } = true;

    /// <summary>A private CI (keys new-ci): DPauth/DPpb and the TLS certificate are issued under it; null: the SGP.26 test CI.</summary>
    public CiBundle? Ci { get; init; }
}

/// <summary>The test SM-DP+ as an HTTPS server: composition used by the CLI verbs and the lab.</summary>
public static class SmdpServer
{
    public static async Task<(ServerHost Host, SmdpService Service)> StartAsync(
        SmdpServerOptions options, Action<string> log, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var host = HostName(options.Address);
        var service = new SmdpService(new SmdpServiceOptions
        {
            Catalog = options.Catalog,
            Smdp = options.Ci is { } ci
                ? TestSmdpOptions.ForPrivateCi(ci, address: ServedAddress(options.Address, options.Listen.Port))
                : new TestSmdpOptions { Address = ServedAddress(options.Address, options.Listen.Port) },
            Log = log,
        });
        var listen = options.Https && options.Listen.Certificate is null
            ? options.Listen with { Certificate = TestTls.ServerCertificate([host, options.Listen.Address.ToString()], ci: options.Ci) }
            : options.Listen;
        if (!options.Https) listen = listen with { Certificate = null };
        var server = await ServerHost.StartAsync(listen, routes => Es9PlusJsonEndpoints.Map(routes, service, log), cancel)
            .ConfigureAwait(false);
        return (server, service);
    }

    /// <summary>
    /// The SM-DP+ address the card signs for: NAME:PORT when listening on a port other than 443. The card echoes this
    /// address as every notification's notificationAddress, and an LPA posts notifications to https://ADDRESS/, so
    /// without the port they would go to 443 and be lost (SGP.22 §4.1: an SM-DP+ address may carry a port).
    /// </summary>
    public static string ServedAddress(string address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        return port is 0 or 443 || address.Contains(':', StringComparison.Ordinal)
            ? address
            : $"{address}:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static string HostName(string address) =>
        address.LastIndexOf(':') is var colon and > 0 && !address.StartsWith('[') ? address[..colon] : address;

    /// <summary>Lines telling a user how to point an LPA at the server.</summary>
    public static IEnumerable<string> Instructions(ServerHost host, SmdpService service, string? trustFile)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(service);
        var https = host.BaseUri.Scheme == "https";
        yield return $"SM-DP+ {service.Address} listening on {host.BaseUri} (ES9+ JSON, {Es9PlusJsonEndpoints.AdminProtocol}); "
            + $"Ctrl-C stops";
        foreach (var p in service.Catalog.Profiles.OrderBy(p => p.MatchingId, StringComparer.Ordinal))
        {
            yield return $"  activation code LPA:1${ServedAddress(service.Address, host.Port)}${p.MatchingId}   "
                + $"({p.Metadata.Iccid}{(p.Faults == SmdpFaults.None ? "" : ", with deliberate faults")})";
        }
        var name = HostName(service.Address);
        if (!System.Net.IPAddress.TryParse(name, out _)) yield return $"  hosts-file line: {host.BaseUri.Host} {name}";
        if (https)
        {
            yield return trustFile is null
                ? "  TLS: certificate issued by the SM-DP+'s CI (TEST ONLY)"
                : $"  TLS: trust {trustFile} (the SM-DP+'s TEST CI: the CA file of the LPA's HTTPS client), "
                    + $"or skip verification in the client";
        }
        yield return $"  LPA: profile download with activation code 'LPA:1${ServedAddress(service.Address, host.Port)}$MATCHINGID', "
            + $"then process notifications (they go to https://{ServedAddress(service.Address, host.Port)}/)";
    }
}
