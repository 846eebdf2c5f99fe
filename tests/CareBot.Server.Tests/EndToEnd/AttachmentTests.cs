using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Protocol.Schema;
using CareBot.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>
/// A photo of the damage, sent without a word, was dropped: no reply, nothing in the case. It now reaches the dialog
/// and the agent as one line ("[photo: damage.jpg https://…]"), through /api/messages as a channel sends it.
/// </summary>
public sealed class AttachmentTests
{
    private const string ServiceUrl = Activities.UnusedServiceUrl; // never called: expectReplies

    private static Activity Photo(string conversationId, string? text = null, string url = "https://files.example/damage.jpg")
    {
        var activity = Activities.Message(text!, ServiceUrl, conversationId);
        activity.Attachments = [new Attachment { ContentType = "image/jpeg", Name = "damage.jpg", ContentUrl = url }];
        return activity;
    }

    private static async Task<Case> TheCaseAsync(CareBotTestServer server) =>
        Assert.Single(await server.Services.GetRequiredService<ICaseStore>().ListAsync(new CaseQuery(), CancellationToken.None)).Case;

    [Fact]
    public async Task A_photo_sent_to_a_handed_off_case_reaches_the_agent_s_transcript()
    {
        await using var server = await CareBotTestServer.StartAsync();
        await CareConversations.AskForAPersonAsync(server, "dm-photo");

        await server.ExchangeAsync(Photo("dm-photo"));

        var last = (await TheCaseAsync(server)).Transcript.Last(line => line.Author == CaseAuthor.Customer);
        Assert.Equal("[photo: damage.jpg https://files.example/damage.jpg]", last.Text);
    }

    [Fact]
    public async Task A_photo_as_the_first_message_is_answered_not_ignored()
    {
        await using var server = await CareBotTestServer.StartAsync();

        var replies = await server.ExchangeAsync(Photo("dm-photo-first"));

        Assert.Contains(replies, reply => reply.Text!.Contains("what's going on", StringComparison.Ordinal));
        Assert.DoesNotContain(replies, reply => reply.Text!.Contains("sorry", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_photo_of_the_label_at_the_order_number_question_is_thanked_for_not_called_a_wrong_number()
    {
        await using var server = await CareBotTestServer.StartAsync();
        var asked = await server.ExchangeAsync(Activities.Message("I want to talk to a real person please", ServiceUrl, "dm-label"));
        Assert.Contains(asked, reply => reply.Text!.Contains("order number", StringComparison.Ordinal));

        var replies = await server.ExchangeAsync(Photo("dm-label"));

        Assert.Contains(replies, reply => reply.Text!.Contains("our team will see what you sent", StringComparison.Ordinal));
        Assert.DoesNotContain(replies, reply => reply.Text!.Contains("doesn't look like an order number", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Words_with_a_photo_keep_both_and_a_link_a_browser_would_run_is_dropped()
    {
        await using var server = await CareBotTestServer.StartAsync();
        await CareConversations.AskForAPersonAsync(server, "dm-photo-words");

        await server.ExchangeAsync(Photo("dm-photo-words", "this is how it arrived", "javascript:alert(document.cookie)"));

        var last = (await TheCaseAsync(server)).Transcript.Last(line => line.Author == CaseAuthor.Customer);
        Assert.Equal("this is how it arrived [photo: damage.jpg]", last.Text);
    }

    [Fact]
    public async Task A_photo_the_channel_serves_only_to_the_bot_is_copied_so_the_agent_can_open_it()
    {
        // As Teams links a photo: {serviceUrl}v3/attachments/{id}/views/original, which answers only the bot's token.
        await using var channel = await CareBot.Testing.Channel.FakeChannel.StartAsync();
        await using var server = await CareBotTestServer.StartAsync();
        await CareConversations.AskForAPersonAsync(server, "dm-teams-photo");
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52 };
        var photo = Activities.Message(null!, channel.ServiceUrl, "dm-teams-photo");
        photo.Attachments = [new Attachment { ContentType = "image/*", ContentUrl = channel.AddAttachment(png) }];

        await server.ExchangeAsync(photo);

        var last = (await TheCaseAsync(server)).Transcript.Last(line => line.Author == CaseAuthor.Customer).Text;
        var link = System.Text.RegularExpressions.Regex.Match(last, @"https?://\S+/v3/directline/attachments/[0-9a-f]{32}").Value;
        Assert.StartsWith("[photo: ", last, StringComparison.Ordinal);
        Assert.NotEmpty(link);
        Assert.Equal(png, await server.Client.GetByteArrayAsync(new Uri(link).PathAndQuery));
        Assert.Single(channel.CallsTo(CareBot.Testing.Channel.ChannelOperation.GetAttachment));
    }

    [Theory]
    [InlineData(true, "https://")]    // ASPNETCORE_FORWARDEDHEADERS_ENABLED behind a proxy that ends TLS
    [InlineData(false, "http://")]    // without it, a client's X-Forwarded-Proto is not believed
    public async Task Behind_a_proxy_that_ends_tls_the_kept_files_link_says_https_when_forwarded_headers_are_enabled(bool enabled, string scheme)
    {
        await using var channel = await CareBot.Testing.Channel.FakeChannel.StartAsync();
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?> { ["FORWARDEDHEADERS_ENABLED"] = enabled ? "true" : "false" });
        await CareConversations.AskForAPersonAsync(server, "dm-proxy-photo");
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52 };
        var photo = Activities.Message(null!, channel.ServiceUrl, "dm-proxy-photo");
        photo.Attachments = [new Attachment { ContentType = "image/*", ContentUrl = channel.AddAttachment(png) }];
        photo.DeliveryMode = DeliveryModes.ExpectReplies;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(ActivityJson.Serialize(photo), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await server.Client.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode);
        var last = (await TheCaseAsync(server)).Transcript.Last(line => line.Author == CaseAuthor.Customer).Text;
        Assert.Contains($"{scheme}127.0.0.1:", last, StringComparison.Ordinal);
        Assert.Contains("/v3/directline/attachments/", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_photo_or_a_pdf_keeps_the_channels_link()
    {
        await using var channel = await CareBot.Testing.Channel.FakeChannel.StartAsync();
        await using var server = await CareBotTestServer.StartAsync();
        await CareConversations.AskForAPersonAsync(server, "dm-teams-html");
        var url = channel.AddAttachment("<html><script>alert(1)</script></html>"u8.ToArray(), "image/png");
        var file = Activities.Message(null!, channel.ServiceUrl, "dm-teams-html");
        file.Attachments = [new Attachment { ContentType = "image/png", Name = "photo.png", ContentUrl = url }];

        await server.ExchangeAsync(file);

        var last = (await TheCaseAsync(server)).Transcript.Last(line => line.Author == CaseAuthor.Customer).Text;
        Assert.Equal($"[photo: photo.png {url}]", last);
    }

    [Fact]
    public async Task The_teams_html_copy_of_a_message_is_not_an_attachment_and_an_empty_message_is_still_ignored()
    {
        await using var server = await CareBotTestServer.StartAsync();
        await CareConversations.AskForAPersonAsync(server, "dm-teams");
        var teams = Activities.Message("still waiting for an update", ServiceUrl, "dm-teams");
        teams.Attachments = [new Attachment { ContentType = "text/html", Content = System.Text.Json.JsonDocument.Parse("\"<p>still waiting for an update</p>\"").RootElement }];
        var empty = Activities.Message(null!, ServiceUrl, "dm-teams");
        empty.Attachments = [new Attachment { ContentType = "application/vnd.microsoft.card.adaptive" }];

        await server.ExchangeAsync(teams);
        var before = (await TheCaseAsync(server)).Transcript.Count;
        var unanswered = await server.ExchangeAsync(empty);

        var opened = await TheCaseAsync(server);
        Assert.Equal("still waiting for an update", opened.Transcript.Last(line => line.Author == CaseAuthor.Customer).Text);
        Assert.Equal(before, opened.Transcript.Count);
        Assert.Empty(unanswered);
    }
}
