using CareBot.Care.Stores;
using CareBot.Testing.Meta;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Server.Tests.Meta;

/// <summary>Meta's limits as Meta documents them: the 7-day Private Reply, the 24-hour window, rate limits, tokens.</summary>
public sealed class MetaLimitsTests : MetaServerTest
{
    private const string Complaint = "MY ORDER NEVER ARRIVED AND NOBODY ANSWERS!!! worst service ever";

    [Fact]
    public async Task A_comment_older_than_seven_days_gets_no_private_reply_but_the_email_route_in_public()
    {
        var comment = CommentId("old");
        await PostWebhookAsync(MetaWebhooks.FeedComment(PageId, comment, "5552001", "Dee", Complaint, DateTimeOffset.UtcNow.AddDays(-8)));

        var answers = await Graph.WaitForAsync(c => c.Path == $"{comment}/comments", 2);
        Assert.Contains("email", answers[1].Text, StringComparison.OrdinalIgnoreCase);
        await WaitForOutboxIdleAsync(Server);
        Assert.Empty(PrivateRepliesTo(comment));
    }

    [Fact]
    public async Task Outside_the_24_hour_window_nothing_is_sent_and_the_message_waits_as_a_dead_letter_saying_why()
    {
        var comment = CommentId("window");
        var psid = "psid-" + comment;
        await PostWebhookAsync(MetaWebhooks.FeedComment(PageId, comment, "5552002", "Eve", Complaint, DateTimeOffset.UtcNow));
        await Graph.WaitForAsync(c => c.PrivateReplyTo == comment);

        // The customer's answer is older than the window by the time it is processed (its time is Meta's).
        await PostWebhookAsync(MetaWebhooks.Message("page", PageId, psid, $"m_late_{Run}", "It never came, two weeks now", DateTimeOffset.UtcNow.AddHours(-25)));
        await WaitForOutboxIdleAsync(Server);

        Assert.DoesNotContain(Graph.Calls, c => c.RecipientId == psid);
        var dead = await Server.Services.GetRequiredService<IOutboxStore>().ListDeadAsync(10, CancellationToken.None);
        Assert.Contains(dead, d => d.LastError?.Contains("24-hour messaging window", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Outside_the_24_hour_window_an_agents_reply_goes_to_the_email_address_the_customer_gave()
    {
        var comment = CommentId("mail");
        var psid = "psid-" + comment;
        await PostWebhookAsync(MetaWebhooks.FeedComment(PageId, comment, "5552006", "Ivy", "ORDER AB-123456 NEVER ARRIVED AND NOBODY ANSWERS!!! WORST SERVICE EVER", DateTimeOffset.UtcNow));
        await Graph.WaitForAsync(c => c.PrivateReplyTo == comment);
        foreach (var text in new[] { "I waited two weeks and the tracking hasn't moved", "and the hotline hung up on me twice", "that's all", $"ivy-{Run}@example.com" })
        {
            // Written more than a day ago: by now the window is closed.
            await PostWebhookAsync(MetaWebhooks.Message("page", PageId, psid, $"m_{Guid.NewGuid():N}", text, DateTimeOffset.UtcNow.AddHours(-25)));
            await WaitForOutboxIdleAsync(Server);
        }

        var opened = Assert.Single(await Server.Services.GetRequiredService<ICaseStore>().ListAsync(new CaseQuery(), CancellationToken.None)).Case;
        var ann = new CareBot.Server.Tests.EndToEnd.AgentClient(Server, "key-ann");
        await ann.PostAsync(opened.Id, "claim", System.Net.HttpStatusCode.OK);
        await ann.PostAsync(opened.Id, "reply", System.Net.HttpStatusCode.OK, "Your parcel goes out today.");
        await WaitForOutboxIdleAsync(Server);

        Assert.DoesNotContain(Graph.Calls, c => c.RecipientId == psid);
        var mails = Directory.Exists(Server.MailPickupFolder) ? Directory.GetFiles(Server.MailPickupFolder).Select(File.ReadAllText).ToList() : [];
        Assert.Contains(mails, m => m.Contains("Your parcel goes out today.", StringComparison.Ordinal) && m.Contains($"ivy-{Run}@example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rate_limited_answer_is_retried_after_the_pause_and_sent_once()
    {
        var comment = CommentId("rate");
        Graph.FailNext(400, 613, message: "Calls to this api have exceeded the rate limit.");
        await PostWebhookAsync(MetaWebhooks.FeedComment(PageId, comment, "5552003", "Fay", "Thank you so much, the new app is brilliant!", DateTimeOffset.UtcNow));

        await Graph.WaitForAsync(c => c.Path == $"{comment}/comments" && c.Answered);
        await WaitForOutboxIdleAsync(Server);

        var attempts = Graph.Calls.Where(c => c.Path == $"{comment}/comments").ToList();
        Assert.Equal(2, attempts.Count);
        Assert.False(attempts[0].Answered);
        Assert.Single(PublicRepliesTo(comment));
    }

    [Fact]
    public async Task A_rejected_page_token_keeps_the_message_in_the_outbox_until_the_token_works_again()
    {
        var comment = CommentId("token");
        Graph.Tokens.Clear(); // Meta answers code 190 until the token is renewed
        await PostWebhookAsync(MetaWebhooks.FeedComment(PageId, comment, "5552004", "Gus", "Thank you so much, the new app is brilliant!", DateTimeOffset.UtcNow));
        await Graph.WaitForAsync(c => c.Path == $"{comment}/comments", 2);

        Graph.Tokens.Add(PageToken);
        await Graph.WaitForAsync(c => c.Path == $"{comment}/comments" && c.Answered);
        await WaitForOutboxIdleAsync(Server);
        Assert.Single(PublicRepliesTo(comment));
    }

    [Fact]
    public async Task A_private_reply_whose_outcome_is_unknown_is_never_sent_again()
    {
        var comment = CommentId("unknown");
        await PostWebhookAsync(MetaWebhooks.FeedComment(PageId, comment, "5552005", "Hal", Complaint, DateTimeOffset.UtcNow));
        await Graph.WaitForAsync(c => c.Path == $"{comment}/comments");
        Graph.HangNext(); // the Private Reply reaches Meta, but no answer comes back (Meta:RequestTimeout is 2 s here)

        await Graph.WaitForAsync(c => c.PrivateReplyTo == comment);
        await WaitForOutboxIdleAsync(Server);
        await Task.Delay(1500);

        Assert.Single(PrivateRepliesTo(comment));
    }
}
