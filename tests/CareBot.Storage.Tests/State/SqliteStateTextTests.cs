using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.State;

public sealed class SqliteStateTextTests(SqliteFixture fixture) : StateTextContract(fixture), IClassFixture<SqliteFixture>;
