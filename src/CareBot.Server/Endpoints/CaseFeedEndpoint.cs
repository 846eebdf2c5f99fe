using System.Globalization;
using System.Text;
using System.Text.Json;
using CareBot.Care.Cases;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CareBot.Server.Endpoints;

/// <summary>
/// <c>GET /api/cases/feed</c>: the live feed of case changes as Server-Sent Events, behind the case API's agent key.
/// Each event is <c>id: N</c>, <c>event: case.assigned</c> (the <see cref="CaseEvent"/>'s name) and one <c>data:</c> line
/// of JSON <c>{name, caseId, at, detail}</c>. A client that reconnects with <c>Last-Event-ID</c> (or
/// <c>?lastEventId=</c>, for EventSource polyfills that can't set headers) first gets what it missed, as far as the feed
/// remembers it; <c>?caseId=C-1001</c> narrows the stream to one case.
/// </summary>
public static partial class CaseFeedEndpoint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();

    /// <summary>Maps the feed inside the case API's group, so it shares the group's agent-key filter.</summary>
    internal static RouteHandlerBuilder MapCaseFeed(this RouteGroupBuilder cases) => cases.MapGet("/feed", StreamAsync);

    private static async Task<IResult> StreamAsync(
        HttpContext http, ICaseEventFeed feed, IOptions<CaseFeedOptions> options, TimeProvider time,
        IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        var lastEventId = http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } header
            ? header
            : http.Request.Query["lastEventId"].ToString();
        long? afterId = null;
        if (lastEventId.Length > 0)
        {
            if (!long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return Results.Json(
                    new { error = new { code = "BadLastEventId", message = $"Last-Event-ID must be the id of an event this feed sent (a whole number), not '{lastEventId}'." } },
                    Json,
                    statusCode: StatusCodes.Status400BadRequest);
            }

            afterId = parsed;
        }

        var caseId = http.Request.Query["caseId"].ToString() is { Length: > 0 } only ? only : null;
        var logger = loggers.CreateLogger(typeof(CaseFeedEndpoint).FullName!);
        var agent = http.Items[CaseEndpoints.AgentItem] as string ?? "?";

        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass each event on at once
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // Subscribe before the headers go out: once the client sees them, nothing published is missed. The stream also
        // ends when the server stops, or shutdown would wait for every open feed (EventSource reconnects by itself).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var entries = feed.SubscribeAsync(afterId, stop.Token).GetAsyncEnumerator(stop.Token);
        using var keepAlive = new PeriodicTimer(options.Value.KeepAliveInterval, time);
        var next = entries.MoveNextAsync().AsTask();
        var tick = keepAlive.WaitForNextTickAsync(stop.Token).AsTask();
        LogOpened(logger, agent, afterId, caseId);
        try
        {
            await response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
            while (true)
            {
                // One pending read and one pending tick at a time; whichever finishes first is written, then renewed.
                if (await Task.WhenAny(next, tick).ConfigureAwait(false) == next)
                {
                    if (!await next.ConfigureAwait(false))
                    {
                        break;
                    }

                    var entry = entries.Current;
                    if (caseId is null || string.Equals(entry.Event.CaseId, caseId, StringComparison.Ordinal))
                    {
                        await response.Body.WriteAsync(Frame(entry), stop.Token).ConfigureAwait(false);
                        await response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
                    }

                    next = entries.MoveNextAsync().AsTask();
                }
                else
                {
                    await tick.ConfigureAwait(false);
                    await response.Body.WriteAsync(KeepAlive, stop.Token).ConfigureAwait(false);
                    await response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
                    tick = keepAlive.WaitForNextTickAsync(stop.Token).AsTask();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The agent went away or the server is stopping: the normal end of a feed, not an error.
        }
        catch (IOException)
        {
            // A write to a connection the agent already dropped: the same normal end.
        }
        finally
        {
            // The enumerator can't be disposed while a read is pending: stop it, let the read finish, then dispose.
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(next, tick).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            await entries.DisposeAsync().ConfigureAwait(false);
            LogClosed(logger, agent);
        }

        return Results.Empty;
    }

    /// <summary>One event in SSE framing; the JSON is one line (JSON escapes newlines), so one <c>data:</c> line is enough.</summary>
    internal static byte[] Frame(FeedEntry entry)
    {
        var e = entry.Event;
        var data = JsonSerializer.Serialize(new { name = e.Name, caseId = e.CaseId, at = e.At, detail = e.Detail }, Json);
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"id: {entry.Id}\nevent: {e.Name}\ndata: {data}\n\n"));
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Agent {Agent} opened the case feed (after id {AfterId}, case {CaseId})")]
    private static partial void LogOpened(ILogger logger, string agent, long? afterId, string? caseId);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Debug, Message = "Agent {Agent} closed the case feed")]
    private static partial void LogClosed(ILogger logger, string agent);
}
