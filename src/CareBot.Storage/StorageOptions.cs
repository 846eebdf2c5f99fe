namespace CareBot.Storage;

/// <summary>
/// The <c>Storage</c> configuration section. The engine itself is chosen by <c>ConnectionStrings:Postgres</c>:
/// set, PostgreSQL; absent, SQLite at <see cref="SqlitePath"/>.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// The SQLite database file. Default <c>data/carebot.db</c>; a relative path is resolved against the host's content
    /// root (the current directory when there is no host). The directory is created when missing.
    /// </summary>
    public string SqlitePath { get; set; } = "data/carebot.db";

    /// <summary>
    /// How long a SQLite writer waits for another writer's lock before failing. Default 30 seconds. In WAL mode one
    /// writer at a time holds the lock for a few milliseconds, so this only matters under heavy contention.
    /// </summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a completed activity outcome is kept so that a channel's late retry still gets the same answer.
    /// Default 24 hours. Older rows are purged opportunistically, a bounded batch at a time.
    /// </summary>
    public TimeSpan OutcomeRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How often this server process renews its heartbeat row, which tells other processes it still runs. Default 5
    /// seconds.
    /// </summary>
    public TimeSpan InstanceHeartbeat { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After this long without a heartbeat a server process counts as gone, and a redelivered activity it was processing
    /// is processed again. Default 15 seconds; must exceed <see cref="InstanceHeartbeat"/>. A process on the same machine
    /// that was killed is recognised at once, without waiting for this.
    /// </summary>
    public TimeSpan InstanceTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
