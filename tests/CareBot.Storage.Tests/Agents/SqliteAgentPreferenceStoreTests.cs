using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Agents;

public sealed class SqliteAgentPreferenceStoreTests(SqliteFixture fixture) : AgentPreferenceStoreContract(fixture), IClassFixture<SqliteFixture>;
