using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Agents;

public sealed class SqliteAgentAccountStoreTests(SqliteFixture fixture) : AgentAccountStoreContract(fixture), IClassFixture<SqliteFixture>;
