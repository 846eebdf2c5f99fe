using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Settings;

public sealed class PostgresLiveSettingsStoreTests(PostgresFixture fixture) : LiveSettingsStoreContract(fixture), IClassFixture<PostgresFixture>;
