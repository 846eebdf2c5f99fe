using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Outbox;

public sealed class SqliteOutboxStoreTests(SqliteFixture fixture) : OutboxStoreContract(fixture), IClassFixture<SqliteFixture>;
