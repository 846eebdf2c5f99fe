using CareBot.Care.Stores;
using CareBot.Dialogs.Loading;
using CareBot.Storage.Migrations;
using CareBot.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Storage.Tests.Migrations;

/// <summary>How the schema comes to be, whatever the engine. Each test starts from its own empty database.</summary>
public abstract class MigrationContract(StorageFixture fixture)
{
    private IReadOnlyList<int> AllVersions => MigrationScripts.Load(fixture.Dialect).Select(m => m.Version).ToList();

    [Fact]
    public async Task Starting_the_host_applies_every_migration_once()
    {
        await using var services = fixture.CreateServices(await fixture.CreateDatabaseAsync());

        await StorageFixture.StartHostedServicesAsync(services);

        Assert.Equal(AllVersions, await fixture.ReadAppliedVersionsAsync(services));
    }

    [Fact]
    public async Task Migrating_again_changes_nothing_and_keeps_the_data()
    {
        var database = await fixture.CreateDatabaseAsync();
        await using var first = fixture.CreateServices(database);
        await StorageFixture.StartHostedServicesAsync(first);
        await first.GetRequiredService<IStateStore>().WriteAsync([new StateWrite("user/1", "{\"kept\":true}", null)], CancellationToken.None);

        await first.GetRequiredService<IStorageMigrator>().MigrateAsync(CancellationToken.None);
        await using var restarted = fixture.CreateServices(database);
        await StorageFixture.StartHostedServicesAsync(restarted);

        Assert.Equal(AllVersions, await fixture.ReadAppliedVersionsAsync(restarted));
        var read = await restarted.GetRequiredService<IStateStore>().ReadAsync(["user/1"], CancellationToken.None);
        Assert.Equal("{\"kept\":true}", read["user/1"].Utf8Json.Text);
    }

    [Fact]
    public async Task Several_processes_starting_at_once_apply_each_migration_once()
    {
        var database = await fixture.CreateDatabaseAsync();
        var processes = Enumerable.Range(0, 4).Select(_ => fixture.CreateServices(database)).ToList();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var starts = processes.Select(p => Task.Run(async () =>
        {
            await go.Task;
            await StorageFixture.StartHostedServicesAsync(p);
        })).ToList();
        go.SetResult();
        await Task.WhenAll(starts);

        Assert.Equal(AllVersions, await fixture.ReadAppliedVersionsAsync(processes[0]));
        foreach (var process in processes)
        {
            Assert.Empty(await process.GetRequiredService<IStateStore>().ReadAsync(["nobody"], CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_database_left_by_the_first_release_gets_only_the_newer_steps_and_keeps_its_data()
    {
        var database = await fixture.CreateDatabaseAsync();
        var first = MigrationScripts.Load(fixture.Dialect)[0];
        var updatedAt = fixture.Dialect == MigrationScripts.Sqlite ? "0" : "'2026-11-02 09:30:00+00'";
        await fixture.ExecuteAsync(database, fixture.SchemaMigrationsTableSql);
        await fixture.ExecuteAsync(database, first.Sql);
        await fixture.ExecuteAsync(database, $"INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, '{first.Name}', {updatedAt});");
        await fixture.ExecuteAsync(database, $"INSERT INTO state (state_key, json, etag, updated_at) VALUES ('user/old', '{{\"old\":true}}', 'etag-old', {updatedAt});");
        await using var upgraded = fixture.CreateServices(database);

        await StorageFixture.StartHostedServicesAsync(upgraded);

        Assert.Equal(AllVersions, await fixture.ReadAppliedVersionsAsync(upgraded));
        var read = await upgraded.GetRequiredService<IStateStore>().ReadAsync(["user/old"], CancellationToken.None);
        Assert.Equal(new StateRecord("user/old", "{\"old\":true}", "etag-old"), read["user/old"]);
        var script = new ArchivedScript("care", "v1", "care.yaml", "dialog: care");
        await upgraded.GetRequiredService<IScriptArchive>().SaveAsync(script, CancellationToken.None);
        Assert.Equal(script, await upgraded.GetRequiredService<IScriptArchive>().LoadAsync("care", "v1", CancellationToken.None));
    }

    [Fact]
    public async Task A_store_used_without_a_host_migrates_before_its_first_query()
    {
        await using var services = fixture.CreateServices(await fixture.CreateDatabaseAsync());

        var written = await services.GetRequiredService<IStateStore>().WriteAsync([new StateWrite("user/2", "{}", null)], CancellationToken.None);

        Assert.Single(written);
        Assert.Equal(AllVersions, await fixture.ReadAppliedVersionsAsync(services));
    }
}
