using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Cases;

public sealed class PostgresCaseStoreTests(PostgresFixture fixture) : CaseStoreContract(fixture), IClassFixture<PostgresFixture>;
