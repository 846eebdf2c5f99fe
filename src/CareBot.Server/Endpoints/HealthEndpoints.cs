using CareBot.Care.Stores;
using CareBot.Server.Composition;
using CareBot.Server.Health;
using Microsoft.Extensions.Options;

namespace CareBot.Server.Endpoints;

/// <summary>
/// Health for orchestrators: <c>GET /healthz/live</c> answers 200 while the process answers at all (restart it when
/// not); <c>GET /healthz/ready</c> answers 200 once the start-up work is done (storage migrated, dialogs loaded) and
/// the outbox backlog is below <see cref="HealthOptions.MaxOutboxBacklog"/>, else 503 (send no traffic for now); from
/// the moment the server is asked to stop it answers 503 <c>stopping</c> (see <see cref="GracefulShutdownService"/>).
/// <c>GET /healthz</c> is readiness, as it always was.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz/live", () => Results.Ok(new { status = "live" }));
        endpoints.MapGet("/healthz/ready", ReadyAsync);
        endpoints.MapGet("/healthz", ReadyAsync);
        return endpoints;
    }

    internal static async Task<IResult> ReadyAsync(Readiness readiness, IOutboxStore outbox, IOptions<HealthOptions> options, CancellationToken cancellationToken)
    {
        if (readiness.IsStopping)
        {
            return NotReady("stopping");
        }

        if (!readiness.IsReady)
        {
            return NotReady("starting");
        }

        long backlog;
        try
        {
            backlog = await outbox.CountPendingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return NotReady("storage_unavailable");
        }

        return backlog < options.Value.MaxOutboxBacklog
            ? Results.Ok(new { status = "ready", outboxBacklog = backlog })
            : NotReady("outbox_backlog", backlog);
    }

    private static IResult NotReady(string status, long? outboxBacklog = null) =>
        Results.Json(new { status, outboxBacklog }, statusCode: StatusCodes.Status503ServiceUnavailable);
}
