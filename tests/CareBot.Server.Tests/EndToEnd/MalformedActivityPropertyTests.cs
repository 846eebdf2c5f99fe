using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CareBot.Protocol.Schema;
using CareBot.Server.Tests.Hosting;
using FsCheck;
using FsCheck.Fluent;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>
/// Property: whatever a caller does to a real channel's activity (drop a field, put null, a number, a huge string, the
/// wrong kind of value, nested junk or an invalid \u escape in its place), the real server never answers 5xx (except
/// the protocol's 501 for an invoke the bot does not handle), and a normal turn works afterwards.
/// </summary>
public sealed class MalformedActivityPropertyTests : ServerWithChannelTest
{
    private const string LoneSurrogate = "__LONE_SURROGATE__";
    private const string TooDeep = "__TOO_DEEP__";

    private static readonly string[] Paths =
    [
        "type", "id", "channelId", "serviceUrl", "deliveryMode", "timestamp", "locale", "text", "textFormat", "name", "replyToId",
        "conversation", "conversation.id", "conversation.isGroup", "conversation.conversationType",
        "from", "from.id", "from.name", "from.role", "recipient", "recipient.id",
        "membersAdded", "value", "value.state", "value.message", "attachments", "entities", "channelData", "channelData.carebot",
    ];

    private static readonly Func<JsonNode?>[] Junk =
    [
        () => null,
        () => JsonValue.Create(0),
        () => JsonValue.Create(-1),
        () => JsonValue.Create(1e308),
        () => JsonValue.Create(long.MaxValue),
        () => JsonValue.Create(true),
        () => JsonValue.Create(string.Empty),
        () => JsonValue.Create("   "),
        () => JsonValue.Create(new string('x', 20_000)),
        () => JsonValue.Create(string.Concat(Enumerable.Repeat("é😀", 3000))),
        () => JsonValue.Create("line\r\nbreak\u0000nul\u202Eoverride"),
        () => JsonValue.Create("file:///etc/passwd"),
        () => JsonValue.Create("not a url"),
        () => JsonValue.Create("expectReplies"),
        () => JsonValue.Create("handoff.status"),
        () => JsonValue.Create("completed"),
        () => JsonValue.Create(LoneSurrogate),
        () => new JsonArray(),
        () => new JsonArray(1, "two", null, new JsonObject()),
        () => new JsonObject(),
        () => new JsonObject { ["id"] = 42, ["name"] = new JsonArray() },
        () => new JsonObject { ["state"] = "completed", ["message"] = new string('m', 5000) },
        () => Nested(40),
        () => JsonValue.Create(TooDeep),
    ];

    private static int sequence;

    [Fact]
    public async Task Mutated_channel_activities_never_get_a_5xx_and_a_normal_turn_still_works()
    {
        var mutation = Gen.Zip(
            Gen.Choose(0, 3),
            Gen.Zip(Gen.Elements(Paths), Gen.Choose(-1, Junk.Length - 1)).ListOf().Select(list => list.Take(4).ToArray()));

        var property = Prop.ForAll(mutation.ToArbitrary(), async ((int Template, (string Path, int Junk)[] Changes) generated) =>
        {
            var activity = Template(generated.Template);
            var body = Mutate(activity, generated.Changes);
            using var response = await PostAsync(body);
            var answer = await response.Content.ReadAsStringAsync();
            var unhandledInvoke = response.StatusCode == HttpStatusCode.NotImplemented && IsInvoke(activity);
            Assert.True((int)response.StatusCode < 500 || unhandledInvoke, $"{(int)response.StatusCode} {answer} for {body[..Math.Min(body.Length, 2000)]}");
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true), property);

        var replies = await Server.ExchangeAsync(Activities.Message("my parcel never arrived", Channel.ServiceUrl, "after-the-storm"));
        Assert.NotEmpty(replies);
    }

    private Task<HttpResponseMessage> PostAsync(string json) =>
        Server.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Activities as channels send them (fresh ids each time, so dedupe never hides a turn).</summary>
    private JsonObject Template(int which)
    {
        var n = Interlocked.Increment(ref sequence);
        var common = new JsonObject
        {
            ["id"] = $"fuzz-{n}",
            ["timestamp"] = "2026-12-03T10:00:00.000Z",
            ["serviceUrl"] = Channel.ServiceUrl,
            ["channelId"] = which == 1 ? "msteams" : "webchat",
            ["from"] = new JsonObject { ["id"] = $"user-{n}", ["name"] = "Ana", ["role"] = "user" },
            ["recipient"] = new JsonObject { ["id"] = "carebot", ["name"] = "CareBot", ["role"] = "bot" },
            ["conversation"] = new JsonObject { ["id"] = $"fuzz-conversation-{n}" },
            ["locale"] = "en-US",
            ["deliveryMode"] = "expectReplies",
            ["channelData"] = new JsonObject { ["clientActivityID"] = $"client-{n}" },
        };
        switch (which)
        {
            case 0:
                common["type"] = "message";
                common["text"] = "my parcel never arrived and nobody answers";
                common["textFormat"] = "plain";
                common["entities"] = new JsonArray(new JsonObject { ["type"] = "ClientCapabilities", ["requiresBotState"] = true });
                break;
            case 1:
                common["type"] = "conversationUpdate";
                common["conversation"]!["conversationType"] = "personal";
                common["membersAdded"] = new JsonArray(
                    new JsonObject { ["id"] = "carebot", ["name"] = "CareBot" }, new JsonObject { ["id"] = $"user-{n}", ["name"] = "Ana" });
                break;
            case 2:
                common["type"] = "invoke";
                common["name"] = "adaptiveCard/action";
                common["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "escalate" } };
                break;
            default:
                common["type"] = "event";
                common["name"] = "handoff.status";
                common["value"] = new JsonObject { ["state"] = "accepted", ["message"] = "taken" };
                break;
        }

        return common;
    }

    /// <summary>Applies the changes (junk index -1 removes the field) and serializes, placing raw invalid escapes.</summary>
    private static string Mutate(JsonObject activity, (string Path, int Junk)[] changes)
    {
        foreach (var (path, junk) in changes)
        {
            var names = path.Split('.');
            if (names.Length == 2 && activity[names[0]] is not JsonObject)
            {
                continue;
            }

            var parent = names.Length == 2 ? (JsonObject)activity[names[0]]! : activity;
            if (junk < 0)
            {
                parent.Remove(names[^1]);
            }
            else
            {
                parent[names[^1]] = Junk[junk]();
            }
        }

        return activity.ToJsonString()
            .Replace($"\"{LoneSurrogate}\"", "\"\\uD800\"", StringComparison.Ordinal)
            .Replace($"\"{TooDeep}\"", new string('[', 70) + new string(']', 70), StringComparison.Ordinal);
    }

    private static bool IsInvoke(JsonObject activity) =>
        activity["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name == ActivityTypes.Invoke;

    private static JsonNode Nested(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 1; i < depth; i++)
        {
            node = new JsonObject { ["x"] = node };
        }

        return node;
    }
}
