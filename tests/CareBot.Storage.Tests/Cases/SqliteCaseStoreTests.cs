using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Cases;

public sealed class SqliteCaseStoreTests(SqliteFixture fixture) : CaseStoreContract(fixture), IClassFixture<SqliteFixture>;
