using CareBot.Storage.Migrations;

namespace CareBot.Storage.Tests.Migrations;

public sealed class MigrationScriptsTests
{
    [Theory]
    [InlineData(MigrationScripts.Sqlite)]
    [InlineData(MigrationScripts.Postgres)]
    public void Each_dialect_has_its_numbered_steps_starting_at_one(string dialect)
    {
        var migrations = MigrationScripts.Load(dialect);

        Assert.NotEmpty(migrations);
        Assert.Equal(Enumerable.Range(1, migrations.Count), migrations.Select(m => m.Version));
        Assert.All(migrations, m => Assert.Contains("CREATE TABLE", m.Sql, StringComparison.Ordinal));
    }

    [Fact]
    public void Both_dialects_have_the_same_steps()
    {
        Assert.Equal(
            MigrationScripts.Load(MigrationScripts.Sqlite).Select(m => (m.Version, m.Name)),
            MigrationScripts.Load(MigrationScripts.Postgres).Select(m => (m.Version, m.Name)));
    }
}
