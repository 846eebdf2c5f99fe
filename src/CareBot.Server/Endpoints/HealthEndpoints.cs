using CareBot.Server.Composition;

namespace CareBot.Server.Endpoints;

/// <summary><c>GET /healthz</c>: 200 once the server is ready, 503 while it is still starting.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", (Readiness readiness) => readiness.IsReady
            ? Results.Ok(new { status = "ready" })
            : Results.Json(new { status = "starting" }, statusCode: StatusCodes.Status503ServiceUnavailable));
        return endpoints;
    }
}
