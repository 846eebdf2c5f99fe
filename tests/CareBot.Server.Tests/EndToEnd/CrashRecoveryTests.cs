using System.Net;
using System.Text.Json;
using CareBot.Protocol.Schema;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Channel;
using CareBot.Testing.Repository;
using Activity = CareBot.Protocol.Schema.Activity;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>
/// Nothing lost, nothing sent twice across a crash: the real server runs as its own process, commits a turn whose
/// outbox messages it never delivers (<c>Outbox:Enabled=false</c>, i.e. killed between commit and send), is killed with
/// SIGKILL, and a restarted process on the same database delivers each message exactly once.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const string AgentKey = "key-of-crash-agent";
    private const string Post = "ORDER AB-123456 NEVER ARRIVED AND NOBODY ANSWERS!!! mail me at ana@example.com";

    /// <summary>Long enough for several passes of the restarted worker (poll interval 0.2 s) to have found a repeat.</summary>
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(2);

    private readonly string scratch = Directory.CreateTempSubdirectory("carebot-crash-").FullName;
    private FakeChannel channel = null!;

    private string DatabasePath => Path.Combine(scratch, "carebot.db");

    private string PickupFolder => Path.Combine(scratch, "mail-pickup");

    public async Task InitializeAsync() => channel = await FakeChannel.StartAsync();

    public async Task DisposeAsync()
    {
        await channel.DisposeAsync();
        Directory.Delete(scratch, recursive: true);
    }

    [Fact]
    public async Task A_move_to_a_private_chat_committed_before_a_crash_is_delivered_exactly_once_after_the_restart()
    {
        await using (var crashing = await ServerProcess.StartAsync(Arguments(deliver: false)))
        {
            using var response = await crashing.PostActivityAsync(Activities.Message(Post, channel.ServiceUrl, "wall-crash", isGroup: true));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            // The public acknowledgment went out in the HTTP turn; the move to the private chat is only committed.
            var acknowledgment = Assert.Single(channel.Activities);
            Assert.Contains("private message", acknowledgment.Text, StringComparison.Ordinal);
            crashing.Kill();
        }

        Assert.Empty(channel.CallsTo(ChannelOperation.CreateConversation));

        await using var restarted = await ServerProcess.StartAsync(Arguments(deliver: true));
        await channel.WaitForCallsAsync(c => c.Operation == ChannelOperation.CreateConversation, 1, TimeSpan.FromSeconds(30));
        var greeting = Assert.Single(await channel.WaitForCallsAsync(IsPrivateMessage, 1, TimeSpan.FromSeconds(30)));
        Assert.Contains("Ana", greeting.Activity!.Text, StringComparison.Ordinal);

        await Task.Delay(QuietPeriod); // not a timing assertion: the worker gets several passes to (wrongly) repeat itself
        Assert.Single(channel.CallsTo(ChannelOperation.CreateConversation));
        Assert.Single(channel.Calls, IsPrivateMessage);
        Assert.Single(channel.Calls, c => c.ConversationId == "wall-crash"); // still the one public acknowledgment
    }

    [Fact]
    public async Task A_hand_off_committed_before_a_crash_notifies_the_agents_exactly_once_after_the_restart()
    {
        await using (var crashing = await ServerProcess.StartAsync(Arguments(deliver: false)))
        {
            var handoff = await AskForAPersonAsync(crashing, "dm-crash");
            Assert.NotEmpty(handoff);
            crashing.Kill();
        }

        Assert.Empty(EmailFiles());

        await using var restarted = await ServerProcess.StartAsync(Arguments(deliver: true));
        await WaitForEmailFilesAsync(1, TimeSpan.FromSeconds(30));

        await Task.Delay(QuietPeriod); // not a timing assertion: the worker gets several passes to (wrongly) repeat itself
        var notification = Assert.Single(EmailFiles());
        Assert.Contains("care-team@example.test", await File.ReadAllTextAsync(notification), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(PickupFolder, "*.tmp"));

        using var cases = await restarted.GetAsync("/api/cases", AgentKey);
        Assert.Equal(HttpStatusCode.OK, cases.StatusCode);
        using var body = JsonDocument.Parse(await cases.Content.ReadAsStringAsync());
        var listed = Assert.Single(body.RootElement.GetProperty("cases").EnumerateArray());
        Assert.Equal("Queued", listed.GetProperty("status").GetString());
    }

    private static bool IsPrivateMessage(ChannelCall call) =>
        call.Operation == ChannelOperation.SendToConversation && call.ConversationId?.StartsWith("dm-", StringComparison.Ordinal) == true;

    /// <summary>The same conversation as <see cref="CareConversations.AskForAPersonAsync"/>, against the process.</summary>
    private static async Task<IList<Activity>> AskForAPersonAsync(ServerProcess server, string conversationId)
    {
        IList<Activity> replies = [];
        foreach (var text in new[] { "I want to talk to a real person please", "I don't have one", "sam@example.com", "Wrong size delivered" })
        {
            replies = await server.ExchangeAsync(Activities.Message(text, Activities.UnusedServiceUrl, conversationId));
        }

        return replies;
    }

    private string[] EmailFiles() => Directory.Exists(PickupFolder) ? Directory.GetFiles(PickupFolder, "*.eml") : [];

    private async Task WaitForEmailFilesAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (EmailFiles().Length < count)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{EmailFiles().Length} of {count} emails arrived in {PickupFolder} within {timeout}.");
            }
        }
    }

    private string[] Arguments(bool deliver) =>
    [
        "serve",
        "--urls=http://127.0.0.1:0",
        $"--Storage:SqlitePath={DatabasePath}",
        $"--CareBot:DialogsPath={RepositoryRoot.Combine("dialogs")}",
        $"--Triage:CuesPath={RepositoryRoot.Combine("dialogs", "settings", "triage.yaml")}",
        $"--Smtp:PickupFolder={PickupFolder}",
        "--Notifications:AgentEmail=care-team@example.test",
        $"--Agents:ApiKeys:crash={AgentKey}",
        $"--Outbox:Enabled={(deliver ? "true" : "false")}",
        "--Outbox:PollInterval=00:00:00.2",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information", // prints "Now listening on: ..."
    ];
}
