using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace EuiccEmulator.Servers.Es9;

/// <summary>The LPA (or eIM) side of the ES9+ JSON binding over HTTP(S) (SGP.22 §6.5).</summary>
public sealed class Es9PlusHttpClient : IEs9Plus, IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsClient;

    /// <param name="baseUri">scheme://host:port of the SM-DP+ (its address, or where it really listens).</param>
    /// <param name="http">Client to use (TLS trust is its handler's business); null: a new one that trusts the SGP.26 test CI only.</param>
    public Es9PlusHttpClient(Uri baseUri, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        BaseUri = baseUri;
        _ownsClient = http is null;
        _http = http
            ?? new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = Hosting.TestTls.TrustCi() })
            { Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseUri { get; }

    public async Task<Es9Result<InitiateAuthenticationOk>> InitiateAuthenticationAsync(
        byte[] euiccChallenge, byte[]? euiccInfo1, string smdpAddress, CancellationToken cancel = default)
    {
        var (status, json) = await Call("initiateAuthentication", w =>
        {
            w.WriteBase64String("euiccChallenge", euiccChallenge);
            if (euiccInfo1 is not null) w.WriteBase64String("euiccInfo1", euiccInfo1);
            w.WriteString("smdpAddress", smdpAddress);
        }, cancel).ConfigureAwait(false);
        if (json is not { } j) return status;
        return new Es9Result<InitiateAuthenticationOk>(new InitiateAuthenticationOk(
            j.GetProperty("transactionId").GetString()!, B64(j, "serverSigned1"), B64(j, "serverSignature1"), B64(j, "euiccCiPKIdToBeUsed"),
            B64(j, "serverCertificate")), status);
    }

    public async Task<Es9Result<AuthenticateClientOk>> AuthenticateClientAsync(
        string transactionId, byte[] authenticateServerResponse, CancellationToken cancel = default)
    {
        var (status, json) = await Call("authenticateClient", w =>
        {
            w.WriteString("transactionId", transactionId);
            w.WriteBase64String("authenticateServerResponse", authenticateServerResponse);
        }, cancel).ConfigureAwait(false);
        if (json is not { } j) return status;
        return new Es9Result<AuthenticateClientOk>(new AuthenticateClientOk(
            j.GetProperty("transactionId").GetString()!, B64(j, "profileMetadata"), B64(j, "smdpSigned2"), B64(j, "smdpSignature2"),
            B64(j, "smdpCertificate"), j.TryGetProperty("hashCc", out _) ? B64(j, "hashCc") : null), status);
    }

    public async Task<Es9Result<BoundProfilePackageOk>> GetBoundProfilePackageAsync(
        string transactionId, byte[] prepareDownloadResponse, CancellationToken cancel = default)
    {
        var (status, json) = await Call("getBoundProfilePackage", w =>
        {
            w.WriteString("transactionId", transactionId);
            w.WriteBase64String("prepareDownloadResponse", prepareDownloadResponse);
        }, cancel).ConfigureAwait(false);
        if (json is not { } j) return status;
        return new Es9Result<BoundProfilePackageOk>(
            new BoundProfilePackageOk(j.GetProperty("transactionId").GetString()!, B64(j, "boundProfilePackage")), status);
    }

    public async Task<Es9Status> HandleNotificationAsync(byte[] pendingNotification, CancellationToken cancel = default) =>
        (await Call("handleNotification", w => w.WriteBase64String("pendingNotification", pendingNotification), cancel)
            .ConfigureAwait(false)).Status;

    public async Task<Es9Status> CancelSessionAsync(
        string transactionId, byte[] cancelSessionResponse, CancellationToken cancel = default) =>
        (await Call("cancelSession", w =>
        {
            w.WriteString("transactionId", transactionId);
            w.WriteBase64String("cancelSessionResponse", cancelSessionResponse);
        }, cancel).ConfigureAwait(false)).Status;

    public void Dispose()
    {
        if (_ownsClient) _http.Dispose();
    }

    /// <summary>POSTs one function; a success answer's root element, or the failure status.</summary>
    private async Task<(Es9Status Status, JsonElement? Json)> Call(string function, Action<Utf8JsonWriter> fields, CancellationToken cancel)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            fields(w);
            w.WriteEndObject();
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri, Es9PlusJsonEndpoints.PathPrefix + function))
        {
            Content = new ByteArrayContent(stream.ToArray()),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json;charset=UTF-8");
        request.Headers.Add("X-Admin-Protocol", Es9PlusJsonEndpoints.AdminProtocol);
        request.Headers.UserAgent.ParseAdd("euicc-emu-lpa/1");
        using var response = await _http.SendAsync(request, cancel).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NoContent) return (Es9Status.Success, null);
        var body = await response.Content.ReadAsByteArrayAsync(cancel).ConfigureAwait(false);
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement.Clone();
            var status = root.GetProperty("header").GetProperty("functionExecutionStatus");
            if (status.GetProperty("status").GetString() is "Executed-Success" or "Executed-WithWarning") return (Es9Status.Success, root);
            var data = status.TryGetProperty("statusCodeData", out var d) ? d : default;
            string? Field(string n) => data.ValueKind == JsonValueKind.Object && data.TryGetProperty(n, out var v) ? v.GetString() : null;
            return (Es9Status.Failed(
                Field("subjectCode") ?? "?", Field("reasonCode") ?? "?", Field("message") ?? $"HTTP {(int)response.StatusCode}"), null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (Es9Status.Failed("-", "-", $"HTTP {(int)response.StatusCode}, not an ES9+ answer: "
                + $"{Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 120)))}"), null);
        }
    }

    private static byte[] B64(JsonElement json, string name) => Convert.FromBase64String(json.GetProperty(name).GetString()!);
}
