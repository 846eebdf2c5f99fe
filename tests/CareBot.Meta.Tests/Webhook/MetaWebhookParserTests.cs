using System.Text;
using System.Text.Json;
using CareBot.Care.Bot;
using CareBot.Meta.Inbound;
using CareBot.Meta.Webhook;
using CareBot.Testing.Meta;

namespace CareBot.Meta.Tests.Webhook;

public sealed class MetaWebhookParserTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<MetaInboundEvent> Parse(string json) => MetaWebhookParser.Parse(Encoding.UTF8.GetBytes(json), out _);

    [Fact]
    public void A_feed_comment_is_a_comment_in_its_own_thread_with_its_time()
    {
        var parsed = Assert.Single(Parse(MetaWebhooks.FeedComment("111", "111_9001_5", "555", "Ana", "Where is my order?", At)));

        Assert.Equal(new MetaInboundEvent(MetaEventKind.Comment, MetaPlatform.Facebook, "111", "111_9001_5", "111_9001_5", "555", "Ana", "Where is my order?", At), parsed);
        Assert.Equal("meta/in/facebook/comment/111_9001_5", parsed.DedupeKey);
    }

    [Fact]
    public void A_reply_to_a_comment_belongs_to_the_top_level_comments_thread()
    {
        var parsed = Assert.Single(Parse(MetaWebhooks.FeedComment("111", "111_9001_6", "555", "Ana", "hello?", At, parentId: "111_9001_5")));

        Assert.Equal("111_9001_5", parsed.ThreadId);
    }

    [Theory]
    [InlineData("edited")]
    [InlineData("remove")]
    public void Edits_and_removals_are_not_events(string verb) =>
        Assert.Empty(Parse(MetaWebhooks.FeedComment("111", "111_9001_7", "555", "Ana", "text", At, verb: verb)));

    [Fact]
    public void The_pages_own_comment_and_echoes_are_not_events()
    {
        Assert.Empty(Parse(MetaWebhooks.FeedComment("111", "111_9001_8", "111", "Contoso", "Sorry!", At)));
        Assert.Empty(Parse(MetaWebhooks.Message("page", "111", "psid-1", "m_1", "Hi", At, isEcho: true)));
    }

    [Fact]
    public void An_instagram_comment_names_the_username()
    {
        var parsed = Assert.Single(Parse(MetaWebhooks.InstagramComment("1784", "1790", "igsid-1", "ana.k", "broken again", At)));

        Assert.Equal((MetaEventKind.Comment, MetaPlatform.Instagram, "ana.k", "1790"), (parsed.Kind, parsed.Platform, parsed.FromName, parsed.ThreadId));
    }

    [Fact]
    public void A_message_is_keyed_by_its_mid_and_timed_in_milliseconds()
    {
        var parsed = Assert.Single(Parse(MetaWebhooks.Message("page", "111", "psid-1", "m_abc", "It never came", At)));

        Assert.Equal(MetaEventKind.Message, parsed.Kind);
        Assert.Equal("psid-1", parsed.FromId);
        Assert.Equal(At, parsed.CreatedAt);
        Assert.Equal("meta/in/facebook/mid/m_abc", parsed.DedupeKey);
    }

    [Fact]
    public void A_photo_without_words_is_a_message_with_its_note_and_a_like_sticker_is_not()
    {
        var photo = Assert.Single(Parse(MetaWebhooks.MessageWithAttachments("page", "111", "psid-1", "m_photo", null, At,
            new { type = "image", payload = new { url = "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1" } })));
        var sticker = Parse(MetaWebhooks.MessageWithAttachments("page", "111", "psid-1", "m_like", null, At,
            new { type = "image", payload = new { url = "https://scontent.example/like.png", sticker_id = 369239263222822 } }));

        Assert.Equal(string.Empty, photo.Text);
        Assert.Equal("[photo https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1]", photo.AttachmentNote);
        Assert.Equal(new SentAttachment("image", null, "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1"), Assert.Single(photo.Attachments!)); // to copy
        Assert.Empty(sticker);
    }

    [Fact]
    public void Words_with_a_file_keep_both()
    {
        var parsed = Assert.Single(Parse(MetaWebhooks.MessageWithAttachments("instagram", "1784", "igsid-1", "m_file", "my receipt", At,
            new { type = "file", payload = new { url = "https://cdn.example/receipt.pdf" } })));

        Assert.Equal(("my receipt", "[file https://cdn.example/receipt.pdf]"), (parsed.Text, parsed.AttachmentNote));
    }

    [Fact]
    public void Other_objects_carry_no_events_and_a_body_without_entries_is_refused()
    {
        Assert.Empty(Parse("{\"object\":\"user\",\"entry\":[{\"id\":\"1\",\"changes\":[]}]}"));
        Assert.Throws<JsonException>(() => Parse("{\"object\":\"page\"}"));
        Assert.ThrowsAny<JsonException>(() => Parse("{\"object\":"));
    }
}
