using CareBot.Care.Agents;
using CareBot.Care.Cases;
using CareBot.Care.Cases.Notifications;
using CareBot.Care.Delivery;
using CareBot.Care.Stores;
using CareBot.Web.Console;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace CareBot.Web.Tests;

/// <summary>Internal notes with @name mentions: who counts as mentioned, and the live event each mentioned agent gets.</summary>
public sealed class MentionTests
{
    private static readonly DateTimeOffset Now = TestCases.Opened;

    [Theory]
    [InlineData("@ben please check", new[] { "ben" })]
    [InlineData("Thanks @Ben, and @sue.v: see above. @ben again", new[] { "ben", "sue.v" })]
    [InlineData("Mail sam@example.com about it", new string[0])]
    [InlineData("@@ben or @-x", new string[0])]
    public void Mentions_are_user_names_after_an_at_sign_not_email_addresses(string text, string[] expected) =>
        Assert.Equal(expected, NoteMentions.Find(text));

    [Fact]
    public async Task A_note_tells_each_enabled_mentioned_account_but_not_its_author_or_unknown_names()
    {
        var accounts = new Mock<IAgentAccountStore>();
        accounts.Setup(a => a.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((AgentAccount?)null);
        foreach (var (name, disabled) in new[] { ("ana", false), ("ben", false), ("otto", true) })
        {
            accounts.Setup(a => a.GetAsync(name, It.IsAny<CancellationToken>()))
                .ReturnsAsync(new AgentAccount(name, name, AgentRole.Agent, ["care"], disabled, "hash", 0, null, Now));
        }

        var value = TestCases.Queued(1001);
        var cases = new Mock<ICaseStore>();
        cases.Setup(c => c.GetAsync("C-1001", It.IsAny<CancellationToken>())).ReturnsAsync(new CaseRecord(value, 1));
        cases.Setup(c => c.AppendNoteAsync("C-1001", "ana", It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new NotedCase(new CaseRecord(value, 2), new CaseEvent(CaseEventNames.NoteAdded, "C-1001", Now, "ana")));
        var feed = new CaseEventFeed();
        var desk = new ConsoleDesk(accounts.Object, cases.Object, null!, feed, new FakeTimeProvider(Now));

        var result = await desk.AddNoteAsync("ana", "C-1001", "@ben can you call? cc @otto @nobody @ana", CancellationToken.None);

        var seen = new List<CaseEvent>();
        using var reading = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        try
        {
            await foreach (var entry in feed.SubscribeAsync(0, reading.Token))
            {
                seen.Add(entry.Event);
            }
        }
        catch (OperationCanceledException)
        {
            // Everything published was replayed.
        }

        Assert.True(result.Done, result.Problem);
        Assert.Equal([CaseEventNames.NoteAdded, CaseEventNames.Mentioned], seen.Select(e => e.Name));
        Assert.Equal("ben", seen[1].Detail);
    }

    [Fact]
    public async Task A_mention_email_is_made_inside_the_notes_own_store_call_so_it_commits_with_the_note()
    {
        var accounts = new Mock<IAgentAccountStore>();
        accounts.Setup(a => a.GetAsync("ana", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AgentAccount("ana", "Ana", AgentRole.Agent, ["care"], false, "hash", 0, null, Now));
        accounts.Setup(a => a.GetAsync("ben", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AgentAccount("ben", "Ben", AgentRole.Agent, ["care"], false, "hash", 0, null, Now, "ben@example.com"));
        var value = TestCases.Queued(1001);
        var cases = new Mock<ICaseStore>();
        cases.Setup(c => c.GetAsync("C-1001", It.IsAny<CancellationToken>())).ReturnsAsync(new CaseRecord(value, 1));
        Func<Case, IReadOnlyList<NewOutboxMessage>>? outbox = null;
        cases.Setup(c => c.AppendNoteAsync("C-1001", "ana", "@ben please call", It.IsAny<Func<Case, IReadOnlyList<NewOutboxMessage>>>(), It.IsAny<CancellationToken>()))
            .Callback((string _, string _, string _, Func<Case, IReadOnlyList<NewOutboxMessage>> made, CancellationToken _) => outbox = made)
            .ReturnsAsync(new NotedCase(new CaseRecord(value, 2), new CaseEvent(CaseEventNames.NoteAdded, "C-1001", Now, "ana")));
        using var signal = new OutboxSignal();
        var desk = new ConsoleDesk(accounts.Object, cases.Object, null!, new CaseEventFeed(), new FakeTimeProvider(Now),
            new MentionEmails(new CaseEmails(new NotificationOptions()), signal));

        var result = await desk.AddNoteAsync("ana", "C-1001", "@ben please call", CancellationToken.None);

        Assert.True(result.Done, result.Problem);
        value.AddNote("ana", "@ben please call", Now);
        var message = Assert.Single(outbox!(value));
        Assert.Equal(OutboxKind.Email, message.Kind);
        Assert.Equal(MentionEmails.Key("C-1001", 1, "ben"), message.IdempotencyKey);
        Assert.Contains("ben@example.com", message.PayloadJson, StringComparison.Ordinal);
        cases.Verify(c => c.AppendNoteAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
