namespace CareBot.Care.Agents;

/// <summary>
/// Carries the agent console's presence (who views or types on which case) between the instances of CareBot that share
/// one database. Messages are small and short-lived: one that is lost costs a delay until the sender renews it, so no
/// delivery guarantee is needed. Registered only where instances can share (PostgreSQL); without it presence stays
/// within one process.
/// </summary>
public interface IAgentPresenceRelay
{
    /// <summary>The longest message a relay must carry (PostgreSQL's NOTIFY payload holds under 8000 bytes).</summary>
    public const int MaxMessageLength = 7000;

    /// <summary>
    /// Sets the one receiver of the other instances' messages (this instance's own come back too: the receiver skips
    /// them). An empty message means "the relay reconnected, some messages may be lost": renew everything at once.
    /// The receiver must return at once.
    /// </summary>
    void Receive(Action<string> receiver);

    /// <summary>Sends <paramref name="message"/> to every instance (at most <see cref="MaxMessageLength"/> characters).</summary>
    Task SendAsync(string message, CancellationToken cancellationToken);
}
