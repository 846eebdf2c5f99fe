using System.Buffers;
using System.Globalization;
using System.Text.Json;
using CareBot.Protocol.Auth;
using CareBot.Protocol.Hosting;
using CareBot.Protocol.Schema;
using CareBot.Protocol.Turns;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CareBot.Protocol.DirectLine;

/// <summary>
/// The Direct Line 3.0 REST routes (<c>/v3/directline/...</c>) and the chat page's token route. Bad input gets a short
/// ErrorResponse (400/401/403/404/413/415; 429 from <see cref="DirectLineRateLimitPolicy"/> on the token and upload routes), a failed
/// bot 502, never a bare 500.
/// </summary>
internal static class DirectLineEndpoints
{
    private const int MaxStartBodyBytes = 16 * 1024;

    /// <summary><c>POST /v3/directline/tokens/generate</c> (secret): a token for a new, not yet started conversation.</summary>
    public static Task GenerateTokenAsync(HttpContext context) => RunAsync(context, async channel =>
    {
        var (caller, error) = await DirectLineAuthorization.AuthorizeAsync(context, channel, null).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (!caller!.HasSecret)
        {
            return new DirectLineRequestError(StatusCodes.Status403Forbidden, "Forbidden", "Generating a token needs the secret; refresh a token with /tokens/refresh.");
        }

        var (parameters, bodyError) = await ReadStartParametersAsync(context).ConfigureAwait(false);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var conversation = await channel.Store.CreateAsync(parameters!.IsPublic, parameters.User, context.RequestAborted).ConfigureAwait(false);
        var token = await channel.Store.IssueTokenAsync(conversation.Id, parameters.User?.Id, null, context.RequestAborted).ConfigureAwait(false);
        await WriteJsonAsync(context, StatusCodes.Status200OK, new DirectLineConversationResponse(conversation.Id, token, channel.Tokens.ExpiresInSeconds, null)).ConfigureAwait(false);
        return null;
    });

    /// <summary><c>POST /v3/directline/tokens/refresh</c> (a valid token): a new token for the same conversation.</summary>
    public static Task RefreshTokenAsync(HttpContext context) => RunAsync(context, async channel =>
    {
        var (caller, error) = await DirectLineAuthorization.AuthorizeAsync(context, channel, null).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (caller!.Grant is not { } grant)
        {
            return new DirectLineRequestError(StatusCodes.Status403Forbidden, "Forbidden", "Only a token can be refreshed; a secret never expires.");
        }

        if (await channel.Store.FindAsync(grant.ConversationId, context.RequestAborted).ConfigureAwait(false) is null)
        {
            return NotFound(grant.ConversationId);
        }

        // The new token replaces the old one (revoked now), so refreshing in a loop never piles up grants.
        var token = await channel.Store.IssueTokenAsync(grant.ConversationId, grant.UserId, caller.Credential, context.RequestAborted).ConfigureAwait(false);
        await WriteJsonAsync(context, StatusCodes.Status200OK, new DirectLineConversationResponse(grant.ConversationId, token, channel.Tokens.ExpiresInSeconds, null)).ConfigureAwait(false);
        return null;
    });

    /// <summary>
    /// <c>POST /v3/directline/conversations</c>: with the secret, a new conversation (201); with a token, its conversation
    /// (201 the first time, 200 after). The bot hears a <c>conversationUpdate</c> once.
    /// </summary>
    public static Task StartConversationAsync(HttpContext context) => RunAsync(context, async channel =>
    {
        var (caller, error) = await DirectLineAuthorization.AuthorizeAsync(context, channel, null).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var (parameters, bodyError) = await ReadStartParametersAsync(context).ConfigureAwait(false);
        if (bodyError is not null)
        {
            return bodyError;
        }

        DirectLineConversationInfo conversation;
        string token;
        if (caller!.Grant is { } grant)
        {
            if (await channel.Store.FindAsync(grant.ConversationId, context.RequestAborted).ConfigureAwait(false) is not { } existing)
            {
                return NotFound(grant.ConversationId);
            }

            conversation = existing;
            token = caller.Credential;
        }
        else
        {
            conversation = await channel.Store.CreateAsync(parameters!.IsPublic, parameters.User, context.RequestAborted).ConfigureAwait(false);
            token = await channel.Store.IssueTokenAsync(conversation.Id, parameters.User?.Id, null, context.RequestAborted).ConfigureAwait(false);
        }

        var started = await channel.Store.TryStartAsync(conversation.Id, context.RequestAborted).ConfigureAwait(false);
        if (started)
        {
            DirectLineLog.ConversationStarted(Logger(context), conversation.Id, conversation.IsPublic);
            await TellBotConversationStartedAsync(context, channel, conversation).ConfigureAwait(false);
        }

        await WriteJsonAsync(context, started ? StatusCodes.Status201Created : StatusCodes.Status200OK,
            new DirectLineConversationResponse(conversation.Id, token, channel.Tokens.ExpiresInSeconds, StreamUrl(context, conversation.Id, token, null))).ConfigureAwait(false);
        return null;
    });

    /// <summary><c>GET /v3/directline/conversations/{id}?watermark=</c>: reconnect, with a fresh streamUrl.</summary>
    public static Task ReconnectAsync(HttpContext context, string conversationId) => RunAsync(context, async channel =>
    {
        var (caller, error) = await DirectLineAuthorization.AuthorizeAsync(context, channel, conversationId).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (await channel.Store.FindAsync(conversationId, context.RequestAborted).ConfigureAwait(false) is not { } conversation)
        {
            return NotFound(conversationId);
        }

        var token = caller!.HasSecret
            ? await channel.Store.IssueTokenAsync(conversation.Id, conversation.User?.Id, null, context.RequestAborted).ConfigureAwait(false)
            : caller.Credential;
        var watermark = context.Request.Query["watermark"].ToString();
        await WriteJsonAsync(context, StatusCodes.Status200OK, new DirectLineConversationResponse(
            conversation.Id, token, channel.Tokens.ExpiresInSeconds, StreamUrl(context, conversation.Id, token, watermark))).ConfigureAwait(false);
        return null;
    });

    /// <summary><c>GET /v3/directline/conversations/{id}/activities?watermark=</c>: an ActivitySet after the watermark.</summary>
    public static Task GetActivitiesAsync(HttpContext context, string conversationId) => RunAsync(context, async channel =>
    {
        var (_, error) = await DirectLineAuthorization.AuthorizeAsync(context, channel, conversationId).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (await channel.Store.FindAsync(conversationId, context.RequestAborted).ConfigureAwait(false) is not { } conversation)
        {
            return NotFound(conversationId);
        }

        var options = channel.Options;
        var set = await channel.Store.ReadSetAsync(conversation.Id, ParseWatermark(context.Request.Query["watermark"].ToString()),
            options.MaxActivitiesPerPage, options.MaxPageBytes, context.RequestAborted).ConfigureAwait(false);
        await WriteRawJsonAsync(context, StatusCodes.Status200OK, set).ConfigureAwait(false);
        return null;
    });

    /// <summary>
    /// <c>POST /v3/directline/conversations/{id}/activities</c>: stamps the client's activity, echoes it into the
    /// conversation, runs the bot's turn in-process and answers <c>{id}</c> (502 when the bot failed).
    /// </summary>
    public static Task PostActivityAsync(HttpContext context, string conversationId) => RunAsync(context, async channel =>
    {
        var (caller, error) = await DirectLineAuthorization.AuthorizeAsync(context, channel, conversationId).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (await channel.Store.FindAsync(conversationId, context.RequestAborted).ConfigureAwait(false) is not { } conversation)
        {
            return NotFound(conversationId);
        }

        var (activity, readError) = await ReadActivityAsync(context, channel.Options.MaxActivityBytes).ConfigureAwait(false);
        if (readError is not null)
        {
            return readError;
        }

        return NameSender(caller!, activity!) ?? await DeliverFromUserAsync(context, channel, conversation, activity!).ConfigureAwait(false);
    });

    /// <summary>
    /// Names a client's activity's sender: a token that names a user wins over the body (as Direct Line's enhanced
    /// authentication does). 400 when neither names one.
    /// </summary>
    internal static DirectLineRequestError? NameSender(DirectLineCaller caller, Activity activity)
    {
        if (caller.Grant?.UserId is { } tokenUserId)
        {
            activity.From = new ChannelAccount(tokenUserId, activity.From?.Name, RoleTypes.User);
        }
        else if (string.IsNullOrEmpty(activity.From?.Id))
        {
            return new DirectLineRequestError(StatusCodes.Status400BadRequest, "MissingProperty",
                "The activity has no 'from.id'; say who sends it, e.g. \"from\": { \"id\": \"dl_user1\" }.");
        }

        return null;
    }

    /// <summary>
    /// Delivers a client's activity whose sender is named (posted, or made by an upload): joins the sender to the
    /// conversation, echoes it, runs the bot's turn in-process and answers <c>{id}</c> (502 when the bot failed).
    /// </summary>
    internal static async Task<DirectLineRequestError?> DeliverFromUserAsync(
        HttpContext context, DirectLineChannel channel, DirectLineConversationInfo conversation, Activity activity)
    {
        if (activity.ChannelData is { } channelData && DirectLineStartParameters.IsPublicFlag(channelData))
        {
            await channel.Store.MakePublicAsync(conversation.Id, context.RequestAborted).ConfigureAwait(false);
            conversation = conversation with { IsPublic = true };
        }

        // A user the bot has not met in this conversation joins first, as on Azure's Direct Line.
        var stopping = TurnLifetime.For(context.RequestServices);
        if (await channel.Store.TryAddMemberAsync(conversation.Id, activity.From!.Id!, stopping).ConfigureAwait(false))
        {
            var update = ConversationUpdate(channel, conversation, [new ChannelAccount(activity.From.Id!, activity.From.Name, RoleTypes.User)]);
            var updateResult = await SendToBotAsync(context, channel, update, stopping).ConfigureAwait(false);
            if (updateResult.StatusCode is < 200 or > 299)
            {
                DirectLineLog.ConversationUpdateFailed(Logger(context), conversation.Id, updateResult.StatusCode);
            }
        }

        // The echo comes first: Web Chat marks a send done when it sees its own activity back with an id.
        string id;
        if (activity.Type == ActivityTypes.ConversationUpdate)
        {
            activity.ChannelId = Channels.DirectLine;
            activity.ServiceUrl = channel.ServiceUrl;
            activity.Recipient = channel.Bot;
            activity.Conversation = conversation.Account();
            activity.Id = id = conversation.Id + "|update-" + Guid.NewGuid().ToString("N");
            activity.Timestamp = channel.Time.GetUtcNow();
        }
        else
        {
            id = await channel.AppendFromUserAsync(conversation, activity, stopping).ConfigureAwait(false);
        }

        // The turn runs to completion even if the client hangs up; only shutdown cancels it.
        var result = await SendToBotAsync(context, channel, activity, stopping).ConfigureAwait(false);
        if (result.StatusCode is < 200 or > 299)
        {
            DirectLineLog.BotRejected(Logger(context), id, result.StatusCode);
            return new DirectLineRequestError(StatusCodes.Status502BadGateway, "BotRejectedActivity",
                $"The bot answered {result.StatusCode.ToString(CultureInfo.InvariantCulture)}; the activity was recorded but not processed.");
        }

        // A client that asked for expectReplies gets the bot's buffered replies like any others: in the conversation.
        if (activity.DeliveryMode == DeliveryModes.ExpectReplies && result.BodyJson is { } repliesJson
            && ActivityJson.Deserialize<ExpectedReplies>(repliesJson)?.Activities is { } replies)
        {
            foreach (var reply in replies.Where(r => r.Type != ActivityTypes.ConversationUpdate))
            {
                await channel.AppendFromBotAsync(conversation.Id, reply, stopping).ConfigureAwait(false);
            }
        }

        await WriteJsonAsync(context, StatusCodes.Status200OK, new ResourceResponse(id)).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// <c>POST /chat/token</c>: the chat page's same-origin way to a token (the secret never reaches the browser). Body
    /// optional: <c>{"public":true}</c> opens a public conversation. Answers the Conversation object plus <c>userId</c>.
    /// </summary>
    public static Task ChatTokenAsync(HttpContext context) => RunAsync(context, async channel =>
    {
        if (DirectLineAuthorization.CheckLoopback(context, channel) is { } loopbackError)
        {
            return loopbackError;
        }

        var (body, bodyError) = await ReadSmallBodyAsync(context).ConfigureAwait(false);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var isPublic = false;
        if (body.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                isPublic = document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("public", out var flag)
                    && flag.ValueKind == JsonValueKind.True;
            }
            catch (JsonException)
            {
                return new DirectLineRequestError(StatusCodes.Status400BadRequest, "InvalidJson", "Send {\"public\": true} or nothing.");
            }
        }

        // No display name: the chat page's visitor is anonymous, and a bot greeting "Hi You" reads badly.
        var user = new ChannelAccount("dl_" + Guid.NewGuid().ToString("N")[..16], null, RoleTypes.User);
        var conversation = await channel.Store.CreateAsync(isPublic, user, context.RequestAborted).ConfigureAwait(false);
        var token = await channel.Store.IssueTokenAsync(conversation.Id, user.Id, null, context.RequestAborted).ConfigureAwait(false);
        await WriteJsonAsync(context, StatusCodes.Status200OK, new Dictionary<string, object>
        {
            ["conversationId"] = conversation.Id,
            ["token"] = token,
            ["expires_in"] = channel.Tokens.ExpiresInSeconds,
            ["userId"] = user.Id!,
        }).ConfigureAwait(false);
        return null;
    });

    private static async Task TellBotConversationStartedAsync(HttpContext context, DirectLineChannel channel, DirectLineConversationInfo conversation)
    {
        List<ChannelAccount> added = [channel.Bot];
        if (conversation.User is { Id: { } userId } user
            && await channel.Store.TryAddMemberAsync(conversation.Id, userId, context.RequestAborted).ConfigureAwait(false))
        {
            added.Add(new ChannelAccount(userId, user.Name, RoleTypes.User));
        }

        var stopping = TurnLifetime.For(context.RequestServices);
        var result = await SendToBotAsync(context, channel, ConversationUpdate(channel, conversation, added), stopping).ConfigureAwait(false);
        if (result.StatusCode is < 200 or > 299)
        {
            // The conversation is usable anyway; the bot just missed its greeting.
            DirectLineLog.ConversationUpdateFailed(Logger(context), conversation.Id, result.StatusCode);
        }
    }

    private static Activity ConversationUpdate(DirectLineChannel channel, DirectLineConversationInfo conversation, List<ChannelAccount> added) => new()
    {
        Type = ActivityTypes.ConversationUpdate,
        Id = conversation.Id + "|update-" + Guid.NewGuid().ToString("N"),
        Timestamp = channel.Time.GetUtcNow(),
        ChannelId = Channels.DirectLine,
        ServiceUrl = channel.ServiceUrl,
        Conversation = conversation.Account(),
        From = added.Count > 1 ? added[1] : conversation.User ?? channel.Bot,
        Recipient = channel.Bot,
        MembersAdded = added,
    };

    /// <summary>The same in-process path as <c>/api/messages</c>, after authentication: dedupe, middleware, the bot.</summary>
    private static async Task<TurnResult> SendToBotAsync(HttpContext context, DirectLineChannel channel, Activity activity, CancellationToken cancellationToken)
    {
        await using var scope = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var processor = scope.ServiceProvider.GetRequiredService<BotTurnProcessor>();
        var identity = new ChannelIdentity(IsAuthenticated: false, CallerId: null, AppId: null, ServiceUrl: channel.ServiceUrl);
        return await processor.ProcessAsync(activity, identity, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(Activity? Activity, DirectLineRequestError? Error)> ReadActivityAsync(HttpContext context, int limit)
    {
        if (ActivityRequestReader.CheckContentType(context.Request.ContentType) is { } contentTypeError)
        {
            return (null, Convert(contentTypeError));
        }

        var (body, length, readError) = await ActivityRequestReader.ReadBodyAsync(context.Request, limit, context.RequestAborted).ConfigureAwait(false);
        if (readError is not null)
        {
            return (null, Convert(readError));
        }

        try
        {
            var (activity, parseError) = ActivityRequestReader.Parse(body.AsSpan(0, length));
            return parseError is not null ? (null, Convert(parseError)) : (activity, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body!);
        }
    }

    private static async Task<(DirectLineStartParameters? Parameters, DirectLineRequestError? Error)> ReadStartParametersAsync(HttpContext context)
    {
        var (body, error) = await ReadSmallBodyAsync(context).ConfigureAwait(false);
        if (error is not null)
        {
            return (null, error);
        }

        return DirectLineStartParameters.Parse(body) is { } parameters
            ? (parameters, null)
            : (null, new DirectLineRequestError(StatusCodes.Status400BadRequest, "BadArgument",
                "The body must be empty or a JSON object such as {\"user\":{\"id\":\"dl_user1\"}}."));
    }

    private static async Task<(byte[] Body, DirectLineRequestError? Error)> ReadSmallBodyAsync(HttpContext context)
    {
        var (body, length, error) = await ActivityRequestReader.ReadBodyAsync(context.Request, MaxStartBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (error is not null)
        {
            return ([], Convert(error));
        }

        try
        {
            return (body.AsSpan(0, length).ToArray(), null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body!);
        }
    }

    internal static DirectLineRequestError Convert(ActivityRequestError error) => new(error.StatusCode, error.Code, error.Message);

    internal static DirectLineRequestError NotFound(string conversationId) =>
        new(StatusCodes.Status404NotFound, "NotFound", $"Conversation '{conversationId}' does not exist (or has ended).");

    private static int ParseWatermark(string? watermark) =>
        int.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static string StreamUrl(HttpContext context, string conversationId, string token, string? watermark)
    {
        var request = context.Request;
        var scheme = request.IsHttps ? "wss" : "ws";
        var url = $"{scheme}://{request.Host}{request.PathBase}/v3/directline/conversations/{Uri.EscapeDataString(conversationId)}/stream?t={Uri.EscapeDataString(token)}";
        return watermark is { Length: > 0 } ? url + "&watermark=" + Uri.EscapeDataString(watermark) : url;
    }

    internal static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DirectLineEndpoints).FullName!);

    // Runs a handler; a returned error (or an unexpected exception) becomes the short JSON answer.
    internal static async Task RunAsync(HttpContext context, Func<DirectLineChannel, Task<DirectLineRequestError?>> handler)
    {
        var channel = context.RequestServices.GetRequiredService<DirectLineChannel>();
        try
        {
            if (await handler(channel).ConfigureAwait(false) is { } error)
            {
                await RefuseAsync(context, error).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (context.RequestAborted.IsCancellationRequested && exception is OperationCanceledException or IOException)
        {
            // The client hung up; nobody is left to answer.
        }
        catch (BadHttpRequestException exception)
        {
            await RefuseAsync(context, new DirectLineRequestError(exception.StatusCode, "BadRequest", "The request could not be read.")).ConfigureAwait(false);
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            DirectLineLog.EndpointFailed(Logger(context), exception, context.Request.Method, context.Request.Path);
            await WriteJsonAsync(context, StatusCodes.Status500InternalServerError,
                new ErrorResponse("InternalError", "The request failed; the failure was logged.")).ConfigureAwait(false);
        }
    }

    internal static Task RefuseAsync(HttpContext context, DirectLineRequestError error)
    {
        DirectLineLog.Refused(Logger(context), context.Request.Method, context.Request.Path, error.StatusCode, error.Code);
        return WriteJsonAsync(context, error.StatusCode, new ErrorResponse(error.Code, error.Message));
    }

    private static Task WriteJsonAsync<T>(HttpContext context, int statusCode, T body) =>
        WriteRawJsonAsync(context, statusCode, ActivityJson.Serialize(body));

    private static async Task WriteRawJsonAsync(HttpContext context, int statusCode, string json)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }
}
