using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Migrations;

public sealed class SqliteMigrationTests(SqliteFixture fixture) : MigrationContract(fixture), IClassFixture<SqliteFixture>;
