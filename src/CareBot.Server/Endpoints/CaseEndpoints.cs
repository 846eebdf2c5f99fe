using System.Text.Json;
using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Server.Agents;

namespace CareBot.Server.Endpoints;

/// <summary>
/// The agents' case API (JSON): list and read cases, claim one atomically, add internal notes. Every call needs an
/// agent's API key (<see cref="AgentOptions"/>). Errors are short JSON bodies: 400, 401, 404, 409.
/// </summary>
public static class CaseEndpoints
{
    internal const string AgentItem = "carebot.agent";
    private const int MaxNoteLength = 10_000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapCaseApi(this IEndpointRouteBuilder endpoints)
    {
        var cases = endpoints.MapGroup("/api/cases").AddEndpointFilter(RequireAgentAsync);
        cases.MapGet("/", ListAsync);
        cases.MapGet("/{id}", GetAsync);
        cases.MapPost("/{id}/claim", ClaimAsync);
        cases.MapPost("/{id}/notes", AddNoteAsync);
        cases.MapCaseFeed();
        return endpoints;
    }

    private static async ValueTask<object?> RequireAgentAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var agent = http.RequestServices.GetRequiredService<AgentKeyAuthenticator>().AgentFor(http.Request.Headers.Authorization.ToString());
        if (agent is null)
        {
            return Error(StatusCodes.Status401Unauthorized, "Unauthorized", "Send 'Authorization: Bearer <your agent API key>' (keys are configured under Agents:ApiKeys).");
        }

        http.Items[AgentItem] = agent;
        return await next(context).ConfigureAwait(false);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, ICaseStore store, CancellationToken cancellationToken)
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
        var found = await store.ListAsync(new CaseQuery(status, queue, limit), cancellationToken).ConfigureAwait(false);
        return Results.Json(new { cases = found.Select(r => r.Case) }, Json);
    }

    private static async Task<IResult> GetAsync(string id, ICaseStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } found
            ? Results.Json(found.Case, Json)
            : NotFound(id);

    private static async Task<IResult> ClaimAsync(string id, HttpContext http, ICaseStore store, CancellationToken cancellationToken)
    {
        var agent = (string)http.Items[AgentItem]!;
        var claim = await store.TryClaimAsync(id, agent, cancellationToken).ConfigureAwait(false);
        return claim.Outcome switch
        {
            CaseClaimOutcome.Claimed => Results.Json(claim.Case!.Case, Json),
            CaseClaimOutcome.NotFound => NotFound(id),
            _ => Error(StatusCodes.Status409Conflict, "NotClaimable",
                $"Case {id} can't be claimed: it is {claim.Case?.Case.Status.ToString() ?? "not queued"}{(claim.Case?.Case.Assignee is { } who ? " (assigned to " + who + ")" : string.Empty)}."),
        };
    }

    private static async Task<IResult> AddNoteAsync(string id, HttpContext http, ICaseStore store, CancellationToken cancellationToken)
    {
        string? text;
        try
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            text = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return Error(StatusCodes.Status400BadRequest, "BadJson", "Send a JSON body like {\"text\": \"Called the courier\"}.");
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxNoteLength)
        {
            return Error(StatusCodes.Status400BadRequest, "BadNote", $"A note needs a non-empty \"text\" of at most {MaxNoteLength} characters.");
        }

        var agent = (string)http.Items[AgentItem]!;
        return await store.AppendNoteAsync(id, agent, text.Trim(), cancellationToken).ConfigureAwait(false) is { } updated
            ? Results.Json(updated.Case, Json)
            : NotFound(id);
    }

    private static IResult NotFound(string id) =>
        Error(StatusCodes.Status404NotFound, "NotFound", $"There is no case '{id}'. Case ids look like C-1042; GET /api/cases lists them.");

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, Json, statusCode: status);
}
