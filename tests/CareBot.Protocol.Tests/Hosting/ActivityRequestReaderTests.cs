using System.Text;
using System.Text.Json;
using CareBot.Protocol.Hosting;
using CareBot.Protocol.Schema;
using CareBot.Protocol.Tests.Schema;

namespace CareBot.Protocol.Tests.Hosting;

public sealed class ActivityRequestReaderTests
{
    public static TheoryData<string> Samples => new()
    {
        ChannelSamples.TeamsChannelMessage,
        ChannelSamples.WebChatMessage,
        ChannelSamples.TeamsInvoke,
        ChannelSamples.BotReplyWithCardAndSuggestions,
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Corrupted_bodies_give_an_error_or_an_activity_that_serializes_but_never_throw(string sample)
    {
        var original = Encoding.UTF8.GetBytes(sample);
        var alphabet = Encoding.ASCII.GetBytes("{}[]\":,\\u0D8 \u00ffxtn.-e");
        for (var seed = 0; seed < 400; seed++)
        {
            var random = new Random(seed);
            var body = (byte[])original.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                body[random.Next(body.Length)] = random.Next(4) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
            }

            var cut = random.Next(3) == 0 ? random.Next(body.Length) : body.Length;

            var (activity, error) = ActivityRequestReader.Parse(body.AsSpan(0, cut));

            Assert.True(activity is null != (error is null), $"seed {seed}: exactly one of activity and error");
            if (activity is not null)
            {
                // What the transcript and the expectReplies answer will do with it.
                _ = ActivityJson.Serialize(activity);
                _ = JsonSerializer.SerializeToNode(activity, ActivityJson.Options)!.ToJsonString(ActivityJson.Options);
            }
            else
            {
                Assert.Equal(400, error!.StatusCode);
            }
        }
    }

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("Application/JSON; charset=UTF-8", true)]
    [InlineData("application/json; charset=utf8", true)]
    [InlineData("application/ld+json", true)]
    [InlineData("text/json", false)]
    [InlineData("application/jsonx", false)]
    [InlineData("application/json; charset=utf-16", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData(";;;", false)]
    public void Only_UTF8_JSON_content_types_are_accepted(string? contentType, bool accepted)
    {
        Assert.Equal(accepted, ActivityRequestReader.CheckContentType(contentType) is null);
    }
}
