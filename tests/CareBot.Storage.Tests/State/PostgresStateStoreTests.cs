using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.State;

public sealed class PostgresStateStoreTests(PostgresFixture fixture) : StateStoreContract(fixture), IClassFixture<PostgresFixture>;
