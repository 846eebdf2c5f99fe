using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareBot.Testing.Meta;

/// <summary>
/// A local stand-in for the parts of Meta's Graph API CareBot calls, written from Meta's documentation: Kestrel on
/// 127.0.0.1 answering <c>POST /{version}/{comment-id}/comments</c> and <c>/replies</c> (<c>{"id"}</c>) and
/// <c>POST /{version}/{page-id}/messages</c> (<c>{"recipient_id","message_id"}</c>), with Meta's error shape
/// (<c>{"error":{"message","type","code","error_subcode","fbtrace_id"}}</c>). Like Meta it refuses a second Private
/// Reply to the same comment (code 10900) and an unknown token (code 190). Tests program failures and usage headers.
/// </summary>
public sealed class GraphApiStandIn : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);
    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly List<GraphCall> calls = [];
    private readonly Queue<Func<HttpContext, Task<bool>>> programmed = new();
    private readonly HashSet<string> privatelyReplied = new(StringComparer.Ordinal);
    private int nextId;

    private GraphApiStandIn(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The page tokens it accepts (any other is code 190).</summary>
    public HashSet<string> Tokens { get; } = new(StringComparer.Ordinal);

    /// <summary>The page-scoped id of whoever wrote a comment (what a Private Reply's answer names); default <c>psid-{comment}</c>.</summary>
    public Dictionary<string, string> Commenters { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Meta's CDN, stood in for at <c>GET /cdn/{name}</c>: the bytes of a file a customer sent (any content type the
    /// test claims), or a redirect (a <see cref="Uri"/>), as lookaside.fbsbx.com redirects to a CDN host.
    /// </summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, object> CdnFiles { get; } = new(StringComparer.Ordinal);

    /// <summary>The link of a file on the CDN stand-in.</summary>
    public Uri CdnLink(string name) => new(BaseAddress, "cdn/" + name);

    public IReadOnlyList<GraphCall> Calls
    {
        get
        {
            lock (gate)
            {
                return [.. calls];
            }
        }
    }

    public static async Task<GraphApiStandIn> StartAsync(params string[] tokens)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new GraphApiStandIn(app);
        foreach (var token in tokens)
        {
            standIn.Tokens.Add(token);
        }

        app.MapPost("/{version}/{id}/{edge}", standIn.HandleAsync);
        app.MapGet("/cdn/{name}", (string name) => standIn.CdnFiles.TryGetValue(name, out var file)
            ? file is Uri next ? Results.Redirect(next.AbsoluteUri) : Results.Bytes((byte[])file, "image/jpeg")
            : Results.NotFound());
        await app.StartAsync().ConfigureAwait(false);
        standIn.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return standIn;
    }

    /// <summary>The next call gets Meta's error (and optional usage header) instead of success; it is recorded as not answered.</summary>
    public void FailNext(int status, int code, int? subcode = null, string message = "error", string? businessUseCaseUsage = null)
    {
        lock (gate)
        {
            programmed.Enqueue(async context =>
            {
                if (businessUseCaseUsage is not null)
                {
                    context.Response.Headers["X-Business-Use-Case-Usage"] = businessUseCaseUsage;
                }

                await WriteErrorAsync(context, status, code, subcode, message).ConfigureAwait(false);
                return false;
            });
        }
    }

    /// <summary>The next call is received and then never answered (the caller's timeout or a crash ends it).</summary>
    public void HangNext()
    {
        lock (gate)
        {
            programmed.Enqueue(async context =>
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(false);
                return false;
            });
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> calls match; returns them.</summary>
    public async Task<IReadOnlyList<GraphCall>> WaitForAsync(Func<GraphCall, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        while (true)
        {
            var matching = Calls.Where(match).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} matching Graph calls, got {matching.Count}; all calls: {string.Join(" | ", Calls.Select(c => $"{c.Path} {c.Body}"))}");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context, string version, string id, string edge)
    {
        var token = context.Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false)).RootElement.Clone();
        }
        catch (JsonException)
        {
            await WriteErrorAsync(context, 400, 100, null, "Invalid parameter").ConfigureAwait(false);
            return;
        }

        Func<HttpContext, Task<bool>>? answer;
        lock (gate)
        {
            programmed.TryDequeue(out answer);
        }

        var path = $"{id}/{edge}";
        if (answer is not null)
        {
            Record(new GraphCall(path, token, body, Answered: false));
            await answer(context).ConfigureAwait(false);
            return;
        }

        if (token is null || !Tokens.Contains(token))
        {
            Record(new GraphCall(path, token, body, Answered: false));
            await WriteErrorAsync(context, 400, 190, 460, "Error validating access token: The session has been invalidated.").ConfigureAwait(false);
            return;
        }

        var n = Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);
        switch (edge)
        {
            case "comments" or "replies":
                Record(new GraphCall(path, token, body, Answered: true));
                await context.Response.WriteAsJsonAsync(new { id = $"{id}_{n}" }).ConfigureAwait(false);
                return;
            case "messages" when new GraphCall(path, token, body, true).PrivateReplyTo is { } comment:
                bool first;
                lock (gate)
                {
                    first = privatelyReplied.Add(comment);
                }

                Record(new GraphCall(path, token, body, Answered: first));
                if (!first)
                {
                    await WriteErrorAsync(context, 400, 10900, null, "Activity already replied to").ConfigureAwait(false);
                    return;
                }

                await context.Response.WriteAsJsonAsync(new { recipient_id = Commenters.GetValueOrDefault(comment, "psid-" + comment), message_id = "m_" + n }).ConfigureAwait(false);
                return;
            case "messages":
                var call = new GraphCall(path, token, body, Answered: true);
                Record(call);
                await context.Response.WriteAsJsonAsync(new { recipient_id = call.RecipientId, message_id = "m_" + n }).ConfigureAwait(false);
                return;
            default:
                Record(new GraphCall(path, token, body, Answered: false));
                await WriteErrorAsync(context, 400, 100, null, $"Unsupported post request: edge '{edge}'").ConfigureAwait(false);
                return;
        }
    }

    private void Record(GraphCall call)
    {
        lock (gate)
        {
            calls.Add(call);
        }
    }

    private static Task WriteErrorAsync(HttpContext context, int status, int code, int? subcode, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new
        {
            error = new { message, type = code == 190 ? "OAuthException" : "OAuthException", code, error_subcode = subcode, fbtrace_id = "AbCdEfGh123" },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
