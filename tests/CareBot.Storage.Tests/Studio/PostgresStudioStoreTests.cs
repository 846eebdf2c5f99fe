using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Studio;

public sealed class PostgresStudioStoreTests(PostgresFixture fixture) : StudioStoreContract(fixture), IClassFixture<PostgresFixture>;
