using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.DirectLine;

public sealed class SqliteDirectLineUploadStoreTests(SqliteFixture fixture) : DirectLineUploadStoreContract(fixture), IClassFixture<SqliteFixture>;
