using CareBot.Care.Stores;

namespace CareBot.Server.Endpoints;

/// <summary>
/// <c>GET /api/outbox/dead</c>: the messages the outbox gave up on (after its retries, or at once for a permanent
/// failure such as an invalid address), newest first, with their last error, so an admin can see what never reached a
/// customer or an agent. Needs an agent API key until the console has admin logins. Payloads are left out: they hold
/// customer data and the error says what went wrong.
/// </summary>
public static class OutboxEndpoints
{
    public static IEndpointRouteBuilder MapOutboxApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/outbox/dead", ListDeadAsync).AddEndpointFilter(CaseEndpoints.RequireAgentAsync);
        return endpoints;
    }

    private static async Task<IResult> ListDeadAsync(HttpRequest request, IOutboxStore outbox, CancellationToken cancellationToken)
    {
        var limit = 100;
        if (request.Query["limit"].ToString() is { Length: > 0 } text && (!int.TryParse(text, out limit) || limit is < 1 or > 500))
        {
            return Results.Json(new { error = new { code = "BadLimit", message = $"limit must be a number from 1 to 500, not '{text}'." } }, statusCode: StatusCodes.Status400BadRequest);
        }

        var dead = await outbox.ListDeadAsync(limit, cancellationToken).ConfigureAwait(false);
        return Results.Json(new
        {
            messages = dead.Select(m => new
            {
                m.Id,
                kind = m.Kind.ToString(),
                m.IdempotencyKey,
                m.Attempts,
                m.LastError,
                m.CreatedAt,
            }),
        });
    }
}
