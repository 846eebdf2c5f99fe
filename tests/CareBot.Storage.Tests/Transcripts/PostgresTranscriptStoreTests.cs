using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Transcripts;

public sealed class PostgresTranscriptStoreTests(PostgresFixture fixture) : TranscriptStoreContract(fixture), IClassFixture<PostgresFixture>;
