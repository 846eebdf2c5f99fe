using System.Net;
using CareBot.Care.Delivery;
using CareBot.Care.Email;
using CareBot.Care.Stores;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace CareBot.Care.Tests.Delivery;

/// <summary>
/// The real <see cref="OutboxProcessor"/> and <see cref="OutboxDispatcher"/>, wired as the host wires them, over an
/// outbox on a fake clock, with the email sender and the Connector mocked: sent once, retried on transient failures,
/// dead after the last attempt or at once on a permanent one, and redelivered (same Message-ID) after a crashed claim.
/// </summary>
public sealed class OutboxProcessorTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);
    private const int MaxAttempts = 3;
    private const string ServiceUrl = "http://127.0.0.1:9/";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private readonly Mock<IEmailSender> email = new();
    private readonly Mock<IConnectorClient> connector = new();
    private readonly InMemoryOutboxStore outbox;
    private readonly ServiceProvider provider;
    private readonly OutboxProcessor processor;

    public OutboxProcessorTests()
    {
        outbox = new InMemoryOutboxStore(time);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outbox:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Outbox:BaseDelay"] = "00:00:30",
            ["Outbox:MaxDelay"] = MaxDelay.ToString(),
            ["Outbox:Lease"] = Lease.ToString(),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IOutboxStore>(outbox);
        services.AddSingleton(email.Object);
        services.AddSingleton(connector.Object);
        services.AddSingleton(Mock.Of<IStateStore>());
        services.AddSingleton(Mock.Of<ITurnCommitStore>());
        services.AddSingleton(Mock.Of<ICaseStore>());
        services.AddCareBot(configuration);
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        processor = provider.GetRequiredService<OutboxProcessor>();
        connector
            .Setup(c => c.SendToConversationAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ResourceResponse("sent-1"));
    }

    public void Dispose() => provider.Dispose();

    [Fact]
    public async Task An_email_is_sent_once_and_marked_sent()
    {
        var id = await EnqueueAsync(EmailOutbox.Message(Email("handoff-email/1")));

        Assert.Equal(1, await processor.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await processor.RunOnceAsync(CancellationToken.None));

        email.Verify(e => e.SendAsync(It.Is<EmailMessage>(m => m.IdempotencyKey == "handoff-email/1"), It.IsAny<CancellationToken>()), Times.Once);
        var stored = await outbox.GetAsync(id, CancellationToken.None);
        Assert.Equal(OutboxStatus.Sent, stored!.Status);
        Assert.Equal(1, stored.Attempts);
    }

    [Fact]
    public async Task An_activity_goes_to_its_conversation_once_with_an_id_derived_from_its_key()
    {
        var id = await EnqueueAsync(OutboxPayloads.Message("agent-reply/1", Reference("dm-7"), "Your parcel is on its way"));

        await processor.RunOnceAsync(CancellationToken.None);

        connector.Verify(
            c => c.SendToConversationAsync(
                ServiceUrl, "dm-7",
                It.Is<Activity>(a => a.Text == "Your parcel is on its way" && a.Id == OutboxPayloads.ActivityIdFor("agent-reply/1")),
                It.IsAny<CancellationToken>()),
            Times.Once);
        Assert.Equal(OutboxStatus.Sent, (await outbox.GetAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task A_transient_email_failure_schedules_a_later_attempt_which_succeeds()
    {
        email.SetupSequence(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("SMTP server went away"))
            .Returns(Task.CompletedTask);
        var id = await EnqueueAsync(EmailOutbox.Message(Email("handoff-email/2")));

        await processor.RunOnceAsync(CancellationToken.None);

        var waiting = (await outbox.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.True(waiting.NextAttemptAt > time.GetUtcNow(), $"next attempt {waiting.NextAttemptAt:O} is not after now {time.GetUtcNow():O}");
        Assert.Contains("IOException", waiting.LastError, StringComparison.Ordinal);

        // Not due yet: nothing is claimed.
        Assert.Equal(0, await processor.RunOnceAsync(CancellationToken.None));

        time.SetUtcNow(waiting.NextAttemptAt);
        Assert.Equal(1, await processor.RunOnceAsync(CancellationToken.None));

        email.Verify(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        var sent = (await outbox.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task A_transient_channel_failure_is_retried_later_and_then_delivered(HttpStatusCode status)
    {
        connector.SetupSequence(c => c.SendToConversationAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException($"The channel answered {(int)status}", status, isTransient: true))
            .ReturnsAsync(new ResourceResponse("sent-2"));
        var id = await EnqueueAsync(OutboxPayloads.Message("agent-reply/2", Reference("dm-8"), "Still looking into it"));

        await processor.RunOnceAsync(CancellationToken.None);

        var waiting = (await outbox.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.True(waiting.NextAttemptAt > time.GetUtcNow());

        time.Advance(MaxDelay);
        await processor.RunOnceAsync(CancellationToken.None);

        Assert.Equal(OutboxStatus.Sent, (await outbox.GetAsync(id, CancellationToken.None))!.Status);
        connector.Verify(c => c.SendToConversationAsync(ServiceUrl, "dm-8", It.IsAny<Activity>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_dead_after_the_last_attempt_and_listed_for_admins()
    {
        email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("connection refused"));
        var id = await EnqueueAsync(EmailOutbox.Message(Email("handoff-email/3")));

        for (var pass = 1; pass <= MaxAttempts; pass++)
        {
            Assert.Equal(1, await processor.RunOnceAsync(CancellationToken.None));
            time.Advance(MaxDelay);
        }

        Assert.Equal(0, await processor.RunOnceAsync(CancellationToken.None));
        email.Verify(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(MaxAttempts));
        var dead = Assert.Single(await outbox.ListDeadAsync(10, CancellationToken.None));
        Assert.Equal(id, dead.Id);
        Assert.Equal(MaxAttempts, dead.Attempts);
        Assert.Contains("connection refused", dead.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_address_goes_dead_at_once()
    {
        email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ArgumentException("Email address 'not an address' is not valid."));
        var id = await EnqueueAsync(EmailOutbox.Message(Email("handoff-email/4")));

        await processor.RunOnceAsync(CancellationToken.None);
        time.Advance(MaxDelay);
        await processor.RunOnceAsync(CancellationToken.None);

        email.Verify(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Once);
        var dead = Assert.Single(await outbox.ListDeadAsync(10, CancellationToken.None));
        Assert.Equal(id, dead.Id);
        Assert.Equal(1, dead.Attempts);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task A_channel_refusal_of_an_activity_goes_dead_at_once(HttpStatusCode status)
    {
        connector.Setup(c => c.SendToConversationAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException($"The channel answered {(int)status}", status, isTransient: false));
        var id = await EnqueueAsync(OutboxPayloads.Message("agent-reply/3", Reference("dm-9"), "Hello?"));

        await processor.RunOnceAsync(CancellationToken.None);
        time.Advance(MaxDelay);
        await processor.RunOnceAsync(CancellationToken.None);

        connector.Verify(c => c.SendToConversationAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(OutboxStatus.Dead, (await outbox.GetAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task An_email_sent_by_a_worker_that_crashed_before_marking_it_is_sent_again_after_the_lease_with_the_same_message_id()
    {
        // The first worker sends the email and dies before it can mark it sent (its process stops: the token is cancelled).
        var sent = new List<EmailMessage>();
        using var crash = new CancellationTokenSource();
        email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .Callback<EmailMessage, CancellationToken>((message, _) =>
            {
                sent.Add(message);
                if (sent.Count == 1)
                {
                    crash.Cancel();
                }
            })
            .Returns(Task.CompletedTask);
        var id = await EnqueueAsync(EmailOutbox.Message(Email("handoff-email/5")));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => processor.RunOnceAsync(crash.Token));
        var orphaned = (await outbox.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(OutboxStatus.Sending, orphaned.Status);

        // While the dead worker's lease runs, nobody takes the message over.
        Assert.Equal(0, await processor.RunOnceAsync(CancellationToken.None));
        Assert.Single(sent);

        // After the lease, another worker delivers it again: nothing is lost.
        time.Advance(Lease);
        Assert.Equal(1, await processor.RunOnceAsync(CancellationToken.None));

        Assert.Equal(2, sent.Count);
        Assert.Equal(OutboxStatus.Sent, (await outbox.GetAsync(id, CancellationToken.None))!.Status);
        // The repeat carries the same Message-ID, so the receiver can drop it.
        var from = "CareBot <carebot@example.test>";
        Assert.Equal(MimeMessageBuilder.Build(sent[0], from).MessageId, MimeMessageBuilder.Build(sent[1], from).MessageId);
        Assert.Equal(MimeMessageBuilder.MessageIdFor("handoff-email/5", "example.test"), MimeMessageBuilder.Build(sent[1], from).MessageId);
    }

    [Fact]
    public async Task A_message_claimed_by_a_worker_that_crashed_before_sending_is_delivered_after_the_lease()
    {
        var id = await EnqueueAsync(OutboxPayloads.Message("agent-reply/4", Reference("dm-10"), "We found it"));
        var claimedByTheDeadWorker = Assert.Single(await outbox.ClaimDueAsync(10, Lease, CancellationToken.None));
        Assert.Equal(id, claimedByTheDeadWorker.Id);

        Assert.Equal(0, await processor.RunOnceAsync(CancellationToken.None));
        time.Advance(Lease);
        Assert.Equal(1, await processor.RunOnceAsync(CancellationToken.None));

        connector.Verify(
            c => c.SendToConversationAsync(ServiceUrl, "dm-10", It.Is<Activity>(a => a.Id == OutboxPayloads.ActivityIdFor("agent-reply/4")), It.IsAny<CancellationToken>()),
            Times.Once);
        var stored = (await outbox.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(OutboxStatus.Sent, stored.Status);
        Assert.Equal(2, stored.Attempts);
    }

    private static EmailMessage Email(string key) =>
        new(key, "care-team@example.test", "Care team", "New case C-000001", "A customer needs help.");

    private static ConversationReference Reference(string conversationId) => new()
    {
        ChannelId = "webchat",
        ServiceUrl = ServiceUrl,
        Bot = new ChannelAccount("carebot", "CareBot"),
        User = new ChannelAccount("user-1", "Ana"),
        Conversation = new ConversationAccount(conversationId),
    };

    private async Task<long> EnqueueAsync(NewOutboxMessage message)
    {
        await outbox.EnqueueAsync([message], CancellationToken.None);
        return outbox.IdOf(message.IdempotencyKey);
    }
}
