using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Scripts;

public sealed class PostgresScriptArchiveTests(PostgresFixture fixture) : ScriptArchiveContract(fixture), IClassFixture<PostgresFixture>;
