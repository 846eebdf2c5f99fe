using System.Net;
using CareBot.Care.Stores;
using CareBot.Testing.Meta;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Server.Tests.Meta;

/// <summary>The webhook's doors: the subscription handshake, the signature, the size limit, and de-duplication.</summary>
public sealed class MetaWebhookTests : MetaServerTest
{
    [Fact]
    public async Task The_subscription_handshake_echoes_the_challenge_only_for_the_right_verify_token()
    {
        var ok = await Server.Client.GetAsync($"/api/meta/webhook?hub.mode=subscribe&hub.verify_token={VerifyToken}&hub.challenge=1158201444");
        var wrong = await Server.Client.GetAsync("/api/meta/webhook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.DoesNotContain("1158201444", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000", HttpStatusCode.Forbidden)]
    [InlineData("sha1=abc", HttpStatusCode.Forbidden)]
    public async Task A_delivery_without_a_valid_signature_is_refused_and_nothing_is_processed(string? signature, HttpStatusCode expected)
    {
        var json = MetaWebhooks.FeedComment(PageId, CommentId("sig"), "5550001", "Ana", "WORST SERVICE EVER, my order never came!!!", DateTimeOffset.UtcNow);

        using var response = await PostWebhookAsync(Server, json, signature);

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await Server.Services.GetRequiredService<IOutboxStore>().CountPendingAsync(CancellationToken.None));
        await Task.Delay(500);
        Assert.Empty(Graph.Calls);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        var huge = MetaWebhooks.FeedComment(PageId, CommentId("big"), "5550001", "Ana", new string('a', 300_000), DateTimeOffset.UtcNow);

        using var response = await PostWebhookAsync(Server, huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await Server.Services.GetRequiredService<IOutboxStore>().CountPendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_signed_body_that_is_not_a_delivery_is_a_400()
    {
        using var response = await PostWebhookAsync(Server, "{\"object\":\"page\",\"entry\":");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_redelivered_comment_is_answered_once()
    {
        var comment = CommentId("again");
        var json = MetaWebhooks.FeedComment(PageId, comment, "5550002", "Ben", "Thank you so much, the new app is brilliant!", DateTimeOffset.UtcNow);

        await PostWebhookAsync(json);
        await Graph.WaitForAsync(c => c.Path == $"{comment}/comments");
        await PostWebhookAsync(json); // Meta retries a delivery it thinks failed
        await WaitForOutboxIdleAsync(Server);

        Assert.Single(PublicRepliesTo(comment));
    }

    [Fact]
    public async Task The_pages_own_comments_edits_and_echoes_are_not_answered()
    {
        var own = CommentId("own");
        await PostWebhookAsync(MetaWebhooks.FeedComment(PageId, own, PageId, "Contoso", "We're sorry to hear this!!! terrible", DateTimeOffset.UtcNow));
        await PostWebhookAsync(MetaWebhooks.FeedComment(PageId, CommentId("edit"), "5550003", "Cy", "terrible terrible service!!!", DateTimeOffset.UtcNow, verb: "edited"));
        await PostWebhookAsync(MetaWebhooks.Message("page", PageId, "psid-echo", $"m_echo_{Run}", "Hi there", DateTimeOffset.UtcNow, isEcho: true));

        await WaitForOutboxIdleAsync(Server);
        await Task.Delay(300);
        Assert.Empty(Graph.Calls);
    }
}
