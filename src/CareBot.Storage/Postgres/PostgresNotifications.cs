using System.Collections.Concurrent;
using System.Threading.Channels;
using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>
/// This process's one <c>LISTEN</c> connection to PostgreSQL, shared by everything that must hear what other instances
/// did (case events, published dialog versions). A notification only wakes a listener: the listener then reads what is
/// new from its table, so a notification lost while the connection was down costs nothing but a delay. After every
/// (re)connection each listener is woken once, to catch up on what happened while nobody listened.
/// </summary>
internal sealed class PostgresNotifications(
    NpgsqlDataSource dataSource, StorageInitializer initializer, ILogger<PostgresNotifications> logger) : BackgroundService
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Action<string>> listeners = new(StringComparer.Ordinal);

    /// <summary>
    /// Calls <paramref name="wake"/> with the payload of every notification on <paramref name="channel"/> (and with an
    /// empty payload after each connection). Register before the host starts. The callback must return at once.
    /// </summary>
    public void Listen(string channel, Action<string> wake)
    {
        if (!listeners.TryAdd(channel, wake))
        {
            throw new InvalidOperationException($"The notification channel '{channel}' already has a listener.");
        }
    }

    /// <summary>Sends a notification on <paramref name="channel"/> (delivered when the caller's transaction commits).</summary>
    /// <summary>
    /// Waits for a notification, or for <paramref name="pollInterval"/> in case one was lost while the listening
    /// connection was down; returns early only when <paramref name="stoppingToken"/> is cancelled (which it throws).
    /// </summary>
    public static async Task WakeOrPollAsync(ChannelReader<bool> wake, TimeSpan pollInterval, CancellationToken stoppingToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        poll.CancelAfter(pollInterval);
        try
        {
            await wake.ReadAsync(poll.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The poll interval passed.
        }
    }

    public static async Task NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string channel, string payload, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_notify($1, $2);", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = channel });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payload });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // PostgreSQL restarted or the network dropped: listeners poll meanwhile, and catch up on reconnection.
                // An unreachable server is an operator's matter, said in one line (no trace: it is not a bug here, and
                // a start-up refused for it must print no stack); anything else keeps its trace.
                if (exception is NpgsqlException or TimeoutException)
                {
                    logger.NotificationsUnreachable(exception.Message);
                }
                else
                {
                    logger.NotificationsLost(exception);
                }

                try
                {
                    await Task.Delay(ReconnectDelay, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await initializer.EnsureMigratedAsync(stoppingToken).ConfigureAwait(false);
        var connection = await dataSource.OpenConnectionAsync(stoppingToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            connection.Notification += (_, notification) =>
            {
                if (listeners.TryGetValue(notification.Channel, out var wake))
                {
                    wake(notification.Payload);
                }
            };
            foreach (var channel in listeners.Keys)
            {
                // Channel names are constants of this project, never input: quoting keeps them exact all the same.
                await using var listen = new NpgsqlCommand($"LISTEN \"{channel}\";", connection);
                await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
            }

            foreach (var wake in listeners.Values)
            {
                wake(string.Empty);
            }

            while (true)
            {
                await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
