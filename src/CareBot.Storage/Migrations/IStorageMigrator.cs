namespace CareBot.Storage.Migrations;

/// <summary>Brings one database's schema to the newest migration; safe to run again and from several processes at once.</summary>
internal interface IStorageMigrator
{
    Task MigrateAsync(CancellationToken cancellationToken);
}
