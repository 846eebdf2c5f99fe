using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Agents;

public sealed class PostgresAgentAccountStoreTests(PostgresFixture fixture) : AgentAccountStoreContract(fixture), IClassFixture<PostgresFixture>;
