using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Incidents;

public sealed class PostgresIncidentObservationStoreTests(PostgresFixture fixture) : IncidentObservationStoreContract(fixture), IClassFixture<PostgresFixture>;
