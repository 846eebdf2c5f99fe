using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Settings;

public sealed class SqliteLiveSettingsStoreTests(SqliteFixture fixture) : LiveSettingsStoreContract(fixture), IClassFixture<SqliteFixture>;
