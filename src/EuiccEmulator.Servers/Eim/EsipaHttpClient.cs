using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EuiccEmulator.Servers.Hosting;

namespace EuiccEmulator.Servers.Eim;

/// <summary>Client of the ESipa ASN.1 binding and of the test eIM's admin API.</summary>
public sealed class EsipaHttpClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _owns;

    /// <summary>Over HTTPS the server must chain to the SGP.26 test CI unless <paramref name="http"/> says otherwise.</summary>
    public EsipaHttpClient(Uri baseUri, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        BaseUri = baseUri;
        _owns = http is null;
        _http = http ?? new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = TestTls.TrustCi() })
            { Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseUri { get; }

    /// <summary>POSTs one EsipaMessageFromIpaToEim; the answer body (empty for 204).</summary>
    /// <exception cref="HttpRequestException">Any status other than 200/204.</exception>
    public async Task<byte[]> SendAsync(byte[] message, CancellationToken cancel = default)
    {
        using var content = new ByteArrayContent(message);
        content.Headers.ContentType = new MediaTypeHeaderValue(EsipaAsn1Endpoints.ContentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri, EsipaAsn1Endpoints.Path)) { Content = content };
        request.Headers.Add("X-Admin-Protocol", EsipaAsn1Endpoints.AdminProtocol);
        using var response = await _http.SendAsync(request, cancel).ConfigureAwait(false);
        if ((int)response.StatusCode is not (200 or 204))
            throw new HttpRequestException($"ESipa: HTTP {(int)response.StatusCode}", null, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Queues a package through the admin API; returns (id, description) or throws with the server's error.</summary>
    public async Task<(int Id, string Description)> QueueAsync(
        string eid, string operation, string? iccid = null, long? associationToken = null, string? sgp32 = null,
        string? activationCode = null, CancellationToken cancel = default)
    {
        var body = new Dictionary<string, object?> { ["eid"] = eid, ["operation"] = operation };
        if (iccid is not null) body["iccid"] = iccid;
        if (activationCode is not null) body["activationCode"] = activationCode;
        if (associationToken is not null) body["associationToken"] = associationToken;
        if (sgp32 is not null) body["sgp32"] = sgp32;
        using var response = await _http.PostAsJsonAsync(new Uri(BaseUri, EsipaAsn1Endpoints.AdminQueuePath), body, cancel)
            .ConfigureAwait(false);
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancel).ConfigureAwait(false));
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                json.RootElement.TryGetProperty("error", out var e) ? e.GetString() : $"HTTP {(int)response.StatusCode}", null,
                response.StatusCode);
        }
        return (json.RootElement.GetProperty("id").GetInt32(), json.RootElement.GetProperty("description").GetString()!);
    }

    /// <summary>The card's state as JSON text (admin API).</summary>
    public async Task<string> StateAsync(string eid, CancellationToken cancel = default)
    {
        using var response = await _http.GetAsync(new Uri(BaseUri, EsipaAsn1Endpoints.AdminCardsPath + eid), cancel).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException(text, null, response.StatusCode);
        return text;
    }

    public void Dispose()
    {
        if (_owns) _http.Dispose();
    }
}
