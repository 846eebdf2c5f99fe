using System.Text.Json;
using CareBot.Care.Incidents;
using Microsoft.Extensions.Options;

namespace CareBot.Server.Endpoints;

/// <summary>
/// Incident mode's API (JSON), for signed-in supervisors and admins or an agent API key (as <c>/api/analytics</c>; the
/// known-issue reply only for supervisors, admins and keys listed in <c>Incidents:KnownReplyAgents</c>):
/// <c>GET /api/incidents?status=open|resolved</c>; <c>POST /api/incidents/{id}/known-reply</c>, <c>/updates</c> and
/// <c>/resolve</c> with <c>{"text": "..."}</c> bodies (at most 64 KB; a known-issue reply at most
/// <see cref="IncidentService.MaxKnownIssueReplyLength"/> characters, an update <see cref="IncidentService.MaxUpdateLength"/>).
/// </summary>
public static class IncidentEndpoints
{
    private const int MaxListed = 100;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapIncidentApi(this IEndpointRouteBuilder endpoints)
    {
        var incidents = endpoints.MapGroup("/api/incidents")
            .AddEndpointFilter(AnalyticsEndpoints.RequireSupervisorOrAgentKeyAsync)
            .AddEndpointFilter(CaseEndpoints.LimitBodyAsync);
        incidents.MapGet("/", ListAsync);
        incidents.MapPost("/{id}/known-reply", SetKnownReplyAsync).AddEndpointFilter(RequireSupervisorForKnownReplyAsync);
        incidents.MapPost("/{id}/updates", PostUpdateAsync);
        incidents.MapPost("/{id}/resolve", ResolveAsync);
        return endpoints;
    }

    /// <summary>
    /// The known-issue reply is posted in public in the brand's name: a signed-in supervisor or admin (the group's check let
    /// only those cookies through) or an agent key listed in <c>Incidents:KnownReplyAgents</c>; any other key is 403.
    /// </summary>
    private static async ValueTask<object?> RequireSupervisorForKnownReplyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Items.TryGetValue(CaseEndpoints.AgentItem, out var agent) && agent is string name
            && !http.RequestServices.GetRequiredService<IOptionsMonitor<IncidentOptions>>().CurrentValue.KnownReplyAgents.Contains(name, StringComparer.Ordinal))
        {
            return Error(StatusCodes.Status403Forbidden, "SupervisorOnly",
                "Setting the known-issue reply needs a supervisor or admin signed in to the console, or an agent key listed in Incidents:KnownReplyAgents.");
        }

        return await next(context).ConfigureAwait(false);
    }

    private static async Task<IResult> ListAsync(HttpContext http, IIncidentStore store, CancellationToken cancellationToken)
    {
        var statusText = http.Request.Query["status"].ToString();
        IncidentStatus? status = statusText switch
        {
            "" => null,
            "open" => IncidentStatus.Open,
            "resolved" => IncidentStatus.Resolved,
            _ => (IncidentStatus)(-1),
        };
        if (status == (IncidentStatus)(-1))
        {
            return Error(StatusCodes.Status400BadRequest, "BadStatus", "status is open or resolved (or absent for both).");
        }

        var found = await store.ListAsync(status, MaxListed, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { incidents = found.Select(f => f.Incident) }, Json);
    }

    private static async Task<IResult> SetKnownReplyAsync(HttpContext http, string id, IncidentService incidents, CancellationToken cancellationToken)
    {
        var (text, error) = await CaseEndpoints.ReadTextAsync(http, "A known-issue reply", cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (text.Length > IncidentService.MaxKnownIssueReplyLength)
        {
            return Error(StatusCodes.Status400BadRequest, "ReplyTooLong", $"A known-issue reply is posted in public: keep it to {IncidentService.MaxKnownIssueReplyLength} characters, without private details.");
        }

        return Answer(await incidents.SetKnownIssueReplyAsync(id, text, cancellationToken).ConfigureAwait(false), id);
    }

    private static async Task<IResult> PostUpdateAsync(HttpContext http, string id, IncidentService incidents, CancellationToken cancellationToken)
    {
        var (text, error) = await CaseEndpoints.ReadTextAsync(http, "An incident update", cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (text.Length > IncidentService.MaxUpdateLength)
        {
            return Error(StatusCodes.Status400BadRequest, "UpdateTooLong", $"An update holds at most {IncidentService.MaxUpdateLength} characters.");
        }

        return Answer(await incidents.PostUpdateAsync(id, text, Caller(http), cancellationToken).ConfigureAwait(false), id);
    }

    private static async Task<IResult> ResolveAsync(HttpContext http, string id, IncidentService incidents, CancellationToken cancellationToken) =>
        Answer(await incidents.ResolveAsync(id, Caller(http), cancellationToken).ConfigureAwait(false), id);

    private static string Caller(HttpContext http) =>
        http.Items.TryGetValue(CaseEndpoints.AgentItem, out var agent) && agent is string name ? name : http.User.Identity?.Name ?? "unknown";

    private static IResult Answer(Incident? incident, string id) =>
        incident is null
            ? Error(StatusCodes.Status404NotFound, "NotFound", $"There is no incident '{(id.Length <= 40 ? id : id[..40])}'; GET /api/incidents lists them.")
            : Results.Json(incident, Json);

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, Json, statusCode: status);
}
