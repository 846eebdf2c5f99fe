using CareBot.Testing.Meta;

namespace CareBot.Server.Tests.Meta;

/// <summary>A crash loses nothing Meta was told we received, and sends nothing twice.</summary>
public sealed class MetaCrashTests : MetaServerTest
{
    [Fact]
    public async Task A_delivery_acknowledged_before_a_crash_is_answered_after_the_restart()
    {
        var comment = CommentId("ack");
        var databasePath = CareBot.Server.Tests.Hosting.CareBotTestServer.NewDatabasePath();
        await using (var first = await StartServerAsync(databasePath, new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" }))
        {
            using var acknowledged = await PostWebhookAsync(first, MetaWebhooks.FeedComment(PageId, comment, "5553001", "Ida", "Thank you so much, the new app is brilliant!", DateTimeOffset.UtcNow));
            Assert.Equal(System.Net.HttpStatusCode.OK, acknowledged.StatusCode);
        } // the process goes away before any turn ran

        await using var second = await StartServerAsync(databasePath);
        await Graph.WaitForAsync(c => c.Path == $"{comment}/comments" && c.Answered);
        await WaitForOutboxIdleAsync(second);
        Assert.Single(PublicRepliesTo(comment));
    }

    [Fact]
    public async Task A_reply_committed_before_a_crash_is_sent_once_after_the_restart()
    {
        var comment = CommentId("commit");
        var databasePath = CareBot.Server.Tests.Hosting.CareBotTestServer.NewDatabasePath();
        var fastLease = new Dictionary<string, string?> { ["Outbox:Lease"] = "00:00:01", ["Meta:RequestTimeout"] = "00:01:00" };
        Graph.HangNext(); // the turn is committed with its reply; the send is under way when the process dies
        await using (var first = await StartServerAsync(databasePath, fastLease))
        {
            await PostWebhookAsync(first, MetaWebhooks.FeedComment(PageId, comment, "5553002", "Jo", "Thank you so much, the new app is brilliant!", DateTimeOffset.UtcNow));
            await Graph.WaitForAsync(c => c.Path == $"{comment}/comments");
        }

        await using var second = await StartServerAsync(databasePath, fastLease);
        await Graph.WaitForAsync(c => c.Path == $"{comment}/comments" && c.Answered);
        await WaitForOutboxIdleAsync(second);
        Assert.Single(PublicRepliesTo(comment));
    }
}
