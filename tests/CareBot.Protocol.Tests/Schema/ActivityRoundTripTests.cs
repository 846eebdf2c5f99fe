using System.Text.Json;
using System.Text.Json.Nodes;
using CareBot.Protocol.Schema;

namespace CareBot.Protocol.Tests.Schema;

public sealed class ActivityRoundTripTests
{
    public static TheoryData<string, string> Samples => new()
    {
        { "Teams channel message", ChannelSamples.TeamsChannelMessage },
        { "Slack message", ChannelSamples.SlackMessage },
        { "Facebook message", ChannelSamples.FacebookMessage },
        { "Web Chat message", ChannelSamples.WebChatMessage },
        { "Emulator conversationUpdate", ChannelSamples.EmulatorConversationUpdate },
        { "Teams invoke", ChannelSamples.TeamsInvoke },
        { "Teams messageReaction", ChannelSamples.MessageReaction },
        { "bot reply with card and suggestions", ChannelSamples.BotReplyWithCardAndSuggestions },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Deserialize_then_serialize_gives_the_same_JSON(string channel, string json)
    {
        var activity = ActivityJson.Deserialize<Activity>(json)!;

        var written = ActivityJson.Serialize(activity);

        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)),
            $"{channel} changed in a round trip.\nexpected: {JsonNode.Parse(json)!.ToJsonString()}\nactual:   {written}");
    }

    [Fact]
    public void Known_fields_are_read_into_their_properties()
    {
        var activity = ActivityJson.Deserialize<Activity>(ChannelSamples.TeamsChannelMessage)!;

        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal(Channels.MsTeams, activity.ChannelId);
        Assert.Equal("19:abc123@thread.tacv2;messageid=1732284191512", activity.Conversation!.Id);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", activity.Conversation.TenantId);
        Assert.True(activity.Conversation.IsGroup);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 14, 3, 11, 512, TimeSpan.Zero), activity.Timestamp);
        Assert.Equal(TimeSpan.FromHours(1), activity.LocalTimestamp!.Value.Offset);
        Assert.Equal("mention", activity.Entities![0].Type);
        Assert.Equal("19:team456@thread.tacv2", activity.ChannelData!.Value.GetProperty("team").GetProperty("id").GetString());
    }

    [Fact]
    public void Unknown_fields_are_kept_at_every_level()
    {
        var activity = ActivityJson.Deserialize<Activity>(ChannelSamples.BotReplyWithCardAndSuggestions)!;

        Assert.Equal("t-1", activity.Properties!["x-carebot-trace"].GetString());
        Assert.Equal("compact", activity.Attachments![0].Properties!["x-brand-layout"].GetString());
        Assert.Equal("secondary", activity.SuggestedActions!.Actions![0].Properties!["x-style"].GetString());
        Assert.Equal(1, activity.SuggestedActions.Properties!["x-hint"].GetInt32());
        Assert.Equal("case", activity.RelatesTo!.Properties!["x-origin"].GetString());
        Assert.True(activity.TextHighlights![0].Properties!["x-hl"].GetBoolean());
        Assert.Equal(2, activity.SemanticAction!.Properties!["x-sa"].GetInt32());

        var teams = ActivityJson.Deserialize<Activity>(ChannelSamples.TeamsChannelMessage)!;
        Assert.Equal("ana@brand.example", teams.From!.Properties!["userPrincipalName"].GetString());
        Assert.Equal("Europe/Berlin", teams.Entities![1].Properties!["timezone"].GetString());

        var reaction = ActivityJson.Deserialize<Activity>(ChannelSamples.MessageReaction)!;
        Assert.Equal("2026-11-22T14:08:20Z", reaction.ReactionsAdded![0].Properties!["createdDateTime"].GetString());
    }

    [Fact]
    public void Nulls_are_omitted_and_names_are_written_in_camelCase_whatever_casing_was_read()
    {
        var activity = ActivityJson.Deserialize<Activity>("""{ "Type": "message", "TEXT": "hi", "replyToId": null, "From": { "ID": "u1", "name": null } }""")!;

        var written = ActivityJson.Serialize(activity);

        Assert.Equal("""{"type":"message","from":{"id":"u1"},"text":"hi"}""", written);
    }

    [Fact]
    public void Timestamp_is_written_in_UTC_with_Z_and_localTimestamp_keeps_its_offset()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Timestamp = new DateTimeOffset(2026, 11, 22, 9, 3, 11, 512, TimeSpan.FromHours(-5)).ToUniversalTime(),
            LocalTimestamp = new DateTimeOffset(2026, 11, 22, 9, 3, 11, 400, TimeSpan.FromHours(-5)),
        };

        var json = JsonDocument.Parse(ActivityJson.Serialize(activity)).RootElement;

        Assert.Equal("2026-11-22T14:03:11.512Z", json.GetProperty("timestamp").GetString());
        Assert.Equal("2026-11-22T09:03:11.4-05:00", json.GetProperty("localTimestamp").GetString());
    }

    [Fact]
    public void A_timestamp_without_offset_is_read_as_UTC()
    {
        var activity = ActivityJson.Deserialize<Activity>("""{ "type": "message", "timestamp": "2026-11-22T14:03:11.5" }""")!;

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 14, 3, 11, 500, TimeSpan.Zero), activity.Timestamp);
    }

    [Fact]
    public void A_timestamp_without_fraction_is_written_without_a_trailing_dot()
    {
        var activity = new Activity { Type = ActivityTypes.Message, Timestamp = new DateTimeOffset(2026, 11, 22, 14, 0, 0, TimeSpan.Zero) };

        Assert.Contains("\"timestamp\":\"2026-11-22T14:00:00Z\"", ActivityJson.Serialize(activity), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "type": "message", "timestamp": "yesterday-ish" }""")]
    [InlineData("""{ "type": "message", "timestamp": "11/22/2026 14:03:11" }""")]
    [InlineData("""{ "type": "message", "timestamp": "2026-11-22" }""")]
    [InlineData("""{ "type": "message", "timestamp": 1732284402907 }""")]
    [InlineData("""{ "type": "message", "from": "not an object" }""")]
    [InlineData("""{ "type": "message", "entities": { "type": "mention" } }""")]
    public void A_field_of_the_wrong_kind_is_a_JsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => ActivityJson.Deserialize<Activity>(json));
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var depth = ActivityJson.MaxDepth + 1;
        var json = "{\"type\":\"message\",\"value\":" + new string('[', depth) + new string(']', depth) + "}";

        Assert.ThrowsAny<JsonException>(() => ActivityJson.Deserialize<Activity>(json));
    }

    [Fact]
    public void ExpectedReplies_and_ErrorResponse_have_the_wire_shape()
    {
        var replies = new ExpectedReplies { Activities = { new Activity { Type = ActivityTypes.Message, Text = "hi" } } };

        Assert.Equal("""{"activities":[{"type":"message","text":"hi"}]}""", ActivityJson.Serialize(replies));
        Assert.Equal("""{"error":{"code":"BadArgument","message":"Nope"}}""", ActivityJson.Serialize(new ErrorResponse("BadArgument", "Nope")));
    }
}
