using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Studio;

public sealed class SqliteStudioStoreTests(SqliteFixture fixture) : StudioStoreContract(fixture), IClassFixture<SqliteFixture>;
