using System.Net;
using System.Text;
using System.Text.Json;
using CareBot.Protocol.Schema;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace CareBot.Server.Cli.Chaos;

/// <summary>
/// The channel end of a chaos run: Kestrel on 127.0.0.1 (a free port) answering the Connector API v3 calls the bot makes
/// (create a private conversation <c>dm-N</c>, send, reply) and recording each, so that the run can count what reached
/// the customer's side. Deliberately smaller than the tests' programmable fake channel: it never fails on purpose; the
/// faults of a chaos run are the kill.
/// </summary>
internal sealed class ChaosChannel : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly List<ChaosChannelCall> calls = [];
    private int nextConversation;
    private int nextActivity;

    private ChaosChannel(WebApplication app)
    {
        this.app = app;
    }

    /// <summary>The serviceUrl the customers' activities carry, ending in a slash.</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>Every call so far, in order (a snapshot).</summary>
    public IReadOnlyList<ChaosChannelCall> Calls
    {
        get
        {
            lock (gate)
            {
                return [.. calls];
            }
        }
    }

    public static async Task<ChaosChannel> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var channel = new ChaosChannel(app);
        app.Run(channel.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        channel.ServiceUrl = address.TrimEnd('/') + "/";
        return channel;
    }

    /// <summary>The private conversation the bot opened with <paramref name="userId"/> (its first message there).</summary>
    public async Task<string> WaitForPrivateConversationAsync(string userId, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var greeting = Calls.FirstOrDefault(c => c.Operation == "send" && c.RecipientId == userId
                && c.ConversationId?.StartsWith("dm-", StringComparison.Ordinal) == true);
            if (greeting is not null)
            {
                return greeting.ConversationId!;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The bot opened no private conversation with {userId} in time.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        // The raw target keeps ids escaped as the bot sent them; split first, then unescape each segment once.
        var path = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget.Split('?', 2)[0];
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        Activity? activity = null;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            activity = TryReadActivity(body);
        }

        string operation;
        string? conversationId = null;
        string answer;
        lock (gate)
        {
            switch (context.Request.Method, segments)
            {
                case ("POST", ["v3", "conversations"]):
                    operation = "create";
                    conversationId = $"dm-{++nextConversation}";
                    answer = JsonSerializer.Serialize(new { id = conversationId, serviceUrl = ServiceUrl });
                    activity = null; // the body was ConversationParameters
                    break;
                case ("POST", ["v3", "conversations", var conversation, "activities"]):
                    operation = "send";
                    conversationId = conversation;
                    answer = JsonSerializer.Serialize(new { id = $"act-{++nextActivity}" });
                    break;
                case ("POST", ["v3", "conversations", var conversation, "activities", _]):
                    operation = "reply";
                    conversationId = conversation;
                    answer = JsonSerializer.Serialize(new { id = $"act-{++nextActivity}" });
                    break;
                case ("GET", ["v3", "conversations", _, "members"]):
                    operation = "other";
                    answer = "[]";
                    break;
                default:
                    operation = "other";
                    answer = "{}";
                    break;
            }

            calls.Add(new ChaosChannelCall(
                calls.Count + 1, operation, conversationId, activity?.Id, activity?.ReplyToId, activity?.Recipient?.Id, activity?.Text));
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(answer, context.RequestAborted).ConfigureAwait(false);
    }

    private static Activity? TryReadActivity(string body)
    {
        try
        {
            return body.Length == 0 ? null : ActivityJson.Deserialize<Activity>(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
