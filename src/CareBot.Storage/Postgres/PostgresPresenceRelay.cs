using CareBot.Care.Agents;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>
/// The console's presence between instances over the NOTIFY channel <c>carebot_presence</c>, with no table: presence
/// is seconds-old state that each instance renews while a page is open, so a row per heartbeat would only be written,
/// read and purged. A message sent while another instance's LISTEN connection is down is lost, and renewed by its
/// sender within the renewal interval; after a reconnection every instance renews at once.
/// </summary>
internal sealed class PostgresPresenceRelay : IAgentPresenceRelay
{
    public const string Channel = "carebot_presence";

    private readonly NpgsqlDataSource dataSource;
    private Action<string>? receiver;

    public PostgresPresenceRelay(NpgsqlDataSource dataSource, PostgresNotifications notifications)
    {
        this.dataSource = dataSource;
        // Registered when the relay is built (with the hosted services, before the host starts), as Listen requires.
        notifications.Listen(Channel, message => receiver?.Invoke(message));
    }

    public void Receive(Action<string> receiver) => this.receiver = receiver;

    public async Task SendAsync(string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Length > IAgentPresenceRelay.MaxMessageLength)
        {
            throw new ArgumentException($"A presence message holds at most {IAgentPresenceRelay.MaxMessageLength} characters; this one has {message.Length}.", nameof(message));
        }

        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await PostgresNotifications.NotifyAsync(connection, null, Channel, message, cancellationToken).ConfigureAwait(false);
        }
    }
}
