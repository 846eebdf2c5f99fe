using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Migrations;

public sealed class PostgresMigrationTests(PostgresFixture fixture) : MigrationContract(fixture), IClassFixture<PostgresFixture>;
