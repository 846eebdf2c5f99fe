using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Outcomes;

public sealed class SqliteActivityOutcomeStoreTests(SqliteFixture fixture) : ActivityOutcomeStoreContract(fixture), IClassFixture<SqliteFixture>;
