using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.DirectLine;

/// <summary>
/// The PostgreSQL store (several instances) against the Direct Line store contract, plus what only it promises: two
/// instances on one database serve one conversation as one.
/// </summary>
public sealed class PostgresDirectLineStoreTests(PostgresFixture fixture) : DirectLineStoreContract, IClassFixture<PostgresFixture>
{
    private protected override async Task<OpenStore> OpenAsync(IReadOnlyDictionary<string, string?>? directLine = null)
    {
        var settings = new Dictionary<string, string?>(await fixture.CreateDatabaseAsync());
        foreach (var (key, value) in directLine ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return await OpenOnAsync(settings);
    }

    [Fact]
    public async Task Activities_appended_on_two_instances_stream_in_position_order_on_one_and_read_the_same_on_both()
    {
        var database = await fixture.CreateDatabaseAsync();
        await using var a = await OpenOnAsync(database);
        await using var b = await OpenOnAsync(database);
        var conversation = await a.Store.CreateAsync(false, null, default);
        var stream = new RecordingStream();
        await a.Store.SubscribeAsync(conversation.Id, stream, 0, default);

        // 20 appends at once, half through each instance: positions are given in the database, so there is one order.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? a : b).Store.AppendAsync(conversation.Id, Message("m" + i), null, default)));

        var streamed = new List<string>();
        for (var watermark = 1; watermark <= 20; watermark++)
        {
            var (texts, frameWatermark) = await stream.NextAsync();
            Assert.Equal(watermark, frameWatermark);
            streamed.Add(texts);
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => "m" + i).Order(), streamed.Order());
        var readOnB = RecordingStream.Parse(await b.Store.ReadSetAsync(conversation.Id, 0, 100, 1 << 20, default));
        Assert.Equal((string.Join(" | ", streamed), 20), readOnB);
        Assert.Equal(readOnB, RecordingStream.Parse(await a.Store.ReadSetAsync(conversation.Id, 0, 100, 1 << 20, default)));
    }

    [Fact]
    public async Task A_token_issued_on_one_instance_opens_the_conversation_on_the_other_and_a_refresh_there_revokes_it_everywhere()
    {
        var database = await fixture.CreateDatabaseAsync();
        await using var a = await OpenOnAsync(database);
        await using var b = await OpenOnAsync(database);
        var conversation = await a.Store.CreateAsync(false, null, default);
        var token = await a.Store.IssueTokenAsync(conversation.Id, "dl_u", null, default);

        Assert.Equal(conversation.Id, (await b.Store.FindTokenAsync(token, default))?.ConversationId);
        Assert.NotNull(await b.Store.FindAsync(conversation.Id, default));
        await b.Store.IssueTokenAsync(conversation.Id, "dl_u", token, default);
        Assert.Null(await a.Store.FindTokenAsync(token, default));
    }

    [Fact]
    public async Task A_conversation_evicted_for_room_on_one_instance_closes_its_socket_on_the_other()
    {
        var database = await fixture.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?>(database) { ["DirectLine:MaxConversations"] = "2" };
        await using var a = await OpenOnAsync(settings);
        await using var b = await OpenOnAsync(settings);
        var streamedOnA = await a.Store.CreateAsync(false, null, default);
        var socket = new RecordingStream();
        await a.Store.SubscribeAsync(streamedOnA.Id, socket, 0, default);

        // b does not know a's socket: at the limit it forgets the least recently used conversation, the one a streams.
        await b.Store.CreateAsync(false, null, default);
        await b.Store.CreateAsync(false, null, default);

        Assert.Null(await b.Store.FindAsync(streamedOnA.Id, default));
        for (var tries = 0; socket.DropReason is null; tries++)
        {
            Assert.True(tries < 100, "the socket of the forgotten conversation stayed open on the other instance");
            await Task.Delay(100);
        }

        Assert.Contains("forgotten", socket.DropReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_within_the_write_interval_do_not_write_the_conversations_last_use_again()
    {
        var database = await fixture.CreateDatabaseAsync();
        await using var store = await OpenOnAsync(new Dictionary<string, string?>(database) { ["DirectLine:LastActiveWriteInterval"] = "00:10:00" });
        var conversation = await store.Store.CreateAsync(false, null, default);
        var created = await LastActiveAsync(database, conversation.Id);

        for (var poll = 0; poll < 3; poll++)
        {
            Assert.NotNull(await store.Store.FindAsync(conversation.Id, default));
        }

        Assert.Equal(created, await LastActiveAsync(database, conversation.Id));
    }

    [Fact]
    public async Task A_request_after_the_write_interval_writes_the_conversations_last_use()
    {
        var database = await fixture.CreateDatabaseAsync();
        await using var store = await OpenOnAsync(new Dictionary<string, string?>(database) { ["DirectLine:LastActiveWriteInterval"] = "00:00:00.050" });
        var conversation = await store.Store.CreateAsync(false, null, default);
        var created = await LastActiveAsync(database, conversation.Id);
        await Task.Delay(TimeSpan.FromMilliseconds(100));

        Assert.NotNull(await store.Store.FindAsync(conversation.Id, default));

        Assert.True(await LastActiveAsync(database, conversation.Id) > created);
    }

    private static async Task<DateTime> LastActiveAsync(IReadOnlyDictionary<string, string?> database, string conversationId)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(database["ConnectionStrings:Postgres"]!);
        await using var command = dataSource.CreateCommand("SELECT last_active FROM directline_conversations WHERE id = $1;");
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = conversationId });
        return (DateTime)(await command.ExecuteScalarAsync())!;
    }

    private static Task<OpenStore> OpenOnAsync(IReadOnlyDictionary<string, string?> settings) =>
        OpenStore.StartAsync(settings, (services, configuration) => services.AddCareBotStorage(configuration));
}
