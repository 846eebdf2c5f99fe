using System.Net;
using CareBot.Care.Stores;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Channel;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>
/// A channel that fails with 500 and 429 for a while: the promised private message is not lost, the outbox retries it
/// (with the Connector's own retries off, so every failure reaches the outbox) and delivers it once the channel is back.
/// </summary>
public sealed class FlakyChannelDeliveryTests
{
    [Fact]
    public async Task The_private_message_arrives_once_after_the_channel_failed_for_a_while()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Connector:MaxRetries"] = "0",
            ["Outbox:BaseDelay"] = "00:00:00.1",
            ["Outbox:MaxDelay"] = "00:00:00.4",
            ["Outbox:PollInterval"] = "00:00:00.1",
        });
        channel.FailNext(2, HttpStatusCode.InternalServerError, operation: ChannelOperation.CreateConversation);
        channel.FailNext(1, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromMilliseconds(100), operation: ChannelOperation.CreateConversation);

        using var response = await server.PostActivityAsync(Activities.Message("MY ORDER NEVER ARRIVED!!! This is a disgrace", channel.ServiceUrl, "wall-flaky", isGroup: true));
        var greeting = await channel.WaitForCallsAsync(c => c.ConversationId?.StartsWith("dm-", StringComparison.Ordinal) == true, 1, TimeSpan.FromSeconds(30));

        var creates = channel.CallsTo(ChannelOperation.CreateConversation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([500, 500, 429, 200], creates.Select(c => c.StatusCode));
        Assert.Contains("Ana", greeting[0].Activity!.Text, StringComparison.Ordinal);
        Assert.Empty(await server.Services.GetRequiredService<IOutboxStore>().ListDeadAsync(10, CancellationToken.None));
    }
}
