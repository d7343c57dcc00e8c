using System.Net;
using System.Text.Json;
using EuiccEmulator.Servers.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EuiccEmulator.Servers.Eim;

/// <summary>
/// ESipa over HTTP with the ASN.1 binding (SGP.32 §6.1, after SGP.22 §6.6): POST /gsma/rsp2/asn1, DER
/// EsipaMessageFromIpaToEim in, EsipaMessageFromEimToIpa out, X-Admin-Protocol gsma/rsp/v2.x.y; handleNotification
/// answers 204. Plus a small admin API (queueing, state) that answers loopback clients only.
/// </summary>
public static class EsipaAsn1Endpoints
{
    public const string Path = "/gsma/rsp2/asn1";

    public const string ContentType = "application/x-gsma-rsp-asn1";

    public const string AdminProtocol = "gsma/rsp/v2.1.0";

    /// <summary>The largest ESipa message: a ProvideEimPackageResult with a result and its notifications.</summary>
    public const int MaxBodySize = 64 * 1024;

    public const string AdminQueuePath = "/admin/queue";

    public const string AdminCardsPath = "/admin/cards/";

    public static void Map(IEndpointRouteBuilder routes, EimService service, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(service);
        routes.MapPost(Path, c => HandleEsipa(c, service, log));
        routes.MapPost(AdminQueuePath, c => HandleQueue(c, service));
        routes.MapGet(AdminCardsPath + "{eid}", (HttpContext c, string eid) => HandleState(c, service, eid));
        routes.MapGet("/admin/add-initial-request", c =>
            Admin(c, () => (200, Json(w => w.WriteString("addInitialEimRequest", Convert.ToHexString(service.AddInitialEimRequest()))))));
    }

    private static async Task HandleEsipa(HttpContext context, EimService service, Action<string>? log)
    {
        context.Response.Headers["X-Admin-Protocol"] = AdminProtocol;
        var body = await Bodies.ReadAsync(context, MaxBodySize).ConfigureAwait(false);
        if (body is null)
        {
            log?.Invoke($"eIM {Path}: HTTP {context.Response.StatusCode} (body too large or cut)");
            return;
        }
        var protocol = context.Request.Headers["X-Admin-Protocol"].ToString();
        if (!protocol.StartsWith("gsma/rsp/v2.", StringComparison.Ordinal))
        {
            log?.Invoke($"eIM {Path}: HTTP 400 (X-Admin-Protocol '{protocol}' is not gsma/rsp/v2.x.y)");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        byte[]? answer;
        try
        {
            answer = await service.HandleAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (EsipaNotSupportedException e)
        {
            log?.Invoke($"eIM {Path}: HTTP 501 ({e.Message})");
            context.Response.StatusCode = StatusCodes.Status501NotImplemented;
            return;
        }
        catch (EsipaException e)
        {
            log?.Invoke($"eIM {Path}: HTTP 400 ({e.Message})");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (answer is null)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer, context.RequestAborted).ConfigureAwait(false);
    }

    // {"eid": "...", "operation": "enable|disable|delete|list-profiles|ipa-data|download", "iccid"?: "...", "activationCode"?: "...",
    //  "associationToken"?: n, "sgp32"?: "1.0|1.2"}
    private static async Task HandleQueue(HttpContext context, EimService service)
    {
        var body = await Bodies.ReadAsync(context, 4096).ConfigureAwait(false);
        if (body is null) return;
        await Admin(context, () =>
        {
            try
            {
                using var json = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 4 });
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return (400, Error("body is not a JSON object"));
                var operation = Str(root, "operation") switch
                {
                    "enable" => EimQueueOperation.Enable,
                    "disable" => EimQueueOperation.Disable,
                    "delete" => EimQueueOperation.Delete,
                    "list-profiles" => EimQueueOperation.ListProfiles,
                    "ipa-data" => EimQueueOperation.IpaData,
                    "download" => EimQueueOperation.Download,
                    var other => throw new EimQueueException($"operation: '{other}' is not enable, disable, delete, list-profiles, "
                        + $"ipa-data or download"),
                };
                long? token = root.TryGetProperty("associationToken", out var t) && t.ValueKind == JsonValueKind.Number
                    && t.TryGetInt64(out var v) ? v : null;
                var item = service.Queue(Str(root, "eid") ?? "", operation, Str(root, "iccid"), token, Str(root, "sgp32"),
                    Str(root, "activationCode"));
                return (200, Json(w =>
                {
                    w.WriteNumber("id", item.Id);
                    w.WriteString("description", item.Description);
                    w.WriteString("package", Convert.ToHexString(item.Encoded));
                }));
            }
            catch (JsonException e)
            {
                return (400, Error("malformed JSON: " + e.Message));
            }
            catch (EimQueueException e)
            {
                return (400, Error(e.Message));
            }
        }).ConfigureAwait(false);
    }

    private static Task HandleState(HttpContext context, EimService service, string eid) => Admin(context, () =>
    {
        var (card, items) = service.State(eid.ToUpperInvariant());
        if (card is null) return (404, Error($"no card {eid}"));
        return (200, Json(w =>
        {
            w.WriteString("eid", card.Eid);
            w.WriteNumber("lastCounter", card.LastCounter);
            if (card.AssociationToken is { } token) w.WriteNumber("associationToken", token);
            else w.WriteNull("associationToken");
            w.WriteBoolean("euiccCertificateKnown", card.EuiccCertificate is not null);
            w.WriteString("sgp32", card.Sgp32Version);
            w.WriteStartArray("packages");
            foreach (var i in items)
            {
                w.WriteStartObject();
                w.WriteNumber("id", i.Id);
                w.WriteString("description", i.Description);
                w.WriteString("state", i.State);
                if (i.Result is { } r) w.WriteString("result", r);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }));
    });

    // The admin API changes what the eIM signs: loopback callers only, whatever address the server listens on.
    private static async Task Admin(HttpContext context, Func<(int Status, byte[] Body)> action)
    {
        var (status, bytes) = context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
            ? action()
            : (403, Error("the admin API answers loopback clients only"));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    private static string? Str(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static byte[] Error(string message) => Json(w => w.WriteString("error", message));

    private static byte[] Json(Action<Utf8JsonWriter> fields)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            fields(w);
            w.WriteEndObject();
        }
        return stream.ToArray();
    }
}
