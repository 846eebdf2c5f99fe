using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Incidents;

public sealed class SqliteIncidentStoreTests(SqliteFixture fixture) : IncidentStoreContract(fixture), IClassFixture<SqliteFixture>;
