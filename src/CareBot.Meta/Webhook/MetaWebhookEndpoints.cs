using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CareBot.Care.Delivery;
using CareBot.Care.Stores;
using CareBot.Meta.Inbound;
using CareBot.Protocol;
using CareBot.Protocol.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Meta.Webhook;

/// <summary>
/// <c>/api/meta/webhook</c>. Who may call: anyone for the <c>GET</c> handshake (it answers only with the verify token),
/// and for <c>POST</c> only Meta: a body without a valid <c>X-Hub-Signature-256</c> is refused (401 missing, 403 wrong)
/// before anything in it is read. Body: at most <see cref="MetaOptions.MaxWebhookBytes"/> (413). Memory: one body.
/// Rate: Meta's; a valid delivery only costs one insert. A delivery is acknowledged as soon as its events are stored
/// in the outbox (Meta retries slow or failed deliveries); the outbox worker runs the care turns, so a crash after the
/// acknowledgment loses nothing, and a redelivered event (same comment id or <c>mid</c>) is stored once.
/// </summary>
public static class MetaWebhookEndpoints
{
    public const string Route = "/api/meta/webhook";

    public static IEndpointRouteBuilder MapMetaWebhook(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(Route, Verify);
        endpoints.MapPost(Route, ReceiveAsync);
        return endpoints;
    }

    private static IResult Verify(HttpContext context, IOptions<MetaOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(MetaWebhookEndpoints).FullName!);
        var query = context.Request.Query;
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return Error(StatusCodes.Status404NotFound, "meta_off", "The Meta channel is not configured (Meta:AppSecret).");
        }

        var token = Encoding.UTF8.GetBytes(query["hub.verify_token"].ToString());
        var expected = Encoding.UTF8.GetBytes(settings.VerifyToken ?? string.Empty);
        if (query["hub.mode"] != "subscribe" || !CryptographicOperations.FixedTimeEquals(token, expected))
        {
            MetaLog.WebhookRefused(logger, "wrong verify token or mode");
            return Error(StatusCodes.Status403Forbidden, "verify_token_mismatch", "hub.mode must be 'subscribe' and hub.verify_token must match Meta:VerifyToken.");
        }

        MetaLog.Verified(logger);
        return Results.Text(query["hub.challenge"].ToString(), "text/plain");
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, IOptions<MetaOptions> options, IOutboxStore outbox, OutboxSignal signal, ILoggerFactory loggers)
    {
        var settings = options.Value;
        var logger = loggers.CreateLogger(typeof(MetaWebhookEndpoints).FullName!);
        if (!settings.Enabled)
        {
            return Error(StatusCodes.Status404NotFound, "meta_off", "The Meta channel is not configured (Meta:AppSecret).");
        }

        var signature = context.Request.Headers[MetaSignature.HeaderName].ToString();
        if (string.IsNullOrEmpty(signature))
        {
            MetaLog.WebhookRefused(logger, "no signature");
            return Error(StatusCodes.Status401Unauthorized, "signature_missing", $"{MetaSignature.HeaderName} is required.");
        }

        if (context.Request.ContentLength > settings.MaxWebhookBytes)
        {
            MetaLog.WebhookRefused(logger, "body too large");
            return Error(StatusCodes.Status413PayloadTooLarge, "body_too_large", $"The body is larger than {settings.MaxWebhookBytes} bytes.");
        }

        var body = await BoundedRead.AtMostAsync(context.Request.Body, settings.MaxWebhookBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            MetaLog.WebhookRefused(logger, "body too large");
            return Error(StatusCodes.Status413PayloadTooLarge, "body_too_large", $"The body is larger than {settings.MaxWebhookBytes} bytes.");
        }

        if (!MetaSignature.IsValid(signature, body, settings.AppSecret!))
        {
            MetaLog.WebhookRefused(logger, "wrong signature");
            return Error(StatusCodes.Status403Forbidden, "signature_mismatch", $"{MetaSignature.HeaderName} does not match the body.");
        }

        IReadOnlyList<MetaInboundEvent> events;
        string? objectType;
        try
        {
            events = MetaWebhookParser.Parse(body, out objectType);
        }
        catch (Exception invalid) when (invalid is JsonException or ArgumentException or InvalidOperationException)
        {
            MetaLog.WebhookRefused(logger, "not a webhook delivery");
            return Error(StatusCodes.Status400BadRequest, "invalid_body", "The body is not a Meta webhook delivery (JSON with an 'entry' array).");
        }

        // Stored before the answer: the outbox's idempotency keys drop a redelivered comment or message.
        if (events.Count > 0)
        {
            var origin = RequestOrigin.Of(context.Request);
            await outbox.EnqueueAsync(
                [.. events.Select(e => new NewOutboxMessage(OutboxKind.ChannelEvent, e.DedupeKey, JsonSerializer.Serialize(e with { Origin = origin }, MetaJson.Options)))],
                context.RequestAborted).ConfigureAwait(false);
            signal.Notify();
        }

        MetaLog.WebhookStored(logger, events.Count, objectType);
        return Results.Text("EVENT_RECEIVED", "text/plain");
    }

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);
}
