using CareBot.Testing.Channel;

namespace CareBot.Server.Tests.Hosting;

/// <summary>Base for tests that need the real server (auth off) and a fake channel for its replies, fresh per test.</summary>
public abstract class ServerWithChannelTest : IAsyncLifetime
{
    protected FakeChannel Channel { get; private set; } = null!;

    protected CareBotTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Channel = await FakeChannel.StartAsync();
        Server = await CareBotTestServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Channel.DisposeAsync();
    }
}
