using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Transcripts;

public sealed class SqliteTranscriptStoreTests(SqliteFixture fixture) : TranscriptStoreContract(fixture), IClassFixture<SqliteFixture>;
