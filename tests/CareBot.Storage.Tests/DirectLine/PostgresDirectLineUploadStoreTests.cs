using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.DirectLine;

public sealed class PostgresDirectLineUploadStoreTests(PostgresFixture fixture) : DirectLineUploadStoreContract(fixture), IClassFixture<PostgresFixture>;
