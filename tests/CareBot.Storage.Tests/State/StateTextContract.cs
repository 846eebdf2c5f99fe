using System.Text;
using CareBot.Care.Stores;
using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;
using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.State;

/// <summary>
/// The state documents travel as UTF-8 bytes but stay TEXT in the database: rows written as text by earlier versions
/// (or by plain SQL) read back byte for byte, and rows written now are text that plain SQL reads.
/// </summary>
public abstract class StateTextContract(StorageFixture fixture)
{
    // Quotes, escapes, accents, a non-BMP emoji: what a UTF-16 ↔ UTF-8 slip would change.
    private const string Document = """{"name":"Zoë \"Z\" Müller","line":"C'est réglé 👍","path":"a\\b"}""";

    private ISqlEngine Engine => fixture.Get<ISqlEngine>();

    private static string NewKey() => "conversation/" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_document_stored_as_a_string_by_an_earlier_version_reads_back_byte_for_byte()
    {
        var key = NewKey();
        await fixture.Get<IStateStore>().ReadAsync([key], CancellationToken.None); // migrated
        await Engine.WriteOneStatementAsync(
            "INSERT INTO state (state_key, json, etag, updated_at) VALUES (@key, @json, 'etag-old', @now);",
            command => command.With("@key", key).With("@json", Document).With("@now", Engine.Dialect.Time(fixture.Clock.GetUtcNow())),
            CancellationToken.None);

        var read = (await fixture.Get<IStateStore>().ReadAsync([key], CancellationToken.None))[key];

        Assert.Equal(Encoding.UTF8.GetBytes(Document), read.Utf8Json.Memory.ToArray());
        Assert.Equal(Document, read.Utf8Json.Text);
    }

    [Fact]
    public async Task A_document_written_by_the_state_store_is_stored_as_text()
    {
        var key = NewKey();

        await fixture.Get<IStateStore>().WriteAsync([new StateWrite(key, Encoding.UTF8.GetBytes(Document), null)], CancellationToken.None);

        Assert.Equal(("text", Document), await ReadWithPlainSqlAsync(key));
    }

    [Fact]
    public async Task A_document_written_by_a_turn_commit_is_stored_as_text_and_reads_back_the_same()
    {
        var key = NewKey();
        var created = (await fixture.Get<IStateStore>().WriteAsync([new StateWrite(key, "{}", null)], CancellationToken.None))[0];

        await fixture.Get<ITurnCommitStore>().CommitAsync(
            new TurnCommit([new StateWrite(key, Encoding.UTF8.GetBytes(Document), created.ETag)], [], []), CancellationToken.None);

        Assert.Equal(("text", Document), await ReadWithPlainSqlAsync(key));
        Assert.Equal(Document, (await fixture.Get<IStateStore>().ReadAsync([key], CancellationToken.None))[key].Utf8Json.Text);
    }

    [Fact]
    public async Task Each_document_of_a_turn_commit_goes_to_its_own_key()
    {
        var keys = Enumerable.Range(0, 3).Select(_ => NewKey()).ToList();

        await fixture.Get<ITurnCommitStore>().CommitAsync(
            new TurnCommit([.. keys.Select((key, i) => new StateWrite(key, Encoding.UTF8.GetBytes($$"""{"n":{{i}},"é":"{{key}}"}"""), null))], [], []),
            CancellationToken.None);

        var read = await fixture.Get<IStateStore>().ReadAsync(keys, CancellationToken.None);
        Assert.Equal(keys.Select((key, i) => $$"""{"n":{{i}},"é":"{{key}}"}"""), keys.Select(key => read[key].Utf8Json.Text));
    }

    // The stored value's type and text, as the CLI, the studio or an analyst's query would see them.
    private async Task<(string Type, string Json)> ReadWithPlainSqlAsync(string key)
    {
        var type = fixture.Dialect == MigrationScripts.Sqlite ? "typeof(json)" : "pg_typeof(json)::text";
        var connection = await Engine.OpenAsync(CancellationToken.None);
        await using (connection)
        {
            using var command = connection.Command(null, $"SELECT {type}, json FROM state WHERE state_key = @key;").With("@key", key);
            var reader = await command.ExecuteReaderAsync();
            await using (reader)
            {
                Assert.True(await reader.ReadAsync());
                return (reader.GetString(0), reader.GetString(1));
            }
        }
    }
}
