using System.Globalization;

namespace CareBot.Server.RateLimiting;

/// <summary>The 429 answer of every rate limit: <c>Retry-After</c> in whole seconds and a short JSON error.</summary>
public static class TooManyRequests
{
    public static IResult Result(TimeSpan retryAfter, string message) => new Answer(retryAfter, message);

    public static Task WriteAsync(HttpContext context, TimeSpan retryAfter, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Json(
            new { error = new { code = "TooManyRequests", message = $"{message} Try again in {seconds} s." } },
            statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
    }

    private sealed class Answer(TimeSpan retryAfter, string message) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, retryAfter, message);
    }
}
