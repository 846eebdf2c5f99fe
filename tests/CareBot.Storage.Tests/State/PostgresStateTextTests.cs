using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.State;

public sealed class PostgresStateTextTests(PostgresFixture fixture) : StateTextContract(fixture), IClassFixture<PostgresFixture>;
