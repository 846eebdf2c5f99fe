using CareBot.Protocol.Auth;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Schema;
using CareBot.Protocol.Turns;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Protocol.Hosting;

/// <summary>
/// <c>POST /api/messages</c>: the HTTP edge of a turn. Checks the request, authenticates the channel, and hands the
/// activity to the <see cref="BotTurnProcessor"/>; bad input gets a short JSON error (400/401/403/413/415), never a 500, and
/// a storage outage a 503 with <c>Retry-After</c>.
/// </summary>
internal static class BotMessagesEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BotMessagesEndpoint).FullName!);
        var options = services.GetRequiredService<IOptions<BotEndpointOptions>>().Value;
        try
        {
            // 1. Only JSON, and only up to the size limit.
            if (ActivityRequestReader.CheckContentType(context.Request.ContentType) is { } contentTypeError)
            {
                await RefuseAsync(context, logger, contentTypeError, context.Request.ContentType ?? "(none)").ConfigureAwait(false);
                return;
            }

            var (body, length, readError) = await ActivityRequestReader
                .ReadBodyAsync(context.Request, options.MaxRequestBodyBytes, context.RequestAborted).ConfigureAwait(false);
            if (readError is not null)
            {
                await RefuseAsync(context, logger, readError, readError.Message).ConfigureAwait(false);
                return;
            }

            // 2. One activity with a type and the ids and serviceUrl a turn is addressed by.
            Activity? activity;
            ActivityRequestError? parseError;
            try
            {
                (activity, parseError) = ActivityRequestReader.Parse(body.AsSpan(0, length));
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(body!);
            }

            if ((parseError ?? ActivityValidator.Validate(activity!)) is { } activityError)
            {
                await RefuseAsync(context, logger, activityError, activityError.Message).ConfigureAwait(false);
                return;
            }

            // 3. The channel's token (no token needed when no app id is configured: local development).
            var authenticator = services.GetRequiredService<IChannelAuthenticator>();
            ChannelIdentity identity;
            try
            {
                identity = await authenticator.AuthenticateAsync(
                    context.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null,
                    activity!.ChannelId, activity.ServiceUrl, context.RequestAborted).ConfigureAwait(false);
            }
            catch (ChannelAuthenticationException exception)
            {
                // The reason helps an operator; told to the caller it would help an attacker.
                Log.AuthenticationFailed(logger, exception.Reason, LogSanitizer.Sanitize(activity!.ChannelId),
                    LogSanitizer.Sanitize(exception.Message, LogSanitizer.DetailMaxLength));
                await WriteJsonAsync(context, StatusCodes.Status401Unauthorized, ActivityJson.Serialize(new ErrorResponse(
                    "Unauthorized", "The request is not authorized for this bot."))).ConfigureAwait(false);
                return;
            }

            // 3b. Conversations of a channel served in this process are reached through that channel only.
            var (serviceUrl, conversationId) = (activity.ServiceUrl!, activity.Conversation!.Id!);
            if (services.GetServices<IReservedConversations>().Any(reserved => reserved.IsReserved(serviceUrl, conversationId)))
            {
                await RefuseAsync(context, logger, new ActivityRequestError(StatusCodes.Status403Forbidden, "ReservedConversation",
                    "This conversation belongs to the bot's built-in Direct Line channel; post to it through /v3/directline."),
                    $"serviceUrl {serviceUrl}, conversation {conversationId} on {activity.ChannelId}").ConfigureAwait(false);
                return;
            }

            // 4. A serviceUrl proven by the token may now receive the bot's credentials.
            if (identity.ServiceUrl is { Length: > 0 } provenServiceUrl)
            {
                services.GetRequiredService<ITrustedServiceUrls>().Trust(provenServiceUrl);
            }

            // 5. The turn. It runs to completion even if the channel hangs up, so that the channel's retry finds the
            //    stored outcome instead of starting the turn again; only a shutdown that gives up waiting cancels it.
            var processor = services.GetRequiredService<BotTurnProcessor>();
            var stopping = TurnLifetime.For(services);
            var result = await processor.ProcessAsync(activity, identity, RequestOrigin.Of(context.Request), stopping).ConfigureAwait(false);
            if (result.RetryAfter is { } retryAfter)
            {
                // 503 when the storage is down for now: the channel retries the same activity after this many seconds.
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await WriteJsonAsync(context, result.StatusCode, result.BodyJson).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsClientGone(context, exception))
        {
            // The channel hung up: nobody is left to answer, and it is not our failure.
            Log.ClientDisconnected(logger);
        }
        catch (BadHttpRequestException exception)
        {
            // The server refused the request's framing (e.g. a truncated chunked body).
            await RefuseAsync(context, logger, new ActivityRequestError(exception.StatusCode, "BadRequest",
                "The request could not be read."), exception.Message).ConfigureAwait(false);
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            Log.EndpointFailed(logger, exception);
            await WriteJsonAsync(context, StatusCodes.Status500InternalServerError, ActivityJson.Serialize(new ErrorResponse(
                "InternalError", "The activity could not be processed; the failure was logged."))).ConfigureAwait(false);
        }
    }

    private static bool IsClientGone(HttpContext context, Exception exception) =>
        context.RequestAborted.IsCancellationRequested
        && exception is OperationCanceledException or IOException
        || exception is Microsoft.AspNetCore.Connections.ConnectionResetException;

    private static Task RefuseAsync(HttpContext context, ILogger logger, ActivityRequestError error, string detail)
    {
        var safeDetail = LogSanitizer.Sanitize(detail, LogSanitizer.DetailMaxLength);
        Log.RequestRefused(logger, error.StatusCode, error.Code, safeDetail);
        return WriteJsonAsync(context, error.StatusCode, ActivityJson.Serialize(new ErrorResponse(error.Code, error.Message)));
    }

    private static async Task WriteJsonAsync(HttpContext context, int statusCode, string? bodyJson)
    {
        context.Response.StatusCode = statusCode;
        if (bodyJson is null)
        {
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(bodyJson, context.RequestAborted).ConfigureAwait(false);
    }
}
