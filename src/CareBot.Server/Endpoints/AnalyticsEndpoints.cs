using System.Globalization;
using System.Text.Json;
using CareBot.Care.Analytics;
using Microsoft.AspNetCore.Authentication;

namespace CareBot.Server.Endpoints;

/// <summary>
/// <c>GET /api/analytics?from=&amp;to=&amp;channel=&amp;format=</c>: the social-care report (<see cref="CareReportService"/>)
/// as JSON or, with <c>format=csv</c>, as CSV. Callers: a signed-in supervisor or admin (console cookie), or an agent
/// API key, as for the case API. <c>from</c> and <c>to</c> are ISO 8601 dates or times (UTC unless they say otherwise;
/// <c>to</c> is exclusive); without both, the last 7 days. A range over 92 days, a bad date or format is 400. No body;
/// memory is bounded by <see cref="CareReportService.MaxRows"/>; each caller gets a number of reports per minute
/// (<see cref="AnalyticsRateLimit"/>, then 429).
/// </summary>
public static class AnalyticsEndpoints
{
    private const int MaxChannelLength = 64;
    private static readonly TimeSpan DefaultRange = TimeSpan.FromDays(7);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/analytics", GetAsync).AddEndpointFilter(RequireSupervisorOrAgentKeyAsync).AddEndpointFilter(AnalyticsRateLimit.LimitAsync);
        return endpoints;
    }

    /// <summary>A console supervisor or admin passes; anyone else needs an agent API key (the case API's check, with its lockout).</summary>
    internal static async ValueTask<object?> RequireSupervisorOrAgentKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var user = http.User.Identity?.IsAuthenticated == true ? http.User : (await http.AuthenticateAsync().ConfigureAwait(false)).Principal;
        if (user is not null && (user.IsInRole("supervisor") || user.IsInRole("admin")))
        {
            return await next(context).ConfigureAwait(false);
        }

        if (user?.Identity?.IsAuthenticated == true && string.IsNullOrEmpty(http.Request.Headers.Authorization.ToString()))
        {
            return Error(StatusCodes.Status403Forbidden, "Forbidden", "The report is for supervisors and admins.");
        }

        return await CaseEndpoints.RequireAgentAsync(context, next).ConfigureAwait(false);
    }

    private static async Task<IResult> GetAsync(HttpContext http, CareReportService reports, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        var format = query["format"].ToString() is { Length: > 0 } f ? f : "json";
        if (format is not ("json" or "csv"))
        {
            return Error(StatusCodes.Status400BadRequest, "BadFormat", $"format '{Truncate(format)}' is not known: use json (the default) or csv.");
        }

        var channel = query["channel"].ToString() is { Length: > 0 } c ? c : null;
        if (channel is { Length: > MaxChannelLength })
        {
            return Error(StatusCodes.Status400BadRequest, "BadChannel", $"channel is at most {MaxChannelLength} characters, e.g. channel=facebook.");
        }

        var fromText = query["from"].ToString();
        var toText = query["to"].ToString();
        DateTimeOffset from, to;
        if (fromText.Length == 0 && toText.Length == 0)
        {
            to = time.GetUtcNow();
            from = to - DefaultRange;
        }
        else if (!TryParseDate(fromText, out from) || !TryParseDate(toText, out to))
        {
            return Error(StatusCodes.Status400BadRequest, "BadDate", "from and to must both be ISO 8601 dates or times, e.g. from=2026-11-01&to=2026-12-01 (to is exclusive).");
        }

        if (to <= from)
        {
            return Error(StatusCodes.Status400BadRequest, "BadRange", "to must be after from.");
        }

        if (to - from > CareReportService.MaxRange)
        {
            return Error(StatusCodes.Status400BadRequest, "RangeTooLong", $"A report covers at most {CareReportService.MaxRange.TotalDays} days; ask for several shorter ranges.");
        }

        var report = await reports.BuildAsync(from, to, channel, cancellationToken).ConfigureAwait(false);
        return format == "csv"
            ? Results.Text(AnalyticsCsv.Write(report), "text/csv; charset=utf-8")
            : Results.Json(report, Json);
    }

    private static bool TryParseDate(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    private static string Truncate(string text) => text.Length <= 20 ? text : text[..20] + "…";

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, Json, statusCode: status);
}
