namespace CareBot.Server.Tests.Architecture.CycleFixture.Ping;

/// <summary>Half of a deliberate namespace cycle, for <see cref="NamespaceCycleTests"/>.</summary>
internal sealed class PingNode(Pong.PongNode? other)
{
    public Pong.PongNode? Other { get; } = other;
}
