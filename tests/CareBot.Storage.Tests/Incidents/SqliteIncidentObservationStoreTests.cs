using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Incidents;

public sealed class SqliteIncidentObservationStoreTests(SqliteFixture fixture) : IncidentObservationStoreContract(fixture), IClassFixture<SqliteFixture>;
