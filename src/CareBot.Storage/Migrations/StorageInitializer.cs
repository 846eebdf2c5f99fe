namespace CareBot.Storage.Migrations;

/// <summary>
/// Runs the migrations once per process. The hosted service awaits it at start-up so that a broken database stops the
/// host before it serves; every store also awaits it before its first query, so that code running without a host
/// (CLI verbs, tests) gets a migrated schema too. After success the check costs one volatile read.
/// </summary>
internal sealed class StorageInitializer(IStorageMigrator migrator) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _migrated;

    public async ValueTask EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }

        // A failed attempt is not cached: the next caller tries again (the database may have come up meanwhile).
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_migrated)
            {
                await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
                _migrated = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
