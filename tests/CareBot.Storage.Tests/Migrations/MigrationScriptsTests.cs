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
        // A step creates or changes a table, or (a step only the other dialect needs) says why there is nothing to create.
        Assert.All(migrations, m => Assert.True(
            m.Sql.Contains("CREATE TABLE", StringComparison.Ordinal)
                || m.Sql.Contains("ALTER TABLE", StringComparison.Ordinal)
                || m.Sql.Contains("CREATE FUNCTION", StringComparison.Ordinal)
                || m.Sql.StartsWith("-- Nothing to create", StringComparison.Ordinal),
            $"Step {m.Version} ({m.Name}) neither creates or changes a table, creates a function, nor says why it has nothing to create."));
    }

    [Fact]
    public void Both_dialects_have_the_same_steps()
    {
        Assert.Equal(
            MigrationScripts.Load(MigrationScripts.Sqlite).Select(m => (m.Version, m.Name)),
            MigrationScripts.Load(MigrationScripts.Postgres).Select(m => (m.Version, m.Name)));
    }
}
