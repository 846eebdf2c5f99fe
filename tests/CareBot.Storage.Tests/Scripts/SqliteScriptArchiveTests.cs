using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Scripts;

public sealed class SqliteScriptArchiveTests(SqliteFixture fixture) : ScriptArchiveContract(fixture), IClassFixture<SqliteFixture>;
