using System.Text.Json;
using CareBot.Care.Delivery;
using CareBot.Care.Stores;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace CareBot.Care.Tests.Delivery;

/// <summary>
/// Opening a 1:1 conversation is not idempotent on every channel: when the move to a private chat fails after the
/// channel opened the conversation (here: the private greeting can't run), the redelivery reuses that conversation
/// instead of opening a second one.
/// </summary>
public sealed class TakeOfflineRedeliveryTests : IDisposable
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private readonly Mock<IConnectorClient> connector = new();
    private readonly Dictionary<string, StateRecord> state = new(StringComparer.Ordinal);
    private readonly InMemoryOutboxStore outbox;
    private readonly ServiceProvider provider;

    public TakeOfflineRedeliveryTests()
    {
        outbox = new InMemoryOutboxStore(time);
        var states = new Mock<IStateStore>();
        states.Setup(s => s.ReadAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> keys, CancellationToken _) =>
                keys.Where(state.ContainsKey).ToDictionary(k => k, k => state[k]));
        states.Setup(s => s.WriteAsync(It.IsAny<IReadOnlyCollection<StateWrite>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<StateWrite> writes, CancellationToken _) =>
                writes.Select(w => state[w.Key] = new StateRecord(w.Key, w.Utf8Json.Text, Guid.NewGuid().ToString("N"))).ToList());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Outbox:BaseDelay"] = "00:00:01" }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IOutboxStore>(outbox);
        services.AddSingleton(states.Object);
        services.AddSingleton(connector.Object);
        services.AddSingleton(Mock.Of<CareBot.Care.Email.IEmailSender>());
        services.AddSingleton(Mock.Of<ITurnCommitStore>());
        services.AddSingleton(Mock.Of<ICaseStore>());
        services.AddCareBot(configuration); // no dialog scripts are loaded: every private greeting turn fails
        provider = services.BuildServiceProvider();
        connector
            .Setup(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new ConversationResourceResponse { Id = "dm-" + Guid.NewGuid().ToString("N") });
    }

    public void Dispose() => provider.Dispose();

    [Fact]
    public async Task A_failed_move_is_retried_in_the_conversation_already_opened()
    {
        var processor = provider.GetRequiredService<OutboxProcessor>();
        await outbox.EnqueueAsync([OutboxPayloads.TakeOffline("take-offline/conversation/webchat/wall#1", Move())], CancellationToken.None);

        await processor.RunOnceAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(5));
        await processor.RunOnceAsync(CancellationToken.None);

        connector.Verify(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()), Times.Once);
        var opened = JsonSerializer.Deserialize<string>(state["opened/take-offline/conversation/webchat/wall#1"].Utf8Json.Text);
        Assert.StartsWith("dm-", opened, StringComparison.Ordinal);
        Assert.Empty(await outbox.ListDeadAsync(10, CancellationToken.None)); // not given up: it keeps its retries
    }

    private static TakeOfflineDelivery Move() => new(
        new ConversationReference
        {
            ChannelId = "webchat",
            ServiceUrl = "http://127.0.0.1:9/",
            Bot = new ChannelAccount("carebot", "CareBot"),
            User = new ChannelAccount("user-1", "Ana"),
            Conversation = new ConversationAccount("wall", isGroup: true),
        },
        new DialogState { ScriptId = "care", Versions = new Dictionary<string, string> { ["care"] = "missing" } },
        "Ana",
        [],
        []);
}
