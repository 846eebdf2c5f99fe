using CareBot.Protocol.DirectLine;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CareBot.Storage.Tests.DirectLine;

/// <summary>
/// What every Direct Line store does, in memory (one process) or in PostgreSQL (several): the channel's endpoints rely
/// on exactly this. Each subclass opens the store as the server wires it (<c>AddDirectLineChannel</c>, storage).
/// </summary>
public abstract class DirectLineStoreContract
{
    private static readonly ChannelAccount Visitor = new("dl_visitor", "Visitor", RoleTypes.User);

    /// <summary>The store and its hosted services, started, with these <c>DirectLine:</c> settings on top of the defaults.</summary>
    private protected abstract Task<OpenStore> OpenAsync(IReadOnlyDictionary<string, string?>? directLine = null);

    [Fact]
    public async Task Appended_activities_get_their_position_as_id_and_read_back_after_a_watermark()
    {
        await using var open = await OpenAsync();
        var conversation = await open.Store.CreateAsync(false, Visitor, default);

        var ids = new List<string?>();
        foreach (var text in new[] { "one", "two", "three" })
        {
            ids.Add(await open.Store.AppendAsync(conversation.Id, Message(text), null, default));
        }

        Assert.Equal([conversation.Id + "|0000000", conversation.Id + "|0000001", conversation.Id + "|0000002"], ids);
        Assert.Equal(("one | two | three", 3), RecordingStream.Parse(await open.Store.ReadSetAsync(conversation.Id, 0, 100, 1 << 20, default)));
        Assert.Equal(("three", 3), RecordingStream.Parse(await open.Store.ReadSetAsync(conversation.Id, 2, 100, 1 << 20, default)));
        Assert.Equal(("one | two", 2), RecordingStream.Parse(await open.Store.ReadSetAsync(conversation.Id, 0, 2, 1 << 20, default)));
        Assert.Equal((string.Empty, 3), RecordingStream.Parse(await open.Store.ReadSetAsync(conversation.Id, 3, 100, 1 << 20, default)));
    }

    [Fact]
    public async Task A_redelivery_with_the_same_sender_id_records_nothing_and_answers_the_first_id()
    {
        await using var open = await OpenAsync();
        var conversation = await open.Store.CreateAsync(false, Visitor, default);

        var first = await open.Store.AppendAsync(conversation.Id, Message("agent reply"), "outbox-17", default);
        var again = await open.Store.AppendAsync(conversation.Id, Message("agent reply"), "outbox-17", default);

        Assert.Equal(first, again);
        Assert.Equal(("agent reply", 1), RecordingStream.Parse(await open.Store.ReadSetAsync(conversation.Id, 0, 100, 1 << 20, default)));
    }

    [Fact]
    public async Task The_oldest_activities_beyond_the_history_limit_are_dropped_while_watermarks_go_on()
    {
        await using var open = await OpenAsync(new Dictionary<string, string?> { ["DirectLine:MaxHistoryActivities"] = "3" });
        var conversation = await open.Store.CreateAsync(false, Visitor, default);

        for (var i = 0; i < 5; i++)
        {
            await open.Store.AppendAsync(conversation.Id, Message("m" + i), null, default);
        }

        Assert.Equal(("m2 | m3 | m4", 5), RecordingStream.Parse(await open.Store.ReadSetAsync(conversation.Id, 0, 100, 1 << 20, default)));
    }

    [Fact]
    public async Task Typing_is_left_out_of_reads_and_a_deleted_activity_is_gone_but_keeps_its_position()
    {
        await using var open = await OpenAsync();
        var conversation = await open.Store.CreateAsync(false, Visitor, default);
        await open.Store.AppendAsync(conversation.Id, new Activity { Type = ActivityTypes.Typing }, null, default);
        var deleted = await open.Store.AppendAsync(conversation.Id, Message("oops"), null, default);
        await open.Store.AppendAsync(conversation.Id, Message("kept"), null, default);

        Assert.True(await open.Store.DeleteAsync(conversation.Id, deleted!, default));
        Assert.False(await open.Store.DeleteAsync(conversation.Id, deleted!, default));
        Assert.Equal(("kept", 3), RecordingStream.Parse(await open.Store.ReadSetAsync(conversation.Id, 0, 100, 1 << 20, default)));
    }

    [Fact]
    public async Task A_refresh_revokes_the_token_it_replaces_and_a_conversation_keeps_four_tokens_at_most()
    {
        await using var open = await OpenAsync();
        var conversation = await open.Store.CreateAsync(false, Visitor, default);
        var first = await open.Store.IssueTokenAsync(conversation.Id, Visitor.Id, null, default);
        var refreshed = await open.Store.IssueTokenAsync(conversation.Id, Visitor.Id, first, default);

        Assert.Null(await open.Store.FindTokenAsync(first, default));
        Assert.Equal(conversation.Id, (await open.Store.FindTokenAsync(refreshed, default))?.ConversationId);
        Assert.Equal(Visitor.Id, (await open.Store.FindTokenAsync(refreshed, default))?.UserId);

        for (var i = 0; i < 4; i++)
        {
            await open.Store.IssueTokenAsync(conversation.Id, null, null, default);
        }

        Assert.Null(await open.Store.FindTokenAsync(refreshed, default));
    }

    [Fact]
    public async Task A_conversation_starts_once_announces_each_member_once_and_turns_public_for_good()
    {
        await using var open = await OpenAsync();
        var conversation = await open.Store.CreateAsync(false, null, default);

        Assert.True(await open.Store.TryStartAsync(conversation.Id, default));
        Assert.False(await open.Store.TryStartAsync(conversation.Id, default));
        Assert.True(await open.Store.TryAddMemberAsync(conversation.Id, "dl_a", default));
        Assert.False(await open.Store.TryAddMemberAsync(conversation.Id, "dl_a", default));
        Assert.Equal(["dl_a"], await open.Store.GetMembersAsync(conversation.Id, default));
        Assert.False((await open.Store.FindAsync(conversation.Id, default))!.IsPublic);

        await open.Store.MakePublicAsync(conversation.Id, default);

        Assert.True((await open.Store.FindAsync(conversation.Id, default))!.IsPublic);
        var activity = Message("in public");
        await open.Store.AppendAsync(conversation.Id, activity, null, default);
        Assert.True(activity.Conversation?.IsGroup);
    }

    [Fact]
    public async Task A_public_conversation_opened_for_a_user_is_where_that_user_is_found()
    {
        await using var open = await OpenAsync();
        var conversation = await open.Store.CreateAsync(true, Visitor, default);

        Assert.Equal(conversation.Id, await open.Store.FindPublicConversationAsync(Visitor.Id!, default));
        Assert.Null(await open.Store.FindPublicConversationAsync("dl_nobody", default));
        Assert.Null(await open.Store.FindAsync("no-such-conversation", default));
    }

    [Fact]
    public async Task A_stream_gets_what_it_missed_one_frame_each_then_live_activities_in_order()
    {
        await using var open = await OpenAsync();
        var conversation = await open.Store.CreateAsync(false, Visitor, default);
        await open.Store.AppendAsync(conversation.Id, Message("missed 1"), null, default);
        await open.Store.AppendAsync(conversation.Id, Message("missed 2"), null, default);
        var stream = new RecordingStream();

        Assert.Empty(await open.Store.SubscribeAsync(conversation.Id, stream, 0, default));
        await open.Store.AppendAsync(conversation.Id, new Activity { Type = ActivityTypes.Typing }, null, default);
        await open.Store.AppendAsync(conversation.Id, Message("live"), null, default);

        Assert.Equal(("missed 1", 1), await stream.NextAsync());
        Assert.Equal(("missed 2", 2), await stream.NextAsync());
        Assert.Equal((ActivityTypes.Typing, 3), await stream.NextAsync());
        Assert.Equal(("live", 4), await stream.NextAsync());
        await open.Store.UnsubscribeAsync(conversation.Id, stream, default);
    }

    private protected static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    /// <summary>Services built the way the server builds them, with their hosted services running.</summary>
    private protected sealed class OpenStore(ServiceProvider services) : IAsyncDisposable
    {
        public IDirectLineStore Store => services.GetRequiredService<IDirectLineStore>();

        public static async Task<OpenStore> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection, IConfiguration> register)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            var services = new ServiceCollection();
            services.AddLogging();
            register(services, configuration);
            services.AddDirectLineChannel(configuration);
            var provider = services.BuildServiceProvider();
            foreach (var hosted in provider.GetServices<IHostedService>())
            {
                await hosted.StartAsync(CancellationToken.None);
            }

            return new OpenStore(provider);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var hosted in services.GetServices<IHostedService>().Reverse())
            {
                await hosted.StopAsync(CancellationToken.None);
            }

            await services.DisposeAsync();
        }
    }
}
