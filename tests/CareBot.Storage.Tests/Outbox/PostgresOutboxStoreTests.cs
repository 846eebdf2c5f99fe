using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Outbox;

public sealed class PostgresOutboxStoreTests(PostgresFixture fixture) : OutboxStoreContract(fixture), IClassFixture<PostgresFixture>;
