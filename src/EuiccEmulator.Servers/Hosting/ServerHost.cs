using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EuiccEmulator.Servers.Hosting;

/// <summary>Where and how a server listens.</summary>
public sealed record ListenOptions
{
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>0: any free port (see <see cref="ServerHost.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>TLS server certificate with its private key; null: plain HTTP.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Bodies above this get HTTP 413 before they are read.</summary>
    public long MaxRequestBodySize { get; init; } = 1 << 20;

    /// <summary>Parses HOST:PORT where HOST is an IP address or localhost ([v6]:PORT for IPv6).</summary>
    public static bool TryParseEndpoint(string text, out IPAddress address, out int port)
    {
        address = IPAddress.Loopback;
        port = 0;
        var colon = text.LastIndexOf(':');
        if (colon <= 0) return false;
        var host = text[..colon].Trim('[', ']');
        if (!int.TryParse(
                text[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port)
            || port > 65535)
        {
            return false;
        }
        if (host == "localhost") return true;
        return IPAddress.TryParse(host, out address!);
    }
}

/// <summary>A running Kestrel server (shared framework only); disposing stops it.</summary>
public sealed class ServerHost : IAsyncDisposable, IDisposable
{
    private readonly WebApplication _app;

    private ServerHost(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>http(s)://ADDRESS:PORT with the bound port.</summary>
    public Uri BaseUri { get; }

    public int Port => BaseUri.Port;

    /// <summary>Starts Kestrel on <paramref name="listen"/> with the routes <paramref name="map"/> adds.</summary>
    public static async Task<ServerHost> StartAsync(
        ListenOptions listen, Action<IEndpointRouteBuilder> map, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = listen.MaxRequestBodySize;
            k.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            k.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
            k.Listen(listen.Address, listen.Port, l =>
            {
                l.Protocols = HttpProtocols.Http1AndHttp2;
                if (listen.Certificate is { } cert) l.UseHttps(cert);
                else l.Protocols = HttpProtocols.Http1;
            });
        });
        var app = builder.Build();
        map(app);
        await app.StartAsync(cancel).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServerHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}

/// <summary>Request body reading with the size limit turned into a result, never an exception.</summary>
internal static class Bodies
{
    /// <summary>An announced body over the limit but up to this is read and discarded after its 413.</summary>
    private const long DiscardLimit = 1 << 20;

    /// <summary>The whole body, or null after answering 413/400 itself.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength is { } length && length > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            // After the response Kestrel reads an unread body to its end, but resets the connection instead if the body
            // exceeds its limit: a client still sending then loses the 413 ("response ended prematurely"). A body of
            // moderate size is let through Kestrel's limit to be discarded, so that its sender sees the answer.
            if (length <= DiscardLimit && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                size.MaxRequestBodySize = length;
            return null;
        }
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int n;
            while ((n = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + n > limit)
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return null;
                }
                buffer.Write(chunk, 0, n);
            }
            return buffer.ToArray();
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e)
        {
            context.Response.StatusCode = e.StatusCode;
            return null;
        }
    }
}
