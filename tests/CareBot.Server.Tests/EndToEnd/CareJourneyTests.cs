using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareBot.Protocol.Schema;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Channel;
using MimeKit;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>
/// The whole care journey through real HTTP: a real server (Kestrel, SQLite, the shipped dialogs), a fake channel for
/// the Connector, the agents' case API, and the real SMTP server test.sh starts (its Maildir is read back).
/// Everything the outbox delivers arrives asynchronously, so the tests wait for it (with 30 s guards), never sleep.
/// </summary>
public sealed partial class CareJourneyTests : IAsyncLifetime
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private const string ConsoleUrl = "http://console.example.test/agent";

    // Every test run shares one Maildir and every test database starts at the same case number, so each test sends to
    // its own addresses and finds its mail by them.
    private readonly string run = Guid.NewGuid().ToString("N")[..12];
    private TestMailServer mail = null!;
    private FakeChannel channel = null!;
    private CareBotTestServer server = null!;
    private AgentClient ann = null!;
    private AgentClient bob = null!;

    private string AgentEmail => $"care-team-{run}@example.test";

    public async Task InitializeAsync()
    {
        mail = TestMailServer.FromEnvironment();
        channel = await FakeChannel.StartAsync();
        var settings = new Dictionary<string, string?>(mail.SmtpSettings())
        {
            ["Agents:ApiKeys:ann"] = "key-ann",
            ["Agents:ApiKeys:bob"] = "key-bob",
            ["Notifications:AgentEmail"] = AgentEmail,
            ["Notifications:ConsoleUrl"] = ConsoleUrl,
        };
        server = await CareBotTestServer.StartAsync(settings: settings);
        ann = new AgentClient(server, "key-ann");
        bob = new AgentClient(server, "key-bob");
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        if (channel is not null)
        {
            await channel.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_angry_public_post_becomes_a_private_chat_a_queued_case_an_agent_email_an_agent_conversation_and_a_rating()
    {
        const string post = "ORDER AB-123456 NEVER ARRIVED AND NOBODY ANSWERS!!! WORST SERVICE EVER";
        var wall = $"wall-journey-{run}";

        // The public post: one public acknowledgment that repeats nothing personal, then the private chat opens.
        using (var posted = await server.PostActivityAsync(Activities.Message(post, channel.ServiceUrl, wall, isGroup: true)))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        var opening = await channel.WaitForCallsAsync(3, Guard);
        var acknowledgment = opening[0];
        Assert.Equal(wall, acknowledgment.ConversationId);
        Assert.Contains("private message", acknowledgment.Activity!.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("AB-123456", acknowledgment.Activity.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@", acknowledgment.Activity.Text, StringComparison.Ordinal);
        Assert.Equal(ChannelOperation.CreateConversation, opening[1].Operation);
        var greeting = opening[2];
        Assert.StartsWith("dm-", greeting.ConversationId, StringComparison.Ordinal);
        Assert.Contains("I've read what you posted", greeting.Activity!.Text, StringComparison.Ordinal);
        var dm = greeting.ConversationId!;

        // The customer vents in private, then gives the email address the dialog asks for: hand-off.
        Assert.Contains("I hear you", await SayInPrivateAsync(dm, "I waited two weeks and the tracking hasn't moved"), StringComparison.Ordinal);
        await SayInPrivateAsync(dm, "and the hotline hung up on me twice");
        Assert.Contains("What email address", await SayInPrivateAsync(dm, "that's all"), StringComparison.Ordinal);
        var handoff = await SayInPrivateAsync(dm, "ana@example.com");
        var caseId = CaseIdIn(handoff);

        // The queue shows the case's summary; the case itself what was captured, its triage, and both conversations in
        // its transcript.
        var listed = Assert.Single((await ann.ListCasesAsync("?status=queued")).EnumerateArray());
        Assert.Equal(caseId, listed.GetProperty("id").GetString());
        Assert.Equal("Queued", listed.GetProperty("status").GetString());
        Assert.False(listed.TryGetProperty("transcript", out _), "the list carries summaries, not transcripts");
        var queued = await ann.GetCaseAsync(caseId);
        Assert.Equal(queued.GetProperty("transcript").GetArrayLength(), listed.GetProperty("messageCount").GetInt32());
        Assert.Equal("AB-123456", CapturedText(queued, "order"));
        Assert.Equal("ana@example.com", CapturedText(queued, "email"));
        Assert.NotEmpty(queued.GetProperty("triage").EnumerateArray());
        var transcript = Lines(queued);
        Assert.Contains(transcript, l => l is { Thread: "Public", Author: "Customer", Text: post });
        Assert.Contains(transcript, l => l is { Thread: "Private", Author: "Customer", Text: "that's all" });
        Assert.Contains(transcript, l => l.Thread == "Private" && l.Author == "Bot");
        var priority = listed.GetProperty("priority").GetString()!;

        // The agents get an email: priority and case id in the subject, the transcript and the console link in the body.
        var notification = await mail.WaitForMessageAsync(
            m => TestMailServer.IsTo(m, AgentEmail) && (m.Subject ?? string.Empty).Contains(caseId, StringComparison.Ordinal), $"to {AgentEmail} about {caseId}");
        Assert.StartsWith($"[{priority}] Case {caseId}", notification.Subject, StringComparison.Ordinal);
        var body = notification.TextBody;
        Assert.Contains(post, body, StringComparison.Ordinal);
        Assert.Contains("[public]", body, StringComparison.Ordinal);
        Assert.Contains("[private]", body, StringComparison.Ordinal);
        Assert.Contains("I waited two weeks and the tracking hasn't moved", body, StringComparison.Ordinal);
        Assert.Contains($"{ConsoleUrl}/cases/{caseId}", body, StringComparison.Ordinal);

        // While the case waits for a person, what the customer writes goes on the case; the bot says once that it did,
        // then stays quiet.
        var noted = Assert.Single(await server.ExchangeAsync(Activities.Message("hello? is anyone there?", channel.ServiceUrl, dm)));
        Assert.Contains($"added that to case {caseId}", noted.Text, StringComparison.Ordinal);
        Assert.Empty(await server.ExchangeAsync(Activities.Message("hello??", channel.ServiceUrl, dm)));
        Assert.Contains(Lines(await ann.GetCaseAsync(caseId)), l => l is { Thread: "Private", Author: "Customer", Text: "hello? is anyone there?" });

        // Ann claims it; Bob can neither claim it nor answer on it.
        Assert.Equal("ann", (await ann.PostAsync(caseId, "claim", HttpStatusCode.OK)).GetProperty("assignee").GetString());
        await bob.PostAsync(caseId, "claim", HttpStatusCode.Conflict);
        await bob.PostAsync(caseId, "reply", HttpStatusCode.Forbidden, "Bob here!");

        // Ann's reply reaches the customer's private chat and the case's transcript.
        const string answer = "Hi Ana, I'm Ann. I found your parcel: it goes out again today by express.";
        await ann.PostAsync(caseId, "reply", HttpStatusCode.OK, answer);
        await channel.WaitForCallsAsync(c => c.ConversationId == dm && c.Activity?.Text == answer, 1, Guard);
        Assert.Contains(Lines(await ann.GetCaseAsync(caseId)), l => l is { Thread: "Private", Author: "Agent", Name: "ann", Text: answer });
        Assert.DoesNotContain(channel.Calls, c => c.Activity?.Text == "Bob here!");

        // Ann resolves it: the bot asks for a rating in the private chat, and the answer lands on the case.
        await ann.PostAsync(caseId, "resolve", HttpStatusCode.OK);
        await channel.WaitForCallsAsync(
            c => c.ConversationId == dm && c.Activity?.Text?.Contains("from 1 (poor) to 5 (excellent)", StringComparison.Ordinal) == true, 1, Guard);
        Assert.Contains("Thank you for the rating", await SayInPrivateAsync(dm, "5"), StringComparison.Ordinal);
        var resolved = await ann.GetCaseAsync(caseId);
        Assert.Equal("Resolved", resolved.GetProperty("status").GetString());
        Assert.Equal(5, resolved.GetProperty("rating").GetInt32());
    }

    [Fact]
    public async Task Without_private_chats_a_posted_address_carries_the_case_by_email_both_ways()
    {
        channel.RefuseCreateConversation(HttpStatusCode.MethodNotAllowed);
        var customer = $"kim-{run}@example.test";
        var post = $"This is a disgrace, order AB-654321 came broken!!! Write to me at {customer}";
        var wall = $"wall-email-{run}";

        using (var posted = await server.PostActivityAsync(Activities.Message(post, channel.ServiceUrl, wall, isGroup: true)))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        // The public acknowledgment, then (the private chat refused) the pointer to email, neither repeating the address.
        var said = await channel.WaitForCallsAsync(c => c.Operation != ChannelOperation.CreateConversation, 2, Guard);
        Assert.All(said, c => Assert.Equal(wall, c.ConversationId));
        Assert.All(said, c => Assert.DoesNotContain(customer, c.Activity!.Text, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("private message", said[0].Activity!.Text, StringComparison.Ordinal);
        var caseId = CaseIdIn(said[1].Activity!.Text!);
        Assert.Contains($"continue by email about case {caseId}", said[1].Activity!.Text, StringComparison.Ordinal);

        // The case exists, came from the public post, and has no private conversation.
        var opened = await ann.GetCaseAsync(caseId);
        Assert.Equal("Queued", opened.GetProperty("status").GetString());
        Assert.Equal(customer, CapturedText(opened, "email"));
        Assert.Equal("PublicPost", opened.GetProperty("origin").GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, opened.GetProperty("origin").GetProperty("private").ValueKind);
        Assert.Contains(Lines(opened), l => l is { Thread: "Public", Author: "Customer" } && l.Text == post);

        // Two emails: the agents' notification, and the customer's confirmation, which carries no triage.
        var notification = await mail.WaitForMessageAsync(
            m => TestMailServer.IsTo(m, AgentEmail) && (m.Subject ?? string.Empty).Contains(caseId, StringComparison.Ordinal), $"to {AgentEmail} about {caseId}");
        Assert.Contains(caseId, notification.Subject, StringComparison.Ordinal);
        var confirmation = await mail.WaitForMessageAsync(
            m => TestMailServer.IsTo(m, customer) && (m.Subject ?? string.Empty).Contains(caseId, StringComparison.Ordinal), $"confirming {caseId} to {customer}");
        Assert.DoesNotContain("Re:", confirmation.Subject, StringComparison.Ordinal);
        foreach (var internalWord in new[] { "Sentiment", "sentiment", "negative", "Priority", "signals", "disgrace" })
        {
            Assert.DoesNotContain(internalWord, confirmation.TextBody, StringComparison.Ordinal);
        }

        // Ann claims and answers: the answer goes to the customer by email.
        const string answer = "Hi Kim, I'm Ann. A replacement is on its way; keep the broken one.";
        await ann.PostAsync(caseId, "claim", HttpStatusCode.OK);
        await ann.PostAsync(caseId, "reply", HttpStatusCode.OK, answer);
        var reply = await mail.WaitForMessageAsync(
            m => TestMailServer.IsTo(m, customer) && (m.Subject ?? string.Empty).StartsWith("Re: Your ", StringComparison.Ordinal)
                && (m.Subject ?? string.Empty).EndsWith($"case {caseId}", StringComparison.Ordinal),
            $"with Ann's reply on {caseId} to {customer}");
        Assert.Contains(answer, reply.TextBody, StringComparison.Ordinal);

        // Resolving it emails the resolution notice, which asks for a rating.
        await ann.PostAsync(caseId, "resolve", HttpStatusCode.OK);
        var notice = await mail.WaitForMessageAsync(
            m => TestMailServer.IsTo(m, customer) && (m.Subject ?? string.Empty).EndsWith($"case {caseId} is resolved", StringComparison.Ordinal),
            $"resolving {caseId} to {customer}");
        Assert.Contains("from 1 to 5", notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(channel.CallsTo(ChannelOperation.SendToConversation), c => c.ConversationId != wall);
    }

    [Fact]
    public async Task A_case_handed_back_returns_the_customer_to_the_bot_which_answers_again()
    {
        var dm = $"dm-handback-{run}";
        var caseId = await AskForAPersonInPrivateAsync(dm);
        await ann.PostAsync(caseId, "claim", HttpStatusCode.OK);

        var handedBack = await ann.PostAsync(caseId, "handback", HttpStatusCode.OK);

        Assert.Equal("HandedBack", handedBack.GetProperty("status").GetString());
        var welcomeBack = await channel.WaitForCallsAsync(
            c => c.ConversationId == dm && c.Activity?.Text?.Contains("handed you back", StringComparison.Ordinal) == true, 1, Guard);
        Assert.Contains("Ana", welcomeBack[0].Activity!.Text, StringComparison.Ordinal);
        await channel.WaitForCallsAsync(
            c => c.ConversationId == dm && c.Activity?.Text?.Contains("anything else", StringComparison.Ordinal) == true, 1, Guard);
        Assert.Contains("Take care", await SayInPrivateAsync(dm, "no thanks"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_whose_problem_is_not_fixed_after_the_resolve_gets_a_person_again_on_a_new_case()
    {
        var dm = $"dm-not-fixed-{run}";
        var caseId = await AskForAPersonInPrivateAsync(dm);
        await ann.PostAsync(caseId, "claim", HttpStatusCode.OK);
        await ann.PostAsync(caseId, "resolve", HttpStatusCode.OK);
        await channel.WaitForCallsAsync(
            c => c.ConversationId == dm && c.Activity?.Text?.Contains("from 1 (poor) to 5 (excellent)", StringComparison.Ordinal) == true, 1, Guard);

        var reply = await SayInPrivateAsync(dm, "no it's not fixed, the replacement never came either");

        var reopened = CaseIdIn(reply);
        Assert.NotEqual(caseId, reopened);
        Assert.Contains("still isn't right", reply, StringComparison.Ordinal);
        var again = await ann.GetCaseAsync(reopened);
        Assert.Equal("Queued", again.GetProperty("status").GetString());
        Assert.Equal("High", again.GetProperty("priority").GetString());
        Assert.Equal("sam@example.com", CapturedText(again, "email"));
        Assert.Contains(Lines(again), l => l is { Author: "Customer", Text: "no it's not fixed, the replacement never came either" });
    }

    /// <summary>A customer asks for a person in a private chat and answers the questions; returns the case's id.</summary>
    private async Task<string> AskForAPersonInPrivateAsync(string conversationId)
    {
        await SayInPrivateAsync(conversationId, "I want to talk to a real person please");
        await SayInPrivateAsync(conversationId, "I don't have one");
        await SayInPrivateAsync(conversationId, "sam@example.com");
        return CaseIdIn(await SayInPrivateAsync(conversationId, "Wrong size delivered"));
    }

    /// <summary>The customer writes in a private conversation; returns the bot's replies in that turn, joined.</summary>
    private async Task<string> SayInPrivateAsync(string conversationId, string text)
    {
        var replies = await server.ExchangeAsync(Activities.Message(text, channel.ServiceUrl, conversationId));
        return string.Join("\n", replies.Select(r => r.Text));
    }

    private static string CaseIdIn(string text)
    {
        var match = CaseIdPattern().Match(text);
        Assert.True(match.Success, $"No case id in: {text}");
        return match.Value;
    }

    private static string? CapturedText(JsonElement value, string name) =>
        value.GetProperty("captured").GetProperty(name).GetProperty("text").GetString();

    private static List<Line> Lines(JsonElement value) =>
        [.. value.GetProperty("transcript").EnumerateArray().Select(l => new Line(
            l.GetProperty("thread").GetString(),
            l.GetProperty("author").GetString(),
            l.TryGetProperty("name", out var name) ? name.GetString() : null,
            l.GetProperty("text").GetString()))];

    [GeneratedRegex(@"\bC-\d+\b")]
    private static partial Regex CaseIdPattern();

    private sealed record Line(string? Thread, string? Author, string? Name, string? Text);
}
