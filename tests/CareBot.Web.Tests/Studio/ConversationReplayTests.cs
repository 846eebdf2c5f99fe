using System.Text.RegularExpressions;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;

namespace CareBot.Web.Tests.Studio;

/// <summary>Replay before publish: recent cases' customer messages through the live version and the draft, compared.</summary>
public sealed class ConversationReplayTests
{
    [Fact]
    public async Task A_changed_reply_is_found_at_its_turn()
    {
        using var folder = await StudioFolder.CreateAsync();
        var draft = StudioFolder.Hello.Replace("say: \"Bye now.\"", "say: \"Goodbye for now.\"", StringComparison.Ordinal);
        var replay = ReplayCases.Replay(folder, ReplayCases.WithCustomerLines(1001, "hi", "Sam"));

        var report = await replay.ReplayAsync("hello", draft, 20, CancellationToken.None);

        var conversation = Assert.Single(report.Conversations);
        Assert.Equal("C-1001", conversation.CaseId);
        Assert.True(conversation.Changed);
        Assert.Equal(1, report.ChangedCount);
        Assert.False(conversation.Turns[0].Changed);
        Assert.True(conversation.Turns[1].RepliesChanged);
        Assert.Contains("(private) Bye now.", conversation.Turns[1].LiveReplies);
        Assert.Contains("(private) Goodbye for now.", conversation.Turns[1].DraftReplies);
    }

    [Fact]
    public async Task A_changed_route_is_found_in_the_node_path()
    {
        using var folder = await StudioFolder.CreateAsync();
        var draft = StudioFolder.Hello.Replace("next: bye", "next: farewell", StringComparison.Ordinal).Replace("id: bye", "id: farewell", StringComparison.Ordinal);
        var replay = ReplayCases.Replay(folder, ReplayCases.WithCustomerLines(1001, "hi", "Sam"));

        var report = await replay.ReplayAsync("hello", draft, 20, CancellationToken.None);

        var turn = Assert.Single(report.Conversations).Turns[1];
        Assert.True(turn.PathChanged);
        Assert.False(turn.RepliesChanged);
        Assert.Contains("hello/bye", turn.LivePath);
        Assert.Contains("hello/farewell", turn.DraftPath);
    }

    [Fact]
    public async Task An_unchanged_conversation_is_reported_unchanged()
    {
        using var folder = await StudioFolder.CreateAsync();
        var draft = StudioFolder.Hello.Replace("title: Hello", "title: Hello there", StringComparison.Ordinal);
        var replay = ReplayCases.Replay(folder, ReplayCases.WithCustomerLines(1001, "hi", "Sam"), ReplayCases.WithCustomerLines(1002, "hello"));

        var report = await replay.ReplayAsync("hello", draft, 20, CancellationToken.None);

        Assert.Equal(2, report.Conversations.Count);
        Assert.All(report.Conversations, c => Assert.False(c.Changed));
        Assert.Equal(0, report.ChangedCount);
        Assert.Equal(["(private) Hello! What is your name?"], report.Conversations.Single(c => c.CaseId == "C-1001").Turns[0].LiveReplies);
    }

    [Fact]
    public async Task Personal_data_in_customer_messages_and_replies_is_masked()
    {
        using var folder = await StudioFolder.CreateAsync();
        var draft = StudioFolder.Hello.Replace("say: \"Bye now.\"", "say: \"Bye now, or write to help@contoso.com.\"", StringComparison.Ordinal);
        var replay = ReplayCases.Replay(folder, ReplayCases.WithCustomerLines(1001, "hi, I am sam@example.com", "call +44 20 7946 0958"));

        var report = await replay.ReplayAsync("hello", draft, 20, CancellationToken.None);

        var turns = Assert.Single(report.Conversations).Turns;
        Assert.Equal("hi, I am [email]", turns[0].CustomerText);
        Assert.Equal("call [phone]", turns[1].CustomerText);
        Assert.Contains("(private) Bye now, or write to [email].", turns[1].DraftReplies);
        Assert.DoesNotContain(turns.SelectMany(t => t.DraftReplies.Append(t.CustomerText)), t => t.Contains('@', StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_masking_follows_a_cue_file_published_since_start()
    {
        using var folder = await StudioFolder.CreateAsync();
        var shipped = TriageCueLoader.LoadEmbedded();
        var triage = new LiveTriageService(new VaderSentimentAnalyzer(), shipped);
        var replay = ReplayCases.Replay(folder, triage, ReplayCases.WithCustomerLines(1001, "my loyalty card is LC-4711"));
        Assert.Equal("my loyalty card is LC-4711", Assert.Single(Assert.Single((await replay.ReplayAsync("hello", StudioFolder.Hello, 20, CancellationToken.None)).Conversations).Turns).CustomerText);

        // An admin publishes cues whose order numbers are this brand's loyalty-card numbers.
        triage.Replace(shipped with { OrderNumber = new Regex(@"\bcard is (?<number>LC-\d{4})\b", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)) });

        var report = await replay.ReplayAsync("hello", StudioFolder.Hello, 20, CancellationToken.None);

        Assert.DoesNotContain("4711", Assert.Single(Assert.Single(report.Conversations).Turns).CustomerText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_number_asked_for_is_replayed()
    {
        using var folder = await StudioFolder.CreateAsync();
        var replay = ReplayCases.Replay(folder, ReplayCases.WithCustomerLines(1001, "hi"), ReplayCases.WithCustomerLines(1002, "hi"), ReplayCases.WithCustomerLines(1003, "hi"));

        var report = await replay.ReplayAsync("hello", StudioFolder.Hello, 2, CancellationToken.None);

        Assert.Equal(2, report.Conversations.Count);
    }

    [Fact]
    public async Task An_invalid_draft_replays_nothing_and_returns_its_errors()
    {
        using var folder = await StudioFolder.CreateAsync();
        var replay = ReplayCases.Replay(folder, ReplayCases.WithCustomerLines(1001, "hi"));

        var report = await replay.ReplayAsync("hello", StudioFolder.Hello.Replace("next: done", "next: nowhere", StringComparison.Ordinal), 20, CancellationToken.None);

        Assert.Empty(report.Conversations);
        Assert.NotEmpty(report.Errors);
    }
}
