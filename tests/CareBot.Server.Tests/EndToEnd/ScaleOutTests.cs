using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareBot.Protocol.Schema;
using CareBot.Server.Tests.Hosting;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>
/// Two real server processes on one PostgreSQL, as behind a load balancer: one conversation whose turns land on them
/// alternately goes exactly as it goes on one process, leaves one case with every customer message once, and an agent
/// watching the case feed on one instance sees the case the other opened.
/// </summary>
public sealed class ScaleOutTests : IDisposable
{
    private const string AgentKey = "key-of-scale-agent";

    private static readonly string[] Customer =
    [
        "I want to talk to a real person please",
        "I don't have one",
        "sam@example.com",
        "Wrong size delivered",
    ];

    private readonly string scratch = Directory.CreateTempSubdirectory("carebot-scale-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public async Task One_conversation_alternating_between_two_processes_goes_as_on_one_with_one_case_and_the_other_instance_sees_it_live()
    {
        await using var database = await TestPostgresDatabase.CreateAsync();
        string[] arguments = ServerProcess.Arguments(
            scratch, $"--ConnectionStrings:Postgres={database.ConnectionString}", $"--Agents:ApiKeys:scale={AgentKey}", "--Logging:LogLevel:Default=Warning");
        await using var a = await ServerProcess.StartAsync(arguments);
        await using var b = await ServerProcess.StartAsync(arguments);

        // The reference: the same words in one conversation on one instance.
        var alone = new List<string>();
        foreach (var text in Customer)
        {
            alone.AddRange(Texts(await a.ExchangeAsync(Activities.Message(text, Activities.UnusedServiceUrl, "scale-alone"))));
        }

        // An agent watches the live case feed on A from now on; the hand-off turn (the fourth) lands on B.
        using var feed = await OpenFeedAsync(a);
        var alternating = new List<string>();
        for (var i = 0; i < Customer.Length; i++)
        {
            var server = i % 2 == 0 ? a : b;
            alternating.AddRange(Texts(await server.ExchangeAsync(Activities.Message(Customer[i], Activities.UnusedServiceUrl, "scale-shared"))));
        }

        Assert.Equal(string.Join('\n', alone), string.Join('\n', alternating)); // as text: a list's diff is cut short

        var caseId = await FindCaseAsync(b, "scale-shared");
        var said = await CustomerLinesAsync(a, caseId);
        Assert.Equal(Customer.Where(said.Contains), said); // in order, each once
        Assert.Contains("Wrong size delivered", said);

        using var events = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        Assert.True(await SeesCaseAsync(feed, caseId, events.Token), $"The feed on A never mentioned {caseId}, opened on B.");
    }

    [Fact]
    public async Task A_Direct_Line_conversation_started_on_one_process_posted_to_on_the_other_streams_and_polls_the_same_replies_in_order()
    {
        await using var database = await TestPostgresDatabase.CreateAsync();
        string[] arguments = ServerProcess.Arguments(scratch, $"--ConnectionStrings:Postgres={database.ConnectionString}", "--Logging:LogLevel:Default=Warning");
        await using var a = await ServerProcess.StartAsync(arguments);
        await using var b = await ServerProcess.StartAsync(arguments);

        // The chat page's way in, on A; the stream on A.
        using var tokenResponse = await a.Client.PostAsync("/chat/token", null);
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        using var grant = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
        var conversationId = grant.RootElement.GetProperty("conversationId").GetString()!;
        var token = grant.RootElement.GetProperty("token").GetString()!;
        var userId = grant.RootElement.GetProperty("userId").GetString()!;
        using var started = await DirectLineAsync(a, HttpMethod.Post, "/v3/directline/conversations", token);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var streamUrl = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("streamUrl").GetString()!;
        Assert.StartsWith("ws://" + a.BaseAddress.Authority, streamUrl, StringComparison.Ordinal);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(streamUrl), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        // Every post on B (a token issued on A).
        foreach (var text in Customer)
        {
            using var posted = await DirectLineAsync(b, HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token,
                JsonSerializer.Serialize(new { type = "message", text, from = new { id = userId } }));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        // Poll on B until the bot answered the last line (the hand-off's case number), then read as much from A's stream.
        var polled = new List<(string Id, string From, string Text)>();
        var watermark = string.Empty;
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!polled.Any(p => p.From != userId && Regex.IsMatch(p.Text, @"\bC-\d+\b")))
        {
            await Task.Delay(200, patience.Token);
            using var page = await DirectLineAsync(b, HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities?watermark={watermark}", token);
            using var set = JsonDocument.Parse(await page.Content.ReadAsStringAsync());
            polled.AddRange(set.RootElement.GetProperty("activities").EnumerateArray()
                .Where(x => x.GetProperty("type").GetString() == ActivityTypes.Message)
                .Select(x => (x.GetProperty("id").GetString()!, x.GetProperty("from").GetProperty("id").GetString()!, x.GetProperty("text").GetString() ?? string.Empty)));
            watermark = set.RootElement.GetProperty("watermark").GetString()!;
        }

        var streamed = new List<(string Id, string From, string Text)>();
        while (streamed.Count < polled.Count)
        {
            streamed.AddRange(await ReceiveMessagesAsync(socket));
        }

        Assert.Equal(polled, streamed);
        var fromCustomer = polled.Where(p => p.From == userId).Select(p => p.Text).ToList();
        Assert.Equal(Customer, fromCustomer); // in order, each once
        for (var i = 1; i < polled.Count; i++)
        {
            // The bot answered each customer line before the next one (posts run the turn before answering).
            Assert.False(polled[i].From == userId && polled[i - 1].From == userId, $"No reply between '{polled[i - 1].Text}' and '{polled[i].Text}'.");
        }
    }

    private static async Task<HttpResponseMessage> DirectLineAsync(ServerProcess server, HttpMethod method, string path, string token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return await server.Client.SendAsync(request);
    }

    // The messages of the next non-empty frame (keep-alives and typing skipped).
    private static async Task<List<(string Id, string From, string Text)>> ReceiveMessagesAsync(ClientWebSocket socket)
    {
        var buffer = new byte[256 * 1024];
        using var frame = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            frame.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
        if (frame.Length == 0)
        {
            return [];
        }

        using var set = JsonDocument.Parse(frame.ToArray());
        return [.. set.RootElement.GetProperty("activities").EnumerateArray()
            .Where(x => x.GetProperty("type").GetString() == ActivityTypes.Message)
            .Select(x => (x.GetProperty("id").GetString()!, x.GetProperty("from").GetProperty("id").GetString()!, x.GetProperty("text").GetString() ?? string.Empty))];
    }

    // Case ids differ between the two conversations (C-1001, C-1002), and a promise past closing time names a moment
    // ("by tomorrow at 10:47 UTC") that moves with the clock: a minute can turn between the reference and the other run.
    private static IEnumerable<string> Texts(IList<Activity> replies) =>
        replies.Where(r => r.Type == ActivityTypes.Message)
            .Select(r => Regex.Replace(Regex.Replace(r.Text ?? string.Empty, @"\bC-\d+\b", "C-#"), @"\b\d{2}:\d{2}\b", "HH:MM"));

    private static async Task<StreamReader> OpenFeedAsync(ServerProcess server)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cases/feed");
        request.Headers.Authorization = new("Bearer", AgentKey);
        var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new StreamReader(await response.Content.ReadAsStreamAsync());
    }

    private static async Task<bool> SeesCaseAsync(StreamReader feed, string caseId, CancellationToken cancellationToken)
    {
        try
        {
            while (await feed.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.StartsWith("data:", StringComparison.Ordinal) && line.Contains($"\"caseId\":\"{caseId}\"", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return false;
    }

    private static async Task<string> FindCaseAsync(ServerProcess server, string conversationId)
    {
        using var listed = await server.GetAsync("/api/cases", AgentKey);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        using var list = JsonDocument.Parse(await listed.Content.ReadAsStringAsync());
        var ids = list.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
        var mine = new List<string>();
        foreach (var id in ids)
        {
            using var read = await server.GetAsync($"/api/cases/{id}", AgentKey);
            var json = await read.Content.ReadAsStringAsync();
            if (json.Contains(conversationId, StringComparison.Ordinal))
            {
                mine.Add(id);
            }
        }

        return Assert.Single(mine);
    }

    private static async Task<List<string>> CustomerLinesAsync(ServerProcess server, string caseId)
    {
        using var read = await server.GetAsync($"/api/cases/{caseId}", AgentKey);
        using var body = JsonDocument.Parse(await read.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("transcript").EnumerateArray()
            .Where(l => l.GetProperty("author").GetString() == "Customer")
            .Select(l => l.GetProperty("text").GetString()!)
            .ToList();
    }
}
