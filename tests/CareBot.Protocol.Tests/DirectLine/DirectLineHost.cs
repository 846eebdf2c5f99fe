using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CareBot.Protocol.Auth;
using CareBot.Protocol.Connector;
using CareBot.Protocol.DirectLine;
using CareBot.Protocol.Hosting;
using CareBot.Protocol.Turns;
using CareBot.Testing.Hosting;
using CareBot.Testing.Turns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CareBot.Protocol.Tests.DirectLine;

/// <summary>
/// The built-in Direct Line channel on a real Kestrel (127.0.0.1, free port) in front of a test bot, with the protocol's
/// real turn pipeline and a <see cref="RecordingConnectorClient"/> as the Connector the channel decorates.
/// </summary>
internal sealed class DirectLineHost : IAsyncDisposable
{
    public const string Secret = "test-direct-line-secret";

    private readonly WebApplication _app;

    private DirectLineHost(WebApplication app, Uri baseAddress, FakeTimeProvider time)
    {
        _app = app;
        BaseAddress = baseAddress;
        Time = time;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The decorated Connector client, as the bot gets it.</summary>
    public IConnectorClient Connector => _app.Services.GetRequiredService<IConnectorClient>();

    /// <summary>The Connector client behind the decorator (what other channels' calls reach).</summary>
    public RecordingConnectorClient InnerConnector => _app.Services.GetRequiredService<RecordingConnectorClient>();

    public string ServiceUrl => Channel.ServiceUrl;

    /// <summary>The channel's in-memory state, for its <see cref="DirectLineChannel.Diagnostics"/>.</summary>
    public DirectLineChannel Channel => _app.Services.GetRequiredService<DirectLineChannel>();

    public static async Task<DirectLineHost> StartAsync(
        IBot bot, IReadOnlyDictionary<string, string?>? settings = null, IDirectLineUploadStore? uploads = null, IUserTextRedactor? redactor = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DirectLine:Secret"] = Secret });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddCareBotProtocol(builder.Configuration);
        builder.Services.AddSingleton(bot);
        builder.Services.AddSingleton<RecordingConnectorClient>();
        builder.Services.AddSingleton<IConnectorClient>(provider => provider.GetRequiredService<RecordingConnectorClient>());
        builder.Services.AddSingleton<IChannelAuthenticator, FakeChannelAuthenticator>();
        builder.Services.AddSingleton<ITrustedServiceUrls, RecordingTrustedServiceUrls>();
        builder.Services.AddDirectLineChannel(builder.Configuration);
        if (uploads is not null)
        {
            builder.Services.AddSingleton(uploads);
        }

        if (redactor is not null)
        {
            builder.Services.AddSingleton(redactor);
        }

        var app = builder.Build();
        app.MapBotMessages();
        app.UseRateLimiter();
        app.MapDirectLineChannel();
        await app.StartAsync();
        return new DirectLineHost(app, new Uri(app.Urls.First()), time);
    }

    /// <summary>Sends a request with <c>Authorization: Bearer {credential}</c> (none when null) and an optional JSON body.</summary>
    public async Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? credential, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, body);
    }

    /// <summary>Starts a conversation with the secret; returns its id and token.</summary>
    public async Task<(string ConversationId, string Token, string StreamUrl)> StartConversationAsync(string? body = null)
    {
        var (status, conversation) = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", Secret, body);
        Assert.Equal(201, status);
        return (conversation.GetProperty("conversationId").GetString()!, conversation.GetProperty("token").GetString()!, conversation.GetProperty("streamUrl").GetString()!);
    }

    /// <summary>Posts a message as <paramref name="userId"/>; returns the status and body.</summary>
    public Task<(int Status, JsonElement Body)> PostMessageAsync(string conversationId, string credential, string text, string userId = "dl_user1", string? clientActivityId = null) =>
        SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", credential, JsonSerializer.Serialize(new
        {
            type = "message",
            text,
            from = new { id = userId, name = "User One", role = "user" },
            channelData = new { clientActivityID = clientActivityId ?? Guid.NewGuid().ToString("N") },
        }));

    /// <summary>GETs activities after a watermark.</summary>
    public async Task<(JsonElement[] Activities, string? Watermark)> GetActivitiesAsync(string conversationId, string credential, string? watermark = null)
    {
        var path = $"/v3/directline/conversations/{conversationId}/activities" + (watermark is null ? string.Empty : "?watermark=" + watermark);
        var (status, set) = await SendAsync(HttpMethod.Get, path, credential);
        Assert.Equal(200, status);
        return ([.. set.GetProperty("activities").EnumerateArray()], set.TryGetProperty("watermark", out var w) ? w.GetString() : null);
    }

    /// <summary>Opens the WebSocket stream at <paramref name="streamUrl"/>.</summary>
    public static async Task<ClientWebSocket> ConnectAsync(string streamUrl)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(streamUrl), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        return socket;
    }

    /// <summary>Reads the next non-empty frame (keep-alives skipped) as text.</summary>
    public static async Task<string> ReceiveFrameAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var frame = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
                frame.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The server closed the stream.");
            }

            if (frame.Length > 0)
            {
                return Encoding.UTF8.GetString(frame.ToArray());
            }
        }
    }

    /// <summary>Reads frames until <paramref name="count"/> activities arrived (keep-alives skipped).</summary>
    public static async Task<List<JsonElement>> ReceiveActivitiesAsync(ClientWebSocket socket, int count)
    {
        var activities = new List<JsonElement>();
        var buffer = new byte[1024 * 1024];
        while (activities.Count < count)
        {
            using var frame = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
                frame.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The server closed the stream.");
            }

            if (frame.Length == 0)
            {
                continue;
            }

            using var document = JsonDocument.Parse(frame.ToArray());
            activities.AddRange(document.RootElement.GetProperty("activities").EnumerateArray().Select(a => a.Clone()));
        }

        return activities;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
