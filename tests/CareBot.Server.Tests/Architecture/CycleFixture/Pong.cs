namespace CareBot.Server.Tests.Architecture.CycleFixture.Pong;

/// <summary>The other half of a deliberate namespace cycle, for <see cref="NamespaceCycleTests"/>.</summary>
internal sealed class PongNode(Ping.PingNode? other)
{
    public Ping.PingNode? Other { get; } = other;
}
