using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareBot.Protocol.Schema;
using MimeKit;
using Activity = CareBot.Protocol.Schema.Activity;

namespace CareBot.Server.Cli.Chaos;

/// <summary>
/// The chaos run (issue #16): N customers go from a public complaint through the private chat to a hand-off, through a
/// round-robin sender over the instances (each post and each repeat goes to the next one); a third of the way through,
/// with posts in flight, the first instance is killed with SIGKILL and restarted on the same data and port, as a
/// supervisor would. Afterwards it checks, counting at the receiving ends: every message answered with a 2xx is in its
/// case's transcript exactly once, one queued case per customer, one agent notification per case (read back from the
/// pickup folder or the real SMTP server's Maildir), no 409 or 500 answer, and no bot message or email delivered twice
/// except one caught by the kill between its send and its bookkeeping, sent again with the same id (or Message-ID).
/// </summary>
internal sealed partial class ChaosRun
{
    /// <summary>The most customers one run takes: the cases are read back in one page of <c>/api/cases</c>.</summary>
    public const int MaxCustomers = 500;

    private const string AgentKey = "key-of-chaos-agent";

    private readonly ChaosSettings settings;
    private readonly TextWriter progress;

    // This run's notifications go to an address of its own: a shared Maildir may hold others.
    private readonly string agentEmail = $"care-team-{Guid.NewGuid():N}@example.test";

    public ChaosRun(ChaosSettings settings, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.Customers);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(settings.Customers, MaxCustomers);
        this.settings = settings;
        this.progress = progress;
    }

    public async Task<ChaosReport> RunAsync(CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("carebot-chaos-").FullName;
        try
        {
            ScratchPostgresDatabase? database = settings.PostgresConnectionString is { } server
                ? await ScratchPostgresDatabase.CreateAsync(server, cancellationToken).ConfigureAwait(false)
                : null;
            try
            {
                var storage = database is null
                    ? $"--Storage:SqlitePath={Path.Combine(scratch, "carebot.db")}"
                    : $"--ConnectionStrings:Postgres={database.ConnectionString}";
                return await RunAsync(scratch, storage, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (database is not null)
                {
                    await database.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private async Task<ChaosReport> RunAsync(string scratch, string storageArgument, CancellationToken cancellationToken)
    {
        var report = new ChaosReport { Settings = settings };
        await using var channel = await ChaosChannel.StartAsync(cancellationToken).ConfigureAwait(false);
        var (mailArguments, mailFolder, mailFiles) = Mail(scratch);
        string[] arguments = [.. ServeArguments(mailArguments), storageArgument];

        // The survivors first (they serve on while the first instance dies), then the instance that is killed.
        var survivors = new List<InstanceProcess>();
        InstanceProcess? victim = null;
        try
        {
            for (var i = 1; i < settings.InstanceCount; i++)
            {
                survivors.Add(await InstanceProcess.StartAsync(FreePort(), arguments, cancellationToken).ConfigureAwait(false));
            }

            var victimPort = FreePort();
            victim = await InstanceProcess.StartAsync(victimPort, arguments, cancellationToken).ConfigureAwait(false);
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chaos: {settings.InstanceCount} instance(s) serving; {settings.Customers} customers start"));

            Uri[] endpoints = [new Uri(victim.BaseAddress, "api/messages"), .. survivors.Select(s => new Uri(s.BaseAddress, "api/messages"))];
            using var sender = new RedeliveringSender(endpoints, requestTimeout: TimeSpan.FromSeconds(20), retryDelay: TimeSpan.FromMilliseconds(200));
            var clock = Stopwatch.StartNew();
            var deadline = DateTimeOffset.UtcNow + settings.Guard;
            var customers = Enumerable.Range(1, settings.Customers).Select(n => new ChaosCustomer(n)).ToArray();
            var journeys = customers.Select(c => WalkAsync(c, channel, sender, deadline, cancellationToken)).ToArray();

            // A third of the way through (of 5 messages per customer), with posts in flight: SIGKILL, then a new process on
            // the same data and port.
            await WaitUntilAsync(
                () => customers.Sum(c => c.AcknowledgedCount) >= settings.Customers * ChaosCustomer.MessageCount / 3 && sender.InFlight > 0,
                deadline,
                cancellationToken).ConfigureAwait(false);
            report.AcknowledgedAtKill = customers.Sum(c => c.AcknowledgedCount);
            victim.Kill();
            var killedAtUtc = DateTime.UtcNow;
            var killedOutput = victim.Output;
            await victim.DisposeAsync().ConfigureAwait(false);
            victim = null;
            report.KilledAt = clock.Elapsed;
            var lastCallBeforeKill = channel.Calls.Count; // the killed process's calls all arrived before it died
            victim = await InstanceProcess.StartAsync(victimPort, arguments, cancellationToken).ConfigureAwait(false);
            report.RestartedAt = clock.Elapsed;

            foreach (var journey in journeys)
            {
                try
                {
                    await journey.ConfigureAwait(false);
                }
                catch (TimeoutException failure)
                {
                    report.Violations.Add(failure.Message);
                }
            }

            var notifications = await WaitForNotificationsAsync(mailFolder, mailFiles, deadline, cancellationToken).ConfigureAwait(false);
            // Not a timing assertion: the outbox workers get passes to (wrongly) repeat a mail.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            notifications = ReadNotifications(mailFolder, mailFiles);

            report.Elapsed = clock.Elapsed;
            report.Acknowledged = customers.Sum(c => c.AcknowledgedCount);
            report.Retries = sender.Retries;
            report.AnswerCounts = sender.AnswerCounts;
            report.Notifications = notifications.DistinctBy(n => n.MessageId).Count();
            CheckAnswers(report);
            if (report.AnswerCounts.ContainsKey("500"))
            {
                // What the servers logged, so a 500 is explained by the run that saw it (one in many runs, once).
                report.Violations.AddRange(ServerErrors([killedOutput, victim.Output, .. survivors.Select(s => s.Output)]));
            }

            await CheckCasesAsync(report, victim.BaseAddress, customers, notifications, cancellationToken).ConfigureAwait(false);
            CheckRepeatedNotifications(report, notifications, killedAtUtc);
            CheckChannel(report, channel.Calls, lastCallBeforeKill);
            return report;
        }
        finally
        {
            if (victim is not null)
            {
                await victim.DisposeAsync().ConfigureAwait(false);
            }

            foreach (var survivor in survivors)
            {
                await survivor.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>One customer's journey: the public complaint, then four messages in the private chat the bot opens.</summary>
    private static async Task WalkAsync(ChaosCustomer customer, ChaosChannel channel, RedeliveringSender sender, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        await SayAsync(customer, channel, sender, customer.PublicPost, customer.Wall, isGroup: true, deadline, cancellationToken).ConfigureAwait(false);
        var privateConversation = await channel.WaitForPrivateConversationAsync(customer.UserId, deadline, cancellationToken).ConfigureAwait(false);
        foreach (var text in customer.PrivateMessages)
        {
            await SayAsync(customer, channel, sender, text, privateConversation, isGroup: false, deadline, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task SayAsync(
        ChaosCustomer customer, ChaosChannel channel, RedeliveringSender sender, string text, string conversationId, bool isGroup, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = $"chaos-{Guid.NewGuid():N}",
            ChannelId = "webchat",
            ServiceUrl = channel.ServiceUrl,
            From = new ChannelAccount(customer.UserId, customer.Name, RoleTypes.User),
            Recipient = new ChannelAccount("carebot", "CareBot", RoleTypes.Bot),
            Conversation = new ConversationAccount(conversationId, isGroup: isGroup ? true : null),
            Text = text,
            Locale = "en-US",
        };
        await sender.PostUntilAnsweredAsync(activity, deadline, cancellationToken).ConfigureAwait(false);
        customer.Acknowledge(text);
    }

    private static IEnumerable<string> ServerErrors(IEnumerable<string> outputs) =>
        outputs.SelectMany(output => output.Split('\n'))
            .Where(line => line.Contains("fail:", StringComparison.Ordinal) || line.Contains("Exception", StringComparison.Ordinal) || line.TrimStart().StartsWith("at ", StringComparison.Ordinal))
            .Take(40)
            .Select(line => "server: " + line.TrimEnd());

    private static void CheckAnswers(ChaosReport report)
    {
        if (report.Retries == 0)
        {
            report.Violations.Add("The kill hit no post in flight, so nothing was redelivered: the run proved nothing about the crash.");
        }

        // A redelivery held off by a claim the killed process left behind (409), or anything failed (500).
        foreach (var status in new[] { "409", "500" })
        {
            if (report.AnswerCounts.TryGetValue(status, out var count))
            {
                report.Violations.Add(string.Create(CultureInfo.InvariantCulture, $"{count} post(s) were answered {status}."));
            }
        }
    }

    /// <summary>One queued case per customer, notified once, holding every acknowledged message exactly once.</summary>
    private static async Task CheckCasesAsync(
        ChaosReport report, Uri instance, ChaosCustomer[] customers, List<ChaosNotification> notifications, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = instance, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AgentKey);
        using var list = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/cases?limit={MaxCustomers}", UriKind.Relative), cancellationToken).ConfigureAwait(false));
        var caseIds = list.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
        report.Cases = caseIds.Count;
        if (caseIds.Count != customers.Length)
        {
            report.Violations.Add(string.Create(CultureInfo.InvariantCulture, $"{caseIds.Count} cases for {customers.Length} customers."));
        }

        var seen = new HashSet<int>();
        foreach (var caseId in caseIds)
        {
            using var body = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/cases/{Uri.EscapeDataString(caseId)}", UriKind.Relative), cancellationToken).ConfigureAwait(false));
            var value = body.RootElement;
            if (value.GetProperty("status").GetString() is var status && status != "Queued")
            {
                report.Violations.Add($"Case {caseId} is {status}, not Queued.");
            }

            var email = value.TryGetProperty("captured", out var captured) && captured.TryGetProperty("email", out var captureEmail)
                ? captureEmail.GetProperty("text").GetString()
                : null;
            var customer = customers.FirstOrDefault(c => c.Email == email);
            if (customer is null)
            {
                report.Violations.Add($"Case {caseId} belongs to no customer of the run (email '{email}').");
                continue;
            }

            if (!seen.Add(customer.Number))
            {
                report.Violations.Add(string.Create(CultureInfo.InvariantCulture, $"Customer {customer.Number} has two cases."));
            }

            var said = value.GetProperty("transcript").EnumerateArray()
                .Where(l => l.GetProperty("author").GetString() == "Customer")
                .Select(l => l.GetProperty("text").GetString())
                .ToList();
            foreach (var text in customer.Acknowledged)
            {
                var times = said.Count(s => s == text);
                if (times != 1)
                {
                    report.Violations.Add(string.Create(CultureInfo.InvariantCulture, $"Case {caseId}: '{text}' is in the transcript {times} times: {string.Join(" | ", said)}"));
                }
            }

            // Counted by Message-ID: a copy sent again with the same one is judged in CheckRepeatedNotifications.
            var notified = notifications.Where(n => n.CaseId == caseId).Select(n => n.MessageId).Distinct(StringComparer.Ordinal).Count();
            if (notified != 1)
            {
                report.Violations.Add(string.Create(CultureInfo.InvariantCulture, $"Case {caseId}: {notified} agent notifications, not 1."));
            }
        }

        if (report.Notifications != customers.Length)
        {
            report.Violations.Add(string.Create(CultureInfo.InvariantCulture, $"{report.Notifications} agent notifications for {customers.Length} customers."));
        }
    }

    /// <summary>
    /// No notification arrived twice, but for one the killed process had handed to the SMTP server and not yet marked
    /// sent: the outbox sends it again after the kill with the same Message-ID, which mail servers and clients drop as
    /// a repeat. SMTP can't be told "exactly once" across a crash; losing the email instead would be worse. Anything
    /// else (a third copy, both copies before the kill or both after it) is a fault.
    /// </summary>
    internal static void CheckRepeatedNotifications(ChaosReport report, List<ChaosNotification> notifications, DateTime killedAtUtc)
    {
        // The SMTP server may write the killed process's last mail a moment after the kill.
        var lastArrivalFromTheKilled = killedAtUtc + TimeSpan.FromSeconds(2);
        var repeated = notifications.GroupBy(n => n.MessageId, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList();
        report.RepeatedNotifications = repeated.Count;
        foreach (var copies in repeated)
        {
            var ordered = copies.OrderBy(n => n.ArrivedUtc).ToList();
            var explained = ordered.Count == 2 && ordered[0].ArrivedUtc <= lastArrivalFromTheKilled && ordered[1].ArrivedUtc >= killedAtUtc;
            if (!explained)
            {
                report.Violations.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Case {ordered[0].CaseId}: its notification arrived {ordered.Count} times, at {string.Join(", ", ordered.Select(n => (n.ArrivedUtc - killedAtUtc).TotalSeconds.ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + " s"))} from the kill."));
            }
        }
    }

    /// <summary>
    /// No bot message reached the channel twice under different ids. The outbox may send a proactive message once more
    /// when the killed process had sent it but not yet marked it sent; that repeat carries the same outbox id as the first
    /// send, so a channel that dedupes by id drops it. Replies to customer messages, which the turn sends itself, never
    /// repeat.
    /// </summary>
    private static void CheckChannel(ChaosReport report, IReadOnlyList<ChaosChannelCall> calls, int lastCallBeforeKill)
    {
        report.PrivateConversationsOpened = calls.Count(c => c.Operation == "create");
        var repeated = calls
            .Where(c => c.Operation is "send" or "reply")
            .GroupBy(c => (c.ConversationId, c.ReplyToId, c.Text))
            .Where(g => g.Count() > 1)
            .ToList();
        report.RepeatedMessages = repeated.Count;
        report.SameIdRepeats = repeated.Count(g => g.First().ActivityId is { Length: > 0 } id && g.All(c => c.ActivityId == id));
        foreach (var group in repeated)
        {
            var explained = group.Count() == 2
                && group.All(c => c.Operation == "send")
                && group.Count(c => c.Sequence <= lastCallBeforeKill) == 1
                && group.First().ActivityId is { Length: > 0 } id
                && group.All(c => c.ActivityId == id);
            if (!explained)
            {
                report.Violations.Add(
                    $"Bot message delivered twice (the kill was after call #{lastCallBeforeKill}): {group.Key.ConversationId} ← {group.Key.ReplyToId}: '{group.Key.Text}' as calls "
                    + string.Join(", ", group.Select(c => string.Create(CultureInfo.InvariantCulture, $"#{c.Sequence} {c.Operation} id '{c.ActivityId}'"))));
            }
        }
    }

    private (string[] Arguments, string Folder, string Files) Mail(string scratch)
    {
        if (settings.SmtpServer is { } smtp)
        {
            var (host, port) = SplitHostPort(smtp);
            var maildir = settings.Maildir ?? throw new InvalidOperationException("A chaos run with an SMTP server needs its Maildir to count what arrived.");
            return (["--Smtp:Host=" + host, "--Smtp:Port=" + port, "--Smtp:Security=None"], Path.Combine(maildir, "new"), "*");
        }

        var pickup = Path.Combine(scratch, "mail-pickup");
        return ([$"--Smtp:PickupFolder={pickup}"], pickup, "*.eml");
    }

    private static (string Host, string Port) SplitHostPort(string value)
    {
        var colon = value.LastIndexOf(':');
        return colon > 0 && int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? (value[..colon], value[(colon + 1)..])
            : throw new ArgumentException($"The SMTP server must be host:port (e.g. 127.0.0.1:2525), not '{value}'.", nameof(value));
    }

    private string[] ServeArguments(string[] mailArguments)
    {
        var dialogs = Path.GetFullPath(settings.DialogsPath);
        return
        [
            $"--CareBot:DialogsPath={dialogs}",
            $"--Triage:CuesPath={Path.Combine(dialogs, "settings", "triage.yaml")}",
            .. mailArguments,
            $"--Notifications:AgentEmail={agentEmail}",
            $"--Agents:ApiKeys:chaos={AgentKey}",
            "--Outbox:PollInterval=00:00:00.2",
            "--Logging:LogLevel:Default=Warning",
        ];
    }

    private static async Task WaitUntilAsync(Func<bool> condition, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException("The load did not reach the point of the kill in time.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<ChaosNotification>> WaitForNotificationsAsync(string folder, string files, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var notifications = ReadNotifications(folder, files);
            if (notifications.DistinctBy(n => n.MessageId).Count() >= settings.Customers || DateTimeOffset.UtcNow > deadline)
            {
                return notifications;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every notification to this run's agent address, one entry per email file.</summary>
    private List<ChaosNotification> ReadNotifications(string folder, string files)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var notifications = new List<ChaosNotification>();
        foreach (var file in Directory.GetFiles(folder, files))
        {
            using var message = MimeMessage.Load(file);
            if (message.To.Mailboxes.Any(m => m.Address == agentEmail) && CaseIdPattern().Match(message.Subject ?? string.Empty) is { Success: true } match)
            {
                notifications.Add(new ChaosNotification(match.Value, message.MessageId ?? file, File.GetLastWriteTimeUtc(file)));
            }
        }

        return notifications;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"\bC-\d+\b")]
    private static partial Regex CaseIdPattern();
}
