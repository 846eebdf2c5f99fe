namespace CareBot.Server.Cli.Chaos;

/// <summary>What a chaos run does: how many customers, on which storage, how many instances, where mail goes.</summary>
internal sealed record ChaosSettings
{
    /// <summary>Customers walking the care flow at once (5 messages each). Default 16.</summary>
    public int Customers { get; init; } = 16;

    /// <summary>
    /// A PostgreSQL server on which the run creates (and drops) a scratch database; null runs one instance on a scratch
    /// SQLite database instead.
    /// </summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Instances on the PostgreSQL database (1 or 2; always 1 on SQLite). Default 2: one is killed, one serves on.</summary>
    public int Instances { get; init; } = 2;

    /// <summary>A real SMTP server (host:port) the agent notifications go to; null writes them to a pickup folder.</summary>
    public string? SmtpServer { get; init; }

    /// <summary>The Maildir that <see cref="SmtpServer"/> delivers to, where the notifications are counted.</summary>
    public string? Maildir { get; init; }

    /// <summary>The dialog scripts folder. Default <c>dialogs</c> (the repository's, from the repository root).</summary>
    public string DialogsPath { get; init; } = "dialogs";

    /// <summary>How long the whole run may take, restart included: 60 s plus 2 s per customer (a guard, not a target).</summary>
    public TimeSpan Guard => TimeSpan.FromSeconds(60 + (2 * Customers));

    public bool OnPostgres => PostgresConnectionString is not null;

    public int InstanceCount => OnPostgres ? Instances : 1;
}
