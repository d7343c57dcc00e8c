using System.Text.Json;
using EuiccEmulator.Servers.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EuiccEmulator.Servers.Es9;

/// <summary>
/// The ES9+ HTTP/JSON binding (SGP.22 §6.5): POST /gsma/rsp2/es9plus/FUNCTION, X-Admin-Protocol gsma/rsp/v2.x.y,
/// byte fields in base64, transactionId in hex, a header.functionExecutionStatus in every answer; handleNotification
/// answers 204 (SGP.22 §6.3).
/// </summary>
public static class Es9PlusJsonEndpoints
{
    public const string PathPrefix = "/gsma/rsp2/es9plus/";

    /// <summary>The protocol version announced in answers.</summary>
    public const string AdminProtocol = "gsma/rsp/v2.1.0";

    /// <summary>JSON bodies are small: a BF38 with two certificates is about 2 KiB.</summary>
    public const int MaxBodySize = 64 * 1024;

    public static void Map(IEndpointRouteBuilder routes, IEs9Plus service, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(service);
        routes.MapPost(PathPrefix + "initiateAuthentication", c => Handle(c, log, async (json, cancel) =>
        {
            var result = await service.InitiateAuthenticationAsync(Bytes(json, "euiccChallenge"), OptionalBytes(json, "euiccInfo1"),
                Text(json, "smdpAddress"), cancel)
                .ConfigureAwait(false);
            return Answer(result.Status, result.Value is not { } v ? null : w =>
            {
                w.WriteString("transactionId", v.TransactionId);
                w.WriteBase64String("serverSigned1", v.ServerSigned1);
                w.WriteBase64String("serverSignature1", v.ServerSignature1);
                w.WriteBase64String("euiccCiPKIdToBeUsed", v.EuiccCiPkIdToBeUsed);
                w.WriteBase64String("serverCertificate", v.ServerCertificate);
            });
        }));
        routes.MapPost(PathPrefix + "authenticateClient", c => Handle(c, log, async (json, cancel) =>
        {
            var result = await service.AuthenticateClientAsync(TransactionId(json), Bytes(json, "authenticateServerResponse"), cancel)
                .ConfigureAwait(false);
            return Answer(result.Status, result.Value is not { } v ? null : w =>
            {
                w.WriteString("transactionId", v.TransactionId);
                w.WriteBase64String("profileMetadata", v.ProfileMetadata);
                w.WriteBase64String("smdpSigned2", v.SmdpSigned2);
                w.WriteBase64String("smdpSignature2", v.SmdpSignature2);
                w.WriteBase64String("smdpCertificate", v.SmdpCertificate);
                if (v.HashCc is { } h) w.WriteBase64String("hashCc", h);
            });
        }));
        routes.MapPost(PathPrefix + "getBoundProfilePackage", c => Handle(c, log, async (json, cancel) =>
        {
            var result = await service.GetBoundProfilePackageAsync(TransactionId(json), Bytes(json, "prepareDownloadResponse"), cancel)
                .ConfigureAwait(false);
            return Answer(result.Status, result.Value is not { } v ? null : w =>
            {
                w.WriteString("transactionId", v.TransactionId);
                w.WriteBase64String("boundProfilePackage", v.BoundProfilePackage);
            });
        }));
        routes.MapPost(PathPrefix + "handleNotification", c => Handle(c, log, async (json, cancel) =>
        {
            var status = await service.HandleNotificationAsync(Bytes(json, "pendingNotification"), cancel).ConfigureAwait(false);
            return status.IsSuccess ? NoContent : Answer(status, null);
        }));
        routes.MapPost(PathPrefix + "cancelSession", c => Handle(c, log, async (json, cancel) =>
        {
            var status = await service.CancelSessionAsync(TransactionId(json), Bytes(json, "cancelSessionResponse"), cancel)
                .ConfigureAwait(false);
            return Answer(status, null);
        }));
    }

    private static readonly (int Status, byte[]? Body) NoContent = (StatusCodes.Status204NoContent, null);

    private static async Task Handle(
        HttpContext context, Action<string>? log, Func<JsonElement, CancellationToken, Task<(int Status, byte[]? Body)>> function)
    {
        context.Response.Headers["X-Admin-Protocol"] = AdminProtocol;
        var body = await Bodies.ReadAsync(context, MaxBodySize).ConfigureAwait(false);
        if (body is null)
        {
            log?.Invoke($"SM-DP+ {context.Request.Path}: HTTP {context.Response.StatusCode} (body too large or cut)");
            return;
        }
        (int Status, byte[]? Body) answer;
        var contentType = context.Request.ContentType ?? "";
        var protocol = context.Request.Headers["X-Admin-Protocol"].ToString();
        if (!contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            answer = Answer(Es9Status.Failed("1.2.1", "2.1", "Content-Type is not application/json"), null,
                StatusCodes.Status400BadRequest);
        }
        else if (!protocol.StartsWith("gsma/rsp/v2.", StringComparison.Ordinal))
        {
            answer = Answer(Es9Status.Failed("1.2.2", "2.1", "X-Admin-Protocol is not gsma/rsp/v2.x.y"), null,
                StatusCodes.Status400BadRequest);
        }
        else
        {
            try
            {
                using var json = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
                if (json.RootElement.ValueKind != JsonValueKind.Object)
                    throw new FieldException(Es9Codes.InvalidData("body", "not a JSON object"));
                answer = await function(json.RootElement, context.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                answer = Answer(Es9Codes.InvalidData("body", "malformed JSON: " + e.Message), null, StatusCodes.Status400BadRequest);
            }
            catch (FieldException e)
            {
                answer = Answer(e.Status, null);
            }
        }
        if (answer.Status != StatusCodes.Status200OK && answer.Status != StatusCodes.Status204NoContent)
            log?.Invoke($"SM-DP+ {context.Request.Path}: HTTP {answer.Status}");
        context.Response.StatusCode = answer.Status;
        if (answer.Body is { } bytes)
        {
            context.Response.ContentType = "application/json;charset=UTF-8";
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>{"header":{"functionExecutionStatus":{...}}, fields...}.</summary>
    private static (int, byte[]?) Answer(Es9Status status, Action<Utf8JsonWriter>? fields, int httpStatus = StatusCodes.Status200OK)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartObject("header");
            w.WriteStartObject("functionExecutionStatus");
            w.WriteString("status", status.IsSuccess ? "Executed-Success" : "Failed");
            if (!status.IsSuccess)
            {
                w.WriteStartObject("statusCodeData");
                w.WriteString("subjectCode", status.SubjectCode);
                w.WriteString("reasonCode", status.ReasonCode);
                if (status.Message is { } m) w.WriteString("message", m);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
            if (status.IsSuccess) fields?.Invoke(w);
            w.WriteEndObject();
        }
        return (httpStatus, stream.ToArray());
    }

    private static string Text(JsonElement json, string name)
    {
        if (!json.TryGetProperty(name, out var value)) throw new FieldException(Es9Codes.MissingData(name));
        if (value.ValueKind != JsonValueKind.String) throw new FieldException(Es9Codes.InvalidData(name, "not a string"));
        return value.GetString()!;
    }

    private static string TransactionId(JsonElement json)
    {
        var text = Text(json, "transactionId");
        if (text.Length is 0 or > 32 || text.Length % 2 != 0 || !text.All(Uri.IsHexDigit))
            throw new FieldException(Es9Codes.InvalidData("transactionId", "not 1..16 bytes of hex"));
        return text.ToUpperInvariant();
    }

    private static byte[] Bytes(JsonElement json, string name)
    {
        var text = Text(json, name);
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new FieldException(Es9Codes.InvalidData(name, "not base64"));
        }
    }

    private static byte[]? OptionalBytes(JsonElement json, string name) => json.TryGetProperty(name, out _) ? Bytes(json, name) : null;

    private sealed class FieldException(Es9Status status) : Exception(status.Message)
    {
        public Es9Status Status { get; } = status;
    }
}
