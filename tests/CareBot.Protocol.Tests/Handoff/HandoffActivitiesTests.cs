using System.Text.Json;
using System.Text.Json.Nodes;
using CareBot.Protocol.Handoff;
using CareBot.Protocol.Schema;

namespace CareBot.Protocol.Tests.Handoff;

public sealed class HandoffActivitiesTests
{
    private static JsonElement Context() => JsonDocument.Parse(
        """{ "skill": "deliveries", "priority": "high", "caseId": "C-1042", "summary": "Parcel missing, customer angry" }""").RootElement;

    private static Transcript TwoTurns() => new()
    {
        Activities =
        {
            new Activity { Type = ActivityTypes.Message, Id = "conv|0000000", From = new ChannelAccount("dl_4f1c", role: RoleTypes.User), Text = "my parcel never arrived" },
            new Activity { Type = ActivityTypes.Message, From = new ChannelAccount("carebot", "CareBot", RoleTypes.Bot), Text = "Sorry to hear that." },
        },
    };

    [Fact]
    public void The_initiate_event_serializes_to_the_documented_shape()
    {
        var activity = HandoffActivities.CreateInitiation(Context(), TwoTurns());

        var json = JsonNode.Parse(ActivityJson.Serialize(activity))!.AsObject();

        Assert.Equal("event", (string?)json["type"]);
        Assert.Equal("handoff.initiate", (string?)json["name"]);
        Assert.Equal("deliveries", (string?)json["value"]!["skill"]);
        Assert.Equal("C-1042", (string?)json["value"]!["caseId"]);
        var attachment = Assert.Single(json["attachments"]!.AsArray())!.AsObject();
        Assert.Equal("application/json", (string?)attachment["contentType"]);
        Assert.Equal("Transcript", (string?)attachment["name"]);
        Assert.False(attachment.ContainsKey("contentUrl"));
        var activities = attachment["content"]!["activities"]!.AsArray();
        Assert.Equal(["my parcel never arrived", "Sorry to hear that."], activities.Select(a => (string?)a!["text"]));
        Assert.Equal("user", (string?)activities[0]!["from"]!["role"]);
        Assert.Equal("conv|0000000", (string?)activities[0]!["id"]);
    }

    [Fact]
    public void The_initiate_event_leaves_addressing_to_the_sender()
    {
        var json = JsonNode.Parse(ActivityJson.Serialize(HandoffActivities.CreateInitiation(Context(), TwoTurns())))!.AsObject();

        Assert.Equal(["attachments", "name", "type", "value"], json.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Without_a_transcript_there_is_no_attachment_and_relatesTo_is_kept_when_given()
    {
        var reference = new ConversationReference { ChannelId = "directline", Conversation = new ConversationAccount("8aF3kQ-us") };

        var json = JsonNode.Parse(ActivityJson.Serialize(HandoffActivities.CreateInitiation(Context(), relatesTo: reference)))!.AsObject();

        Assert.False(json.ContainsKey("attachments"));
        Assert.Equal("8aF3kQ-us", (string?)json["relatesTo"]!["conversation"]!["id"]);
        Assert.Equal("directline", (string?)json["relatesTo"]!["channelId"]);
    }

    [Fact]
    public void The_initiate_event_round_trips_with_its_context_and_transcript()
    {
        var sent = HandoffActivities.CreateInitiation(Context(), TwoTurns());

        var received = ActivityJson.Deserialize<Activity>(ActivityJson.Serialize(sent))!;
        var attachment = Assert.Single(received.Attachments!);
        var transcript = attachment.Content!.Value.Deserialize<Transcript>(ActivityJson.Options)!;

        Assert.Equal(ActivityTypes.Event, received.Type);
        Assert.Equal(HandoffEventNames.Initiate, received.Name);
        Assert.Equal("high", received.Value!.Value.GetProperty("priority").GetString());
        Assert.Equal(HandoffActivities.TranscriptAttachmentName, attachment.Name);
        Assert.Equal(HandoffActivities.TranscriptContentType, attachment.ContentType);
        Assert.Equal(["my parcel never arrived", "Sorry to hear that."], transcript.Activities.Select(a => a.Text));
        Assert.Equal(ActivityJson.Serialize(sent), ActivityJson.Serialize(received));
    }

    [Fact]
    public void The_context_is_copied_so_the_callers_document_may_be_disposed()
    {
        Activity activity;
        using (var document = JsonDocument.Parse("""{ "queue": "vip" }"""))
        {
            activity = HandoffActivities.CreateInitiation(document.RootElement);
        }

        Assert.Equal("vip", activity.Value!.Value.GetProperty("queue").GetString());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"deliveries\"")]
    [InlineData("null")]
    public void A_context_that_is_not_an_object_is_an_argument_error(string json)
    {
        var context = JsonDocument.Parse(json).RootElement;

        var error = Assert.Throws<ArgumentException>(() => HandoffActivities.CreateInitiation(context));

        Assert.Equal("context", error.ParamName);
        Assert.Contains("JSON object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_context_is_an_argument_error()
    {
        var error = Assert.Throws<ArgumentException>(() => HandoffActivities.CreateInitiation(default));

        Assert.Contains("default", error.Message, StringComparison.Ordinal);
    }
}
