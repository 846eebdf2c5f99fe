using CareBot.Testing.Auth;

namespace CareBot.Protocol.Tests.Auth;

/// <summary>One <see cref="LocalOpenIdServer"/> for a whole test class (xunit class fixture); tests in a class run one at a time.</summary>
public sealed class SharedOpenIdServer : IAsyncLifetime
{
    public LocalOpenIdServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await LocalOpenIdServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
