using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.State;

public sealed class SqliteStateStoreTests(SqliteFixture fixture) : StateStoreContract(fixture), IClassFixture<SqliteFixture>;
