using System.Text;
using System.Text.Json;
using CareBot.Care.Agents;
using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Protocol;
using CareBot.Server.Agents;
using CareBot.Server.Composition;
using CareBot.Server.RateLimiting;

namespace CareBot.Server.Endpoints;

/// <summary>
/// The agents' case API (JSON): list and read cases, claim one atomically, reply to the customer, add internal notes,
/// resolve, hand back to the bot. Every call needs an agent's API key (<see cref="AgentOptions"/>). Errors are short
/// JSON bodies: 400, 401, 403 (someone else's case), 404, 409 (not possible in the case's status), 413 (a body over
/// 64 KB), 429 (too many wrong keys from one address, see <see cref="AgentKeyLockout"/>).
/// </summary>
public static class CaseEndpoints
{
    internal const string AgentItem = "carebot.agent";

    /// <summary>The largest body of an agent API call (a reply or note of <see cref="MaxTextLength"/> fits many times).</summary>
    internal const int MaxBodyBytes = 64 * 1024;
    private const int MaxTextLength = 10_000;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapCaseApi(this IEndpointRouteBuilder endpoints)
    {
        var cases = endpoints.MapGroup("/api/cases").AddEndpointFilter(RequireAgentAsync).AddEndpointFilter(LimitBodyAsync);
        cases.MapGet("/", ListAsync);
        cases.MapGet("/{id}", GetAsync);
        cases.MapGet("/{id}/messages", GetMessagesAsync);
        cases.MapPost("/{id}/claim", ClaimAsync);
        cases.MapPost("/{id}/notes", AddNoteAsync);
        cases.MapPost("/{id}/reply", ReplyAsync);
        cases.MapPost("/{id}/wait", WaitForCustomerAsync);
        cases.MapPost("/{id}/resolve", ResolveAsync);
        cases.MapPost("/{id}/handback", HandBackAsync);
        cases.MapPost("/{id}/reassign", CaseSupervisionEndpoints.ReassignAsync);
        cases.MapPost("/{id}/priority", CaseSupervisionEndpoints.ChangePriorityAsync);
        cases.MapCaseFeed();
        return endpoints;
    }

    internal static async ValueTask<object?> RequireAgentAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var lockout = http.RequestServices.GetRequiredService<AgentKeyLockout>();
        var client = http.Connection.RemoteIpAddress;
        if (lockout.WaitFor(client) is { } wait)
        {
            return TooManyRequests.Result(wait, "Too many wrong agent API keys from this address.");
        }

        var agent = http.RequestServices.GetRequiredService<AgentKeyAuthenticator>().AgentFor(http.Request.Headers.Authorization.ToString());
        if (agent is null)
        {
            lockout.RecordFailure(client);
            return Error(StatusCodes.Status401Unauthorized, "Unauthorized", "Send 'Authorization: Bearer <your agent API key>' (keys are configured under Agents:ApiKeys).");
        }

        http.Items[AgentItem] = agent;
        return await next(context).ConfigureAwait(false);
    }

    /// <summary>
    /// Refuses a declared body over <see cref="MaxBodyBytes"/> before anything reads it; a body without a length
    /// (chunked) is cut off by ReadTextAsync as soon as it passes the limit, before it is parsed.
    /// </summary>
    internal static async ValueTask<object?> LimitBodyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        return await next(context).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>GET /api/cases?status=&amp;queue=&amp;limit=</c>: case summaries (no transcripts or notes; see
    /// <see cref="CaseSummary"/>), most urgent first. A case's messages are read with <c>GET /api/cases/{id}/messages</c>.
    /// </summary>
    private static async Task<IResult> ListAsync(HttpRequest request, CaseReader reader, CancellationToken cancellationToken)
    {
        CaseStatus? status = null;
        if (request.Query["status"].ToString() is { Length: > 0 } text)
        {
            if (!Enum.TryParse<CaseStatus>(text, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Error(StatusCodes.Status400BadRequest, "BadStatus", $"'{text}' is not a case status; use one of: {string.Join(", ", Enum.GetNames<CaseStatus>())}.");
            }

            status = parsed;
        }

        var limit = 100;
        if (request.Query["limit"].ToString() is { Length: > 0 } limitText && (!int.TryParse(limitText, out limit) || limit is < 1 or > 500))
        {
            return Error(StatusCodes.Status400BadRequest, "BadLimit", $"limit must be a number from 1 to 500, not '{limitText}'.");
        }

        var queue = request.Query["queue"].ToString() is { Length: > 0 } q ? q : null;
        var found = await reader.ListAsync(new CaseQuery(status, queue, limit), cancellationToken).ConfigureAwait(false);
        return Results.Json(new { cases = found }, Json);
    }

    /// <summary>
    /// <c>GET /api/cases/{id}/messages?after=&amp;limit=</c>: a page of the case's transcript, oldest first, with
    /// <c>next</c> (the <c>after</c> of the next page; null at the end) and <c>total</c>. Default limit 50, at most 200.
    /// </summary>
    private static async Task<IResult> GetMessagesAsync(string id, HttpRequest request, CaseReader reader, CancellationToken cancellationToken)
    {
        var after = 0;
        if (request.Query["after"].ToString() is { Length: > 0 } afterText && (!int.TryParse(afterText, out after) || after < 0))
        {
            return Error(StatusCodes.Status400BadRequest, "BadAfter", $"after must be a position of 0 or more (the 'next' of the previous page), not '{afterText}'.");
        }

        var limit = 50;
        if (request.Query["limit"].ToString() is { Length: > 0 } limitText && (!int.TryParse(limitText, out limit) || limit is < 1 or > CaseReader.MaxPageSize))
        {
            return Error(StatusCodes.Status400BadRequest, "BadLimit", $"limit must be a number from 1 to {CaseReader.MaxPageSize}, not '{limitText}'.");
        }

        return await reader.GetMessagesAsync(id, after, limit, cancellationToken).ConfigureAwait(false) is { } page
            ? Results.Json(page, Json)
            : NotFound(id);
    }

    private static async Task<IResult> GetAsync(string id, ICaseStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } found
            ? Results.Json(found.Case, Json)
            : NotFound(id);

    private static async Task<IResult> ClaimAsync(string id, HttpContext http, ICaseStore store, ICaseEventFeed feed, CancellationToken cancellationToken)
    {
        if (!Case.TryParseId(id, out _))
        {
            return NotFound(id);
        }

        var agent = (string)http.Items[AgentItem]!;
        var claim = await store.TryClaimAsync(id, agent, cancellationToken).ConfigureAwait(false);
        if (claim.Event is { } claimed)
        {
            feed.Publish(claimed);
        }

        return claim.Outcome switch
        {
            CaseClaimOutcome.Claimed => Results.Json(claim.Case!.Case, Json),
            CaseClaimOutcome.NotFound => NotFound(id),
            _ => Error(StatusCodes.Status409Conflict, "NotClaimable",
                $"Case {id} can't be claimed: it is {claim.Case?.Case.Status.ToString() ?? "not queued"}{(claim.Case?.Case.Assignee is { } who ? " (assigned to " + who + ")" : string.Empty)}."),
        };
    }

    private static async Task<IResult> AddNoteAsync(string id, HttpContext http, ICaseStore store, ICaseEventFeed feed, CancellationToken cancellationToken)
    {
        var (text, bad) = await ReadTextAsync(http, "A note", cancellationToken).ConfigureAwait(false);
        if (bad is not null)
        {
            return bad;
        }

        if (!Case.TryParseId(id, out _))
        {
            return NotFound(id);
        }

        var agent = (string)http.Items[AgentItem]!;
        if (await store.AppendNoteAsync(id, agent, text, cancellationToken).ConfigureAwait(false) is not { } noted)
        {
            return NotFound(id);
        }

        feed.Publish(noted.Event);
        return Results.Json(noted.Case.Case, Json);
    }

    private static async Task<IResult> ReplyAsync(string id, HttpContext http, AgentDesk desk, ICaseEventFeed feed, CancellationToken cancellationToken)
    {
        var (text, bad) = await ReadTextAsync(http, "A reply", cancellationToken).ConfigureAwait(false);
        if (bad is not null)
        {
            return bad;
        }

        return Answer(id, await desk.ReplyAsync(id, (string)http.Items[AgentItem]!, text, cancellationToken).ConfigureAwait(false), feed);
    }

    private static async Task<IResult> WaitForCustomerAsync(string id, HttpContext http, AgentDesk desk, ICaseEventFeed feed, CancellationToken cancellationToken) =>
        Answer(id, await desk.WaitForCustomerAsync(id, (string)http.Items[AgentItem]!, cancellationToken).ConfigureAwait(false), feed);

    private static async Task<IResult> ResolveAsync(string id, HttpContext http, AgentDesk desk, ICaseEventFeed feed, CancellationToken cancellationToken) =>
        Answer(id, await desk.ResolveAsync(id, (string)http.Items[AgentItem]!, cancellationToken).ConfigureAwait(false), feed);

    private static async Task<IResult> HandBackAsync(string id, HttpContext http, AgentDesk desk, ICaseEventFeed feed, CancellationToken cancellationToken) =>
        Answer(id, await desk.HandBackAsync(id, (string)http.Items[AgentItem]!, cancellationToken).ConfigureAwait(false), feed);

    /// <summary>The HTTP answer to an agent's action; a done action's events go to the live feed.</summary>
    private static IResult Answer(string id, AgentActionResult result, ICaseEventFeed feed)
    {
        switch (result.Outcome)
        {
            case AgentActionOutcome.Done:
                feed.PublishAll(result.Events);
                return Results.Json(result.Case!.Case, Json);
            case AgentActionOutcome.Forbidden:
                return Error(StatusCodes.Status403Forbidden, "NotYourCase", result.Problem ?? $"Case {id} belongs to another agent.");
            case AgentActionOutcome.Conflict:
                return Error(StatusCodes.Status409Conflict, "NotPossible", result.Problem ?? $"Case {id} can't do that in its status.");
            default:
                return NotFound(id);
        }
    }

    /// <summary>The non-empty, trimmed "text" of a JSON body like <c>{"text": "..."}</c>, or the error to answer.</summary>
    internal static async Task<(string Text, IResult? Error)> ReadTextAsync(HttpContext http, string what, CancellationToken cancellationToken)
    {
        byte[]? body;
        try
        {
            body = await BoundedRead.AtMostAsync(http.Request.Body, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limit (Kestrel:Limits:MaxRequestBodySize), if an operator set it lower.
            body = null;
        }

        if (body is null)
        {
            return (string.Empty, TooLarge());
        }

        string? text;
        try
        {
            using var document = JsonDocument.Parse(body);
            text = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;

            // A lone surrogate ("\ud800") can't be stored or sent as UTF-8: refuse it here rather than fail later.
            _ = StrictUtf8.GetByteCount(text ?? string.Empty);
        }
        catch (Exception invalid) when (invalid is JsonException or InvalidOperationException or ArgumentException)
        {
            // JsonException: not JSON; InvalidOperationException: invalid UTF-8 or UTF-16 inside the string.
            text = null;
        }

        return string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength ? (string.Empty, BadText(what)) : (text.Trim(), null);
    }

    internal static IResult TooLarge() =>
        Error(StatusCodes.Status413PayloadTooLarge, "BodyTooLarge", $"The body is larger than {MaxBodyBytes} bytes; a reply or note holds at most {MaxTextLength} characters.");

    private static IResult BadText(string what) =>
        Error(StatusCodes.Status400BadRequest, "BadText", $"{what} needs a JSON body like {{\"text\": \"...\"}} with a non-empty text of at most {MaxTextLength} characters.");

    internal static IResult NotFound(string id) =>
        Error(StatusCodes.Status404NotFound, "NotFound", $"There is no case '{id}'. Case ids look like C-1042; GET /api/cases lists them.");

    internal static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, Json, statusCode: status);
}
