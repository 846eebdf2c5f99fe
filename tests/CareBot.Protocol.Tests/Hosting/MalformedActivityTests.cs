using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CareBot.Protocol.Hosting;
using CareBot.Protocol.Schema;
using CareBot.Protocol.Tests.Schema;
using CareBot.Testing.Hosting;
using CareBot.Testing.Turns;

namespace CareBot.Protocol.Tests.Hosting;

/// <summary>
/// Activities whose addressing fields (channelId, serviceUrl, conversation.id, from.id, ids) are missing, too long or not
/// what they claim get a 400 naming the field before authentication or any turn: real HTTP against a real Kestrel.
/// </summary>
public sealed class MalformedActivityTests : IAsyncLifetime
{
    private readonly DelegateBot _bot = new((turn, ct) => turn.SendActivityAsync("echo: " + turn.Activity.Text, ct));
    private KestrelBotHost _host = null!;

    public async Task InitializeAsync() => _host = await KestrelBotHost.StartAsync(_bot);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string, string> Malformed => new()
    {
        // JSON path to change, the new value (JSON; "DELETE" removes it), the expected error code
        { "conversation.id", "null", "MissingField" },
        { "conversation.id", "\"\"", "MissingField" },
        { "conversation.id", "\"   \"", "MissingField" },
        { "conversation.id", Quoted(new string('c', 20_000)), "FieldTooLong" },
        { "conversation.id", Quoted(new string('é', 600)), "FieldTooLong" },
        { "conversation.id", "\"line\\nbreak\"", "InvalidField" },
        { "conversation", "null", "MissingField" },
        { "conversation", "DELETE", "MissingField" },
        { "serviceUrl", "null", "MissingField" },
        { "serviceUrl", "\"\"", "MissingField" },
        { "serviceUrl", "DELETE", "MissingField" },
        { "serviceUrl", "42", "InvalidActivity" },
        { "serviceUrl", "\"not a url\"", "InvalidServiceUrl" },
        { "serviceUrl", "\"/relative/path\"", "InvalidServiceUrl" },
        { "serviceUrl", "\"file:///etc/passwd\"", "InvalidServiceUrl" },
        { "serviceUrl", "\"ftp://channel.example/\"", "InvalidServiceUrl" },
        { "serviceUrl", "\"https://user:secret@channel.example/\"", "InvalidServiceUrl" },
        { "serviceUrl", "\"https://channel.example/?next=elsewhere\"", "InvalidServiceUrl" },
        { "serviceUrl", Quoted("https://channel.example/" + new string('p', 3000)), "FieldTooLong" },
        { "from", "DELETE", "MissingField" },
        { "from", "null", "MissingField" },
        { "from.id", "DELETE", "MissingField" },
        { "from.id", "\"\"", "MissingField" },
        { "from.id", Quoted(new string('u', 513)), "FieldTooLong" },
        { "recipient.id", Quoted(new string('b', 513)), "FieldTooLong" },
        { "channelId", "DELETE", "MissingField" },
        { "channelId", Quoted(new string('x', 129)), "FieldTooLong" },
        { "channelId", "\"web\\r\\nchat\"", "InvalidField" },
        { "id", Quoted(new string('1', 513)), "FieldTooLong" },
        { "id", "\"id\\u0000zero\"", "InvalidField" },
        { "replyToId", Quoted(new string('1', 513)), "FieldTooLong" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_activity_gets_400_naming_the_problem_before_authentication_and_without_a_turn(string path, string json, string expectedCode)
    {
        _host.Authenticator.RequireToken = true; // a 401 would mean the activity reached authentication

        using var response = await PostAsync(Mutate(ChannelSamples.WebChatMessage, path, json));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        var error = ActivityJson.Deserialize<ErrorResponse>(body)!.Error!;
        Assert.Equal(expectedCode, error.Code);
        Assert.True(error.Message!.Length < 300, error.Message);
        Assert.Equal(0, _bot.Turns);
    }

    [Theory]
    [InlineData(ActivityLimits.MaxConversationIdBytes, HttpStatusCode.OK)]
    [InlineData(ActivityLimits.MaxConversationIdBytes + 1, HttpStatusCode.BadRequest)]
    public async Task Conversation_ids_are_accepted_up_to_the_limit(int length, HttpStatusCode expected)
    {
        using var response = await PostAsync(Mutate(ChannelSamples.WebChatMessage, "conversation.id", Quoted(new string('c', length))));

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData(nameof(ChannelSamples.TeamsChannelMessage))]
    [InlineData(nameof(ChannelSamples.SlackMessage))]
    [InlineData(nameof(ChannelSamples.FacebookMessage))]
    [InlineData(nameof(ChannelSamples.WebChatMessage))]
    [InlineData(nameof(ChannelSamples.EmulatorConversationUpdate))]
    [InlineData(nameof(ChannelSamples.MessageReaction))]
    public async Task Real_channels_activities_pass_the_checks(string sample)
    {
        var json = (string)typeof(ChannelSamples).GetField(sample)!.GetValue(null)!;

        using var response = await PostAsync(json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_real_Teams_personal_conversation_id_of_a_few_hundred_characters_is_accepted()
    {
        var teamsId = "a:1" + new string('Q', 380) + "-_xYz";

        using var response = await PostAsync(Mutate(ChannelSamples.TeamsInvoke, "conversation.id", Quoted(teamsId)));

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(string json) =>
        _host.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    private static string Quoted(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    /// <summary>The sample with the value at a dotted path replaced by raw JSON, or removed.</summary>
    private static string Mutate(string sample, string path, string json)
    {
        var root = JsonNode.Parse(sample)!.AsObject();
        var names = path.Split('.');
        var parent = root;
        foreach (var name in names[..^1])
        {
            parent = parent[name]!.AsObject();
        }

        if (json == "DELETE")
        {
            parent.Remove(names[^1]);
        }
        else
        {
            parent[names[^1]] = JsonNode.Parse(json);
        }

        return root.ToJsonString();
    }
}
