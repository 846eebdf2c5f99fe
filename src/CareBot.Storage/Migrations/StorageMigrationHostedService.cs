using Microsoft.Extensions.Hosting;

namespace CareBot.Storage.Migrations;

/// <summary>Migrates the database when the host starts, before it serves requests.</summary>
internal sealed class StorageMigrationHostedService(StorageInitializer initializer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => initializer.EnsureMigratedAsync(cancellationToken).AsTask();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
