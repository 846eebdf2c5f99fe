using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareBot.Protocol.Schema;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Channel;
using CareBot.Testing.Repository;
using MimeKit;
using Xunit.Abstractions;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>
/// A crash loses nothing from the customer's side: 16 customers go from a public complaint through the private chat to a
/// hand-off while the real server process is killed (SIGKILL) a third of the way through and restarted on the same data
/// and port; the channel posts every unanswered activity again with the same id. Every customer reaches the hand-off,
/// every message the bot acknowledged is on the case exactly once, one case and one notification per customer, no bot
/// message twice under different ids (only a proactive message caught by the kill between its send and its bookkeeping
/// is sent again, with the same id, so the channel can drop it), and no redelivery is refused for a claim the killed
/// process left behind.
/// </summary>
public sealed partial class CrashUnderLoadTests : IAsyncLifetime
{
    private readonly ITestOutputHelper output;
    // 16 unless tests/chaos.sh (an operator's run) asks for more.
    private static readonly int Customers =
        int.TryParse(Environment.GetEnvironmentVariable("CAREBOT_CHAOS_CUSTOMERS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var customers) && customers > 0 ? customers : 16;
    private const string AgentKey = "key-of-load-agent";

    /// <summary>How long all customers together may take, restart included: a guard, not a target.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(90);

    private readonly string scratch = Directory.CreateTempSubdirectory("carebot-crash-load-").FullName;
    private FakeChannel channel = null!;

    // The Maildir of test.sh's SMTP server is shared by the whole run: this test's notifications go to its own address.
    private readonly string agentEmail = $"care-team-{Guid.NewGuid():N}@example.test";

    // Where the agent notifications are counted: the pickup folder, or the real SMTP server's Maildir.
    private string[] mailArguments;
    private string mailFolder;
    private string mailFiles = "*.eml";

    public CrashUnderLoadTests(ITestOutputHelper output)
    {
        this.output = output;
        mailFolder = PickupFolder;
        mailArguments = [$"--Smtp:PickupFolder={PickupFolder}"];
    }

    private string PickupFolder => Path.Combine(scratch, "mail-pickup");

    public async Task InitializeAsync() => channel = await FakeChannel.StartAsync();

    public async Task DisposeAsync()
    {
        await channel.DisposeAsync();
        Directory.Delete(scratch, recursive: true);
    }

    [Fact]
    public Task On_SQLite_every_customer_reaches_the_hand_off_across_a_kill_and_restart() =>
        RunAsync($"--Storage:SqlitePath={Path.Combine(scratch, "carebot.db")}");

    [Fact]
    public async Task On_PostgreSQL_every_customer_reaches_the_hand_off_across_a_kill_and_restart()
    {
        await using var database = await TestPostgresDatabase.CreateAsync();
        await RunAsync($"--ConnectionStrings:Postgres={database.ConnectionString}");
    }

    /// <summary>
    /// The chaos run of a scaled-out deployment: two instances on one PostgreSQL behind a round-robin balancer (each post
    /// and each repeat goes to the next instance); one is killed mid-load and restarted while the other serves on.
    /// </summary>
    [Fact]
    public async Task On_PostgreSQL_with_two_instances_every_customer_reaches_the_hand_off_across_a_kill_and_restart_of_one()
    {
        // Emails go to the real SMTP server test.sh starts, and are counted where they arrive.
        var smtp = TestMailServer.FromEnvironment();
        mailArguments = ["--Smtp:Host=" + smtp.Host, "--Smtp:Port=" + smtp.Port.ToString(CultureInfo.InvariantCulture), "--Smtp:Security=None"];
        mailFolder = Path.Combine(smtp.Maildir, "new");
        mailFiles = "*";
        await using var database = await TestPostgresDatabase.CreateAsync();
        var other = FreePort();
        await using var survivor = await ServerProcess.StartAsync([.. Arguments(other), $"--ConnectionStrings:Postgres={database.ConnectionString}"]);
        await RunAsync($"--ConnectionStrings:Postgres={database.ConnectionString}", new Uri($"http://127.0.0.1:{other}/api/messages"));
    }

    private async Task RunAsync(string storageArgument, Uri? otherInstance = null)
    {
        var port = FreePort();
        string[] arguments = [.. Arguments(port), storageArgument];
        var server = await ServerProcess.StartAsync(arguments);
        try
        {
            Uri[] endpoints = [new Uri($"http://127.0.0.1:{port}/api/messages"), .. otherInstance is null ? Array.Empty<Uri>() : [otherInstance]];
            using var sender = new RedeliveringSender(endpoints, requestTimeout: TimeSpan.FromSeconds(20), retryDelay: TimeSpan.FromMilliseconds(200));
            var clock = Stopwatch.StartNew();
            var deadline = DateTimeOffset.UtcNow + Guard;
            var customers = Enumerable.Range(1, Customers).Select(n => new Customer(n, channel.ServiceUrl)).ToArray();
            var journeys = customers.Select(c => WalkAsync(c, sender, deadline)).ToArray();

            // A third of the way through (of 5 messages per customer), with turns in flight: SIGKILL, then a new process
            // on the same data and the same port, as a supervisor would restart it.
            await WaitUntilAsync(() => customers.Sum(c => c.Acknowledged.Count) >= Customers * Customer.MessageCount / 3 && sender.InFlight > 0, deadline);
            var acknowledgedAtKill = customers.Sum(c => c.Acknowledged.Count);
            server.Kill();
            await server.DisposeAsync();
            var killedAt = clock.Elapsed;
            var lastCallBeforeKill = channel.Calls.Count; // the killed process's calls all arrived before it died
            server = await ServerProcess.StartAsync(arguments);
            var restartedAt = clock.Elapsed;

            await Task.WhenAll(journeys);
            var notifications = await WaitForNotificationsAsync(Customers, deadline);
            await Task.Delay(TimeSpan.FromSeconds(1)); // not a timing assertion: the worker gets passes to (wrongly) repeat a mail
            notifications = ReadNotifications();

            output.WriteLine($"{Customers} customers, {customers.Sum(c => c.Acknowledged.Count)} messages acknowledged in {clock.Elapsed.TotalSeconds:F1} s; "
                + $"killed after {acknowledgedAtKill} at {killedAt.TotalSeconds:F1} s, serving again at {restartedAt.TotalSeconds:F1} s");
            output.WriteLine($"posts retried: {sender.Retries}; answers by status: "
                + string.Join(", ", sender.AnswerCounts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {a.Value}")));

            Assert.True(sender.Retries > 0, "The kill hit no post in flight, so nothing was redelivered.");

            // No redelivery was held off by the killed process's claims (409), and nothing failed (500).
            Assert.False(sender.AnswerCounts.ContainsKey("409"), "A redelivery was refused with 409.");
            Assert.False(sender.AnswerCounts.ContainsKey("500"), "A post was answered 500.");

            // One case per customer, each queued for a person, each notified once, each holding every acknowledged message once.
            using var listed = await server.GetAsync("/api/cases", AgentKey);
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
            using var list = JsonDocument.Parse(await listed.Content.ReadAsStringAsync());
            var caseIds = list.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
            Assert.Equal(Customers, caseIds.Count);
            var seenCustomers = new HashSet<int>();
            foreach (var caseId in caseIds)
            {
                using var read = await server.GetAsync($"/api/cases/{caseId}", AgentKey);
                using var body = JsonDocument.Parse(await read.Content.ReadAsStringAsync());
                var value = body.RootElement;
                Assert.Equal("Queued", value.GetProperty("status").GetString());
                var email = value.GetProperty("captured").GetProperty("email").GetProperty("text").GetString();
                var customer = Assert.Single(customers, c => c.Email == email);
                Assert.True(seenCustomers.Add(customer.Number), $"Customer {customer.Number} has two cases.");
                var said = value.GetProperty("transcript").EnumerateArray()
                    .Where(l => l.GetProperty("author").GetString() == "Customer")
                    .Select(l => l.GetProperty("text").GetString())
                    .ToList();
                foreach (var text in customer.Acknowledged)
                {
                    Assert.True(said.Count(s => s == text) == 1, $"Case {caseId}: '{text}' is in the transcript {said.Count(s => s == text)} times: {string.Join(" | ", said)}");
                }

                Assert.Equal(1, notifications.Count(n => n == caseId));
            }

            Assert.Equal(Customers, notifications.Count);

            // No bot message reached the channel twice under different ids. The outbox may send a proactive message once
            // more when the killed process had sent it but not yet marked it sent; that repeat carries the same outbox id
            // as the first send, so a channel that dedupes by id drops it. Replies to customer messages, which the turn
            // sends itself, never repeat.
            var repeated = channel.Calls
                .Where(c => c.Operation is ChannelOperation.SendToConversation or ChannelOperation.ReplyToActivity && c.StatusCode < 300 && c.Activity is not null)
                .GroupBy(c => (c.ConversationId, c.Activity!.ReplyToId, c.Activity.Text))
                .Where(g => g.Count() > 1)
                .ToList();
            var sameIdRepeats = repeated.Count(g => g.First().Activity!.Id is { Length: > 0 } id && g.All(c => c.Activity!.Id == id));
            output.WriteLine($"proactive messages sent again after the kill: {repeated.Count}, of them with the same id: {sameIdRepeats}");
            var privateOpened = channel.Calls.Count(c => c.Operation == ChannelOperation.CreateConversation && c.StatusCode < 300);
            output.WriteLine($"private conversations opened at the channel: {privateOpened} for {Customers} customers; "
                + $"cases: {caseIds.Count}; agent notifications received: {notifications.Count}");
            var unexplained = repeated
                .Where(g => g.Count() != 2
                    || g.Any(c => c.Operation != ChannelOperation.SendToConversation)
                    || g.Count(c => c.Sequence <= lastCallBeforeKill) != 1
                    || g.First().Activity!.Id is not { Length: > 0 } id
                    || g.Any(c => c.Activity!.Id != id))
                .Select(g => $"{g.Key.ConversationId} ← {g.Key.ReplyToId}: '{g.Key.Text}' as calls "
                    + string.Join(", ", g.Select(c => $"#{c.Sequence} {c.Operation} id '{c.Activity!.Id}'")))
                .ToList();
            Assert.True(unexplained.Count == 0, $"Bot messages delivered twice (the kill was after call #{lastCallBeforeKill}): " + string.Join("; ", unexplained));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>One customer's journey: the public complaint, then four messages in the private chat the bot opens.</summary>
    private async Task WalkAsync(Customer customer, RedeliveringSender sender, DateTimeOffset deadline)
    {
        await SayAsync(customer, sender, customer.PublicPost, customer.Wall, isGroup: true, deadline);
        var greeting = await channel.WaitForCallsAsync(
            c => c.Operation == ChannelOperation.SendToConversation && c.StatusCode < 300
                && c.ConversationId?.StartsWith("dm-", StringComparison.Ordinal) == true && c.Activity?.Recipient?.Id == customer.UserId,
            1,
            deadline - DateTimeOffset.UtcNow);
        var privateConversation = greeting[0].ConversationId!;
        foreach (var text in customer.PrivateMessages)
        {
            await SayAsync(customer, sender, text, privateConversation, isGroup: false, deadline);
        }
    }

    private static async Task SayAsync(Customer customer, RedeliveringSender sender, string text, string conversationId, bool isGroup, DateTimeOffset deadline)
    {
        var activity = Activities.Message(text, customer.ServiceUrl, conversationId, isGroup);
        activity.From = new ChannelAccount(customer.UserId, customer.Name, RoleTypes.User);
        await sender.PostUntilAnsweredAsync(activity, deadline);
        lock (customer.Acknowledged)
        {
            customer.Acknowledged.Add(text);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, DateTimeOffset deadline)
    {
        while (!condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException("The load did not reach the point of the kill in time.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    private async Task<List<string>> WaitForNotificationsAsync(int count, DateTimeOffset deadline)
    {
        while (true)
        {
            var notifications = ReadNotifications();
            if (notifications.Count >= count)
            {
                return notifications;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{notifications.Count} of {count} agent notifications arrived in {mailFolder}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>The case id of every agent notification in the pickup folder, one entry per email.</summary>
    private List<string> ReadNotifications()
    {
        if (!Directory.Exists(mailFolder))
        {
            return [];
        }

        var caseIds = new List<string>();
        foreach (var file in Directory.GetFiles(mailFolder, mailFiles))
        {
            var message = MimeMessage.Load(file);
            if (message.To.Mailboxes.Any(m => m.Address == agentEmail) && CaseIdPattern().Match(message.Subject ?? string.Empty) is { Success: true } match)
            {
                caseIds.Add(match.Value);
            }
        }

        return caseIds;
    }

    private string[] Arguments(int port) =>
    [
        "serve",
        $"--urls=http://127.0.0.1:{port}",
        $"--CareBot:DialogsPath={RepositoryRoot.Combine("dialogs")}",
        $"--Triage:CuesPath={RepositoryRoot.Combine("dialogs", "settings", "triage.yaml")}",
        .. mailArguments,
        $"--Notifications:AgentEmail={agentEmail}",
        $"--Agents:ApiKeys:load={AgentKey}",
        "--Outbox:PollInterval=00:00:00.2",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information", // prints "Now listening on: ..."
    ];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"\bC-\d+\b")]
    private static partial Regex CaseIdPattern();

    /// <summary>A customer with words of their own, so that each case's transcript can be checked line by line.</summary>
    private sealed class Customer(int number, string serviceUrl)
    {
        public const int MessageCount = 5;

        public int Number => number;

        public string ServiceUrl => serviceUrl;

        public string UserId => $"customer-{number}";

        public string Name => $"Customer {number}";

        public string Email => $"customer-{number}@example.com";

        public string Wall => $"wall-{number}";

        public string PublicPost => $"ORDER AB-{100000 + number} NEVER ARRIVED AND NOBODY ANSWERS!!! WORST SERVICE EVER";

        public string[] PrivateMessages =>
        [
            $"I waited {number + 1} weeks and the tracking hasn't moved",
            "and the hotline hung up on me twice",
            "that's all",
            Email,
        ];

        /// <summary>The texts the bot answered with a 2xx (the channel's retries included).</summary>
        public List<string> Acknowledged { get; } = [];
    }
}
