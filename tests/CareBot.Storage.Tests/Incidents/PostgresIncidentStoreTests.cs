using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Incidents;

public sealed class PostgresIncidentStoreTests(PostgresFixture fixture) : IncidentStoreContract(fixture), IClassFixture<PostgresFixture>;
