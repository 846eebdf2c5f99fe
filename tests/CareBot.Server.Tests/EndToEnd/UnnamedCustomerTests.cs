using CareBot.Protocol.Schema;
using CareBot.Server.Tests.Hosting;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>A channel that sends no name (the Emulator, curl, some Direct Line clients) gets texts that read well.</summary>
public sealed class UnnamedCustomerTests
{
    [Fact]
    public async Task A_customer_without_a_name_is_not_called_there_mid_sentence()
    {
        await using var server = await CareBotTestServer.StartAsync();
        var help = Activities.Message("help please", Activities.UnusedServiceUrl, "dm-unnamed");
        help.From = new ChannelAccount("user-9");

        var replies = await server.ExchangeAsync(help);

        Assert.Equal(["Of course, happy to help. What's going on?"], replies.Select(r => r.Text));
    }
}
