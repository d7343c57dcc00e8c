using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Servers.Eim;

namespace EuiccEmulator.Servers.Hosting;

/// <summary>What <c>eim serve</c> needs: where to listen, its store, its name.</summary>
public sealed record EimServerOptions
{
    public required ListenOptions Listen { get; init; }

    public required string StorePath { get; init; }

    public string EimId { get; init; } = TestEimOptions.DefaultEimId;

    public bool Https { get; init; } = true;

    /// <summary>Where indirect downloads are relayed; default: ES9+ over HTTPS to the SM-DP+ address.</summary>
    public Func<string, EuiccEmulator.Servers.Es9.IEs9Plus>? SmdpFor { get; init; }
}

/// <summary>The test eIM as an HTTPS server (ESipa ASN.1 binding): composition used by the CLI verbs and the lab.</summary>
public static class EimServer
{
    public static async Task<(ServerHost Host, EimService Service)> StartAsync(
        EimServerOptions options, Action<string> log, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The IPA reaches the eIM at https://eimFqdn/: it carries the port unless that is 443.
        var service = new EimService(new EimServiceOptions
        {
            StorePath = options.StorePath,
            EimId = options.EimId,
            EimFqdn = SmdpServer.ServedAddress(options.EimId, options.Listen.Port),
            Log = log,
            SmdpFor = options.SmdpFor,
        });
        try
        {
            var listen = options.Https && options.Listen.Certificate is null
                ? options.Listen with { Certificate = TestTls.ServerCertificate([options.EimId, options.Listen.Address.ToString()]) }
                : options.Listen;
            if (!options.Https) listen = listen with { Certificate = null };
            var host = await ServerHost.StartAsync(listen with { MaxRequestBodySize = EsipaAsn1Endpoints.MaxBodySize },
                routes => EsipaAsn1Endpoints.Map(routes, service, log), cancel).ConfigureAwait(false);
            return (host, service);
        }
        catch
        {
            service.Dispose();
            throw;
        }
    }

    /// <summary>Lines telling a user how to point an IPAd at the eIM and queue packages.</summary>
    public static IEnumerable<string> Instructions(ServerHost host, EimService service, string? trustFile)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(service);
        var url = new Uri(host.BaseUri, EsipaAsn1Endpoints.Path);
        yield return $"eIM {service.EimId} listening on {url} (ESipa ASN.1 binding, {EsipaAsn1Endpoints.AdminProtocol}); "
            + $"store {service.StorePath}";
        yield return $"  associate a card (ES10b AddInitialEim, once): {Convert.ToHexString(service.AddInitialEimRequest())}";
        yield return $"  hosts-file line: {host.BaseUri.Host} {service.EimId}";
        if (host.BaseUri.Scheme == "https" && trustFile is not null)
            yield return $"  TLS: trust {trustFile} (the SGP.26 TEST CI, TEST ONLY); or skip verification in the IPAd";
        yield return $"  IPAd: eIM URL {url.Scheme}://{SmdpServer.ServedAddress(service.EimId, host.Port)}{EsipaAsn1Endpoints.Path} (the "
            + $"eimFqdn of the AddInitialEim request above)";
        yield return $"  queue: euicc-emu eim queue --server {host.BaseUri.Scheme}://127.0.0.1:{host.Port} --eid EID (enable ICCID | "
            + $"disable ICCID | delete ICCID | list-profiles | ipa-data | download CODE)";
        yield return "  ESipa functions: getEimPackage, provideEimPackageResult, handleNotification, "
            + "and the indirect download relayed to the SM-DP+ "
            + "(initiateAuthentication, authenticateClient, getBoundProfilePackage, cancelSession)";
    }
}
