namespace CareBot.Storage.Sql;

/// <summary>What a write needs from its engine (see <see cref="ISqlEngine.WriteAsync"/>).</summary>
internal enum SqlWrite
{
    /// <summary>One statement, atomic by itself: PostgreSQL runs it without an explicit transaction (no COMMIT round trip).</summary>
    OneStatement,

    /// <summary>Several statements that commit together or not at all.</summary>
    AllOrNothing,

    /// <summary>
    /// Bookkeeping that only guards against repeats (activity outcomes) or is renewed anyway (server instance
    /// heartbeats): SQLite commits it without its own disk flush (see <c>SqliteDatabase.OpenRelaxedAsync</c>); its
    /// statements need not commit together.
    /// </summary>
    Bookkeeping,
}
