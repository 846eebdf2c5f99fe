using System.Net;
using System.Text.RegularExpressions;
using CareBot.Care.Stores;
using CareBot.Server.Tests.EndToEnd;
using CareBot.Testing.Meta;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Server.Tests.Meta;

/// <summary>
/// A Facebook or Instagram comment runs the same care dialog as any public post: a short public answer under the
/// comment, exactly one Private Reply, and the customer's Messenger answer continuing the same case through venting,
/// capture, hand-off, an agent's reply and the rating question.
/// </summary>
public sealed partial class MetaCareJourneyTests : MetaServerTest
{
    private const string Complaint = "ORDER AB-123456 NEVER ARRIVED AND NOBODY ANSWERS!!! mail me at ana@example.com";

    [Fact]
    public async Task A_public_complaint_is_answered_under_the_comment_without_its_order_number_or_email_and_gets_exactly_one_private_reply()
    {
        var comment = CommentId("pub");
        await PostWebhookAsync(MetaWebhooks.FeedComment(PageId, comment, "5551001", "Ana", Complaint, DateTimeOffset.UtcNow));

        var answer = Assert.Single(await Graph.WaitForAsync(c => c.Path == $"{comment}/comments"));
        Assert.Equal(PageToken, answer.AccessToken);
        Assert.Contains("private message", answer.Text, StringComparison.Ordinal);
        foreach (var secret in new[] { "AB-123456", "ana@example.com" })
        {
            Assert.DoesNotContain(secret, answer.Text, StringComparison.OrdinalIgnoreCase);
        }

        var privateReply = Assert.Single(await Graph.WaitForAsync(c => c.PrivateReplyTo == comment));
        Assert.Equal($"{PageId}/messages", privateReply.Path);
        Assert.Contains("I've read what you posted", privateReply.Text, StringComparison.Ordinal);
        Assert.Contains("Ana", privateReply.Text, StringComparison.Ordinal);
        await WaitForOutboxIdleAsync(Server);
        Assert.Single(PrivateRepliesTo(comment));
    }

    [Fact]
    public async Task The_customers_messenger_answer_continues_the_same_case_through_venting_capture_handoff_agent_reply_and_rating()
    {
        const string post = "ORDER AB-123456 NEVER ARRIVED AND NOBODY ANSWERS!!! WORST SERVICE EVER";
        var comment = CommentId("journey");
        var psid = $"psid-ana-{Run}";
        Graph.Commenters[comment] = psid;
        await PostWebhookAsync(MetaWebhooks.FeedComment(PageId, comment, "5551002", "Ana", post, DateTimeOffset.UtcNow));
        await Graph.WaitForAsync(c => c.PrivateReplyTo == comment);

        Assert.Contains("I hear you", await SayInMessengerAsync(psid, "I waited two weeks and the tracking hasn't moved"), StringComparison.Ordinal);
        await SayInMessengerAsync(psid, "and the hotline hung up on me twice");
        Assert.Contains("What email address", await SayInMessengerAsync(psid, "that's all"), StringComparison.Ordinal);
        var handoff = await SayInMessengerAsync(psid, "ana@example.com");
        var caseId = CaseId().Match(handoff).Value;
        Assert.NotEmpty(caseId);

        // One case links the public comment and the Messenger conversation, with both in its transcript.
        var stored = Assert.Single(await Server.Services.GetRequiredService<ICaseStore>().ListAsync(new CaseQuery(), CancellationToken.None)).Case;
        Assert.Equal(caseId, stored.Id);
        Assert.Equal($"comment:{comment}", stored.Origin.Public?.Conversation?.Id);
        Assert.Equal($"private:{comment}", stored.Origin.Private?.Conversation?.Id);
        Assert.Equal("AB-123456", stored.Captured["order"].Text);
        Assert.Contains(stored.Transcript, l => l.Text == post);
        Assert.Contains(stored.Transcript, l => l.Text == "that's all");
        Assert.InRange(stored.ReplyWindowClosesAt!.Value, DateTimeOffset.UtcNow.AddHours(23), DateTimeOffset.UtcNow.AddHours(24));

        // An agent's reply reaches Messenger once; resolving asks for the rating there.
        var ann = new AgentClient(Server, "key-ann");
        await ann.PostAsync(caseId, "claim", HttpStatusCode.OK);
        const string reply = "Hi Ana, I'm Ann. Your parcel goes out again today by express.";
        await ann.PostAsync(caseId, "reply", HttpStatusCode.OK, reply);
        await Graph.WaitForAsync(c => c.RecipientId == psid && c.Text == reply);
        await ann.PostAsync(caseId, "resolve", HttpStatusCode.OK);
        await Graph.WaitForAsync(c => c.RecipientId == psid && c.Text?.Contains("from 1 (poor) to 5 (excellent)", StringComparison.Ordinal) == true);
        Assert.Contains("Thank you for the rating", await SayInMessengerAsync(psid, "5"), StringComparison.Ordinal);

        await WaitForOutboxIdleAsync(Server);
        Assert.Single(Graph.Calls, c => c.Text == reply);
        Assert.Single(PrivateRepliesTo(comment));
        Assert.All(Graph.Calls.Where(c => c.RecipientId == psid), c => Assert.Equal("RESPONSE", c.Body.GetProperty("messaging_type").GetString()));
    }

    [Fact]
    public async Task A_private_start_that_says_two_things_goes_out_as_one_private_reply()
    {
        // A safety risk: the private start is the safety advice, then the hand-off at once, no questions (the opening
        // turn reads the post's signals). A Private Reply is one message until the customer answers, so a second message
        // would be refused and the hand-off's words lost.
        var comment = CommentId("safety");
        var psid = $"psid-sam-{Run}";
        Graph.Commenters[comment] = psid;
        await PostWebhookAsync(MetaWebhooks.FeedComment(PageId, comment, "5551004", "Sam", "The heater you installed is leaking gas in our kitchen", DateTimeOffset.UtcNow));

        var privateReply = Assert.Single(await Graph.WaitForAsync(c => c.PrivateReplyTo == comment));
        Assert.Contains("call your local emergency number first", privateReply.Text, StringComparison.Ordinal);
        Assert.Contains("\n\nThank you, Sam. I've passed everything to our care team as case", privateReply.Text, StringComparison.Ordinal);
        Assert.Contains("marked urgent", privateReply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("order number", privateReply.Text, StringComparison.Ordinal);
        await WaitForOutboxIdleAsync(Server);
        Assert.DoesNotContain(Graph.Calls, c => c.RecipientId == psid);
        Assert.Single(PrivateRepliesTo(comment));
    }

    [Fact]
    public async Task An_instagram_comment_takes_the_same_path_answered_with_replies_and_a_private_reply()
    {
        var comment = $"1790{Run}";
        await PostWebhookAsync(MetaWebhooks.InstagramComment(InstagramId, comment, "igsid-5551003", "ana.k", Complaint, DateTimeOffset.UtcNow));

        var answer = Assert.Single(await Graph.WaitForAsync(c => c.Path == $"{comment}/replies"));
        Assert.Contains("private message", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("AB-123456", answer.Text, StringComparison.Ordinal);
        var privateReply = Assert.Single(await Graph.WaitForAsync(c => c.PrivateReplyTo == comment));
        Assert.Contains("ana.k", privateReply.Text, StringComparison.Ordinal);

        var igsid = "psid-" + comment;
        await PostWebhookAsync(MetaWebhooks.Message("instagram", InstagramId, igsid, $"m_ig_{Run}", "It was supposed to arrive two weeks ago", DateTimeOffset.UtcNow));
        var continued = await Graph.WaitForAsync(c => c.RecipientId == igsid);
        Assert.Contains("I hear you", continued[0].Text, StringComparison.Ordinal);
    }

    /// <summary>The customer writes in Messenger; returns the bot's answer (the Send API messages that follow it, joined).</summary>
    [Fact]
    public async Task A_photo_sent_in_messenger_without_words_is_answered_and_reaches_the_case()
    {
        const string photoUrl = "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=7";
        var psid = $"psid-photo-{Run}";
        await PostWebhookAsync(MetaWebhooks.MessageWithAttachments("page", PageId, psid, $"m_{Guid.NewGuid():N}", null, DateTimeOffset.UtcNow,
            new { type = "image", payload = new { url = photoUrl } }));
        // Answered: the greeting and the question go out as two messages; wait for the question.
        await Graph.WaitForAsync(c => c.RecipientId == psid && c.Text?.Contains("what's going on", StringComparison.Ordinal) == true);
        await WaitForOutboxIdleAsync(Server);

        Assert.Contains("get a person", await SayInMessengerAsync(psid, "the lid arrived cracked, I want to talk to a real person please"), StringComparison.Ordinal);

        // A photo of the label at the order-number question is thanked for, not called a wrong number (the files signal).
        var before = Graph.Calls.Count(c => c.RecipientId == psid);
        await PostWebhookAsync(MetaWebhooks.MessageWithAttachments("page", PageId, psid, $"m_{Guid.NewGuid():N}", null, DateTimeOffset.UtcNow,
            new { type = "image", payload = new { url = photoUrl + "&label" } }));
        var thanked = await Graph.WaitForAsync(c => c.RecipientId == psid, before + 1);
        Assert.Contains("our team will see what you sent", thanked[before].Text, StringComparison.Ordinal);
        await WaitForOutboxIdleAsync(Server);

        await SayInMessengerAsync(psid, "I don't have one");
        Assert.Matches(CaseId(), await SayInMessengerAsync(psid, "ana@example.com"));

        var stored = Assert.Single(await Server.Services.GetRequiredService<ICaseStore>().ListAsync(new CaseQuery(), CancellationToken.None)).Case;
        Assert.Contains(stored.Transcript, l => l.Text == $"[photo {photoUrl}]");
    }

    [Fact]
    public async Task A_photo_from_metas_cdn_is_copied_so_the_case_keeps_it_after_metas_link_expires()
    {
        // The photo comes through a redirect, as lookaside.fbsbx.com sends on to a CDN host; the "photo" that is an SVG
        // and the link redirected off Meta's hosts are not copied.
        Graph.CdnFiles["box.png"] = Pages.TestPhotos.CrushedBox;
        Graph.CdnFiles["lookaside-box"] = Graph.CdnLink("box.png");
        Graph.CdnFiles["drawing.svg"] = "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"u8.ToArray();
        Graph.CdnFiles["elsewhere"] = new Uri("http://localhost:9/secret.png");
        var psid = $"psid-copy-{Run}";
        await PostWebhookAsync(MetaWebhooks.MessageWithAttachments("page", PageId, psid, $"m_{Guid.NewGuid():N}", "the box arrived crushed, I want to talk to a real person please", DateTimeOffset.UtcNow,
            new { type = "image", payload = new { url = Graph.CdnLink("lookaside-box").AbsoluteUri } },
            new { type = "image", payload = new { url = Graph.CdnLink("drawing.svg").AbsoluteUri } },
            new { type = "image", payload = new { url = Graph.CdnLink("elsewhere").AbsoluteUri } }));
        await Graph.WaitForAsync(c => c.RecipientId == psid);
        await WaitForOutboxIdleAsync(Server);
        await SayInMessengerAsync(psid, "I don't have one");
        Assert.Matches(CaseId(), await SayInMessengerAsync(psid, "ana@example.com"));  // the first message was the story

        // Meta's links are gone from the case's line where a copy was made; the copy is served to a client without a token.
        var stored = Assert.Single(await Server.Services.GetRequiredService<ICaseStore>().ListAsync(new CaseQuery(), CancellationToken.None)).Case;
        var line = Assert.Single(stored.Transcript, l => l.Text.StartsWith("the box arrived crushed", StringComparison.Ordinal)).Text;
        var copy = KeptLink().Match(line);
        Assert.True(copy.Success, line);
        Assert.Contains($"[photo: photo.png {Server.BaseAddress.AbsoluteUri.TrimEnd('/')}/v3/directline/attachments/", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Graph.CdnLink("lookaside-box").AbsoluteUri, line, StringComparison.Ordinal);
        Assert.Contains($"[photo {Graph.CdnLink("drawing.svg").AbsoluteUri}]", line, StringComparison.Ordinal);
        Assert.Contains($"[photo {Graph.CdnLink("elsewhere").AbsoluteUri}]", line, StringComparison.Ordinal);

        using var served = await new HttpClient().GetAsync(copy.Value);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pages.TestPhotos.CrushedBox, await served.Content.ReadAsByteArrayAsync());
    }

    private async Task<string> SayInMessengerAsync(string psid, string text)
    {
        var before = Graph.Calls.Count(c => c.RecipientId == psid);
        await PostWebhookAsync(MetaWebhooks.Message("page", PageId, psid, $"m_{Guid.NewGuid():N}", text, DateTimeOffset.UtcNow));
        await Graph.WaitForAsync(c => c.RecipientId == psid, before + 1);
        await WaitForOutboxIdleAsync(Server);
        return string.Join("\n", Graph.Calls.Where(c => c.RecipientId == psid).Skip(before).Select(c => c.Text));
    }

    [GeneratedRegex(@"https?://\S+/v3/directline/attachments/[0-9a-f]{32}")]
    private static partial Regex KeptLink();

    [GeneratedRegex(@"\bC-\d+\b")]
    private static partial Regex CaseId();
}
