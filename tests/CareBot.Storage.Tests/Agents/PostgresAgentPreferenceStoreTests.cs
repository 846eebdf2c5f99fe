using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Agents;

public sealed class PostgresAgentPreferenceStoreTests(PostgresFixture fixture) : AgentPreferenceStoreContract(fixture), IClassFixture<PostgresFixture>;
