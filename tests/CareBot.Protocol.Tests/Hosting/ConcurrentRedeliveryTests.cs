using System.Net;
using System.Text;
using CareBot.Protocol.Schema;
using CareBot.Protocol.Tests.Schema;
using CareBot.Testing.Hosting;
using CareBot.Testing.Turns;

namespace CareBot.Protocol.Tests.Hosting;

public sealed class ConcurrentRedeliveryTests
{
    [Fact]
    public async Task A_retry_arriving_during_the_first_delivery_waits_and_gets_the_same_replies()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bot = new DelegateBot(async (turn, ct) =>
        {
            started.TrySetResult();
            await release.Task.WaitAsync(ct);
            await turn.SendActivityAsync("reply " + Guid.NewGuid(), ct);
        });
        await using var host = await KestrelBotHost.StartAsync(bot);
        var activity = ActivityJson.Deserialize<Activity>(ChannelSamples.WebChatMessage)!;
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        var json = ActivityJson.Serialize(activity);

        var first = host.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        await started.Task;
        var retry = host.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

        // Let the retry reach the server and find the activity in progress before the first delivery finishes.
        for (var i = 0; i < 500 && !host.Logs.Entries.Any(e => e.EventId == 1011); i++)
        {
            await Task.Delay(10);
        }

        release.SetResult();
        using var firstResponse = await first;
        using var retryResponse = await retry;

        Assert.Contains(host.Logs.Entries, e => e.EventId == 1011);
        Assert.Equal(HttpStatusCode.OK, retryResponse.StatusCode);
        Assert.Equal(await firstResponse.Content.ReadAsStringAsync(), await retryResponse.Content.ReadAsStringAsync());
        Assert.Equal(1, bot.Turns);
    }
}
