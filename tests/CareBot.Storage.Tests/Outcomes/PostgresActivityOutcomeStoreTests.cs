using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Outcomes;

public sealed class PostgresActivityOutcomeStoreTests(PostgresFixture fixture) : ActivityOutcomeStoreContract(fixture), IClassFixture<PostgresFixture>;
