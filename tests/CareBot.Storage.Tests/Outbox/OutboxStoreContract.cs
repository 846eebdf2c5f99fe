using CareBot.Care.Stores;
using CareBot.Storage.Tests.Infrastructure;
using CareBot.Storage.Tests.Instances;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Storage.Tests.Outbox;

/// <summary>
/// What every <see cref="IOutboxStore"/> does, whatever the engine. Tests in a class share one outbox, so each test
/// first drains what is due and then works only with its own messages (tests in a class run one at a time).
/// </summary>
public abstract class OutboxStoreContract(StorageFixture fixture)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private IOutboxStore Store => fixture.Get<IOutboxStore>();

    private static NewOutboxMessage Email(string? key = null) =>
        new(OutboxKind.Email, key ?? "email/" + Guid.NewGuid().ToString("N"), """{"subject":"Your case"}""");

    [Fact]
    public async Task Enqueued_messages_are_claimed_once_in_order_with_an_attempt_counted()
    {
        await DrainAsync();
        var (first, second) = (Email(), Email());
        await Store.EnqueueAsync([first], CancellationToken.None);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await Store.EnqueueAsync([second, new NewOutboxMessage(OutboxKind.Activity, "activity/" + Guid.NewGuid().ToString("N"), "{}")], CancellationToken.None);

        var claimed = await Store.ClaimDueAsync(2, Lease, CancellationToken.None);
        var nothingLeftButOne = await Store.ClaimDueAsync(10, Lease, CancellationToken.None);

        Assert.Equal([first.IdempotencyKey, second.IdempotencyKey], claimed.Select(m => m.IdempotencyKey));
        Assert.All(claimed, m => Assert.Equal((OutboxStatus.Sending, 1), (m.Status, m.Attempts)));
        Assert.Equal(OutboxKind.Activity, Assert.Single(nothingLeftButOne).Kind);
        Assert.Equal(fixture.Clock.GetUtcNow() + Lease, claimed[0].LeaseUntil);
    }

    [Fact]
    public async Task A_repeated_idempotency_key_is_stored_once()
    {
        await DrainAsync();
        var message = Email();

        await Store.EnqueueAsync([message], CancellationToken.None);
        await Store.EnqueueAsync([message with { PayloadJson = "{\"again\":true}" }], CancellationToken.None);

        var claimed = Assert.Single(await Store.ClaimDueAsync(10, Lease, CancellationToken.None));
        Assert.Equal(message.PayloadJson, claimed.PayloadJson);
    }

    [Fact]
    public async Task A_sent_message_is_never_claimed_again()
    {
        await DrainAsync();
        await Store.EnqueueAsync([Email()], CancellationToken.None);
        var claimed = Assert.Single(await Store.ClaimDueAsync(10, Lease, CancellationToken.None));

        Assert.True(await Store.MarkSentAsync(claimed.Id, CancellationToken.None));
        fixture.Clock.Advance(Lease * 2);

        Assert.Empty(await Store.ClaimDueAsync(10, Lease, CancellationToken.None));
        Assert.Equal(OutboxStatus.Sent, (await Store.GetAsync(claimed.Id, CancellationToken.None))!.Status);
        Assert.False(await Store.MarkSentAsync(claimed.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_claim_whose_lease_expired_is_claimable_again_but_not_before()
    {
        await DrainAsync();
        await Store.EnqueueAsync([Email()], CancellationToken.None);
        var crashed = Assert.Single(await Store.ClaimDueAsync(10, Lease, CancellationToken.None));

        fixture.Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Empty(await Store.ClaimDueAsync(10, Lease, CancellationToken.None));
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var taken = Assert.Single(await Store.ClaimDueAsync(10, Lease, CancellationToken.None));

        Assert.Equal(crashed.Id, taken.Id);
        Assert.Equal(2, taken.Attempts);
    }

    [Fact]
    public async Task A_message_leased_by_a_killed_process_on_this_machine_is_claimable_at_once()
    {
        await DrainAsync();
        await Store.EnqueueAsync([Email()], CancellationToken.None);
        OutboxMessage crashed;
        await using (var killed = fixture.OpenAs(ServerInstances.Killed()))
        {
            crashed = Assert.Single(await killed.GetRequiredService<IOutboxStore>().ClaimDueAsync(10, Lease, CancellationToken.None));
        }

        await using var restarted = fixture.Reopen();
        var taken = Assert.Single(await restarted.GetRequiredService<IOutboxStore>().ClaimDueAsync(10, Lease, CancellationToken.None));

        Assert.Equal(crashed.Id, taken.Id);
        Assert.Empty(await Store.ClaimDueAsync(10, Lease, CancellationToken.None));
    }

    [Fact]
    public async Task A_retry_waits_until_its_time_and_keeps_the_error()
    {
        await DrainAsync();
        await Store.EnqueueAsync([Email()], CancellationToken.None);
        var claimed = Assert.Single(await Store.ClaimDueAsync(10, Lease, CancellationToken.None));

        Assert.True(await Store.ScheduleRetryAsync(claimed.Id, fixture.Clock.GetUtcNow().AddMinutes(5), "421 try later", CancellationToken.None));

        Assert.Empty(await Store.ClaimDueAsync(10, Lease, CancellationToken.None));
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = Assert.Single(await Store.ClaimDueAsync(10, Lease, CancellationToken.None));
        Assert.Equal((claimed.Id, 2, "421 try later"), (again.Id, again.Attempts, again.LastError));
    }

    [Fact]
    public async Task A_dead_letter_is_listed_for_admins_and_never_claimed()
    {
        await DrainAsync();
        await Store.EnqueueAsync([Email()], CancellationToken.None);
        var claimed = Assert.Single(await Store.ClaimDueAsync(10, Lease, CancellationToken.None));

        Assert.True(await Store.MarkDeadAsync(claimed.Id, "550 mailbox unavailable", CancellationToken.None));
        fixture.Clock.Advance(TimeSpan.FromDays(1));

        Assert.Empty(await Store.ClaimDueAsync(10, Lease, CancellationToken.None));
        var dead = await Store.ListDeadAsync(100, CancellationToken.None);
        var letter = Assert.Single(dead, m => m.Id == claimed.Id);
        Assert.Equal((OutboxStatus.Dead, "550 mailbox unavailable"), (letter.Status, letter.LastError));
    }

    [Fact]
    public async Task The_backlog_counts_messages_waiting_or_being_sent_but_not_sent_or_dead_ones()
    {
        await DrainAsync();
        Assert.Equal(0, await Store.CountPendingAsync(CancellationToken.None));
        await Store.EnqueueAsync([Email(), Email(), Email()], CancellationToken.None);
        var claimed = await Store.ClaimDueAsync(2, Lease, CancellationToken.None);

        Assert.Equal(3, await Store.CountPendingAsync(CancellationToken.None));
        Assert.True(await Store.MarkSentAsync(claimed[0].Id, CancellationToken.None));
        Assert.True(await Store.MarkDeadAsync(claimed[1].Id, "550 mailbox unavailable", CancellationToken.None));
        Assert.Equal(1, await Store.CountPendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_workers_never_claim_the_same_message()
    {
        await DrainAsync();
        await Store.EnqueueAsync([.. Enumerable.Range(0, 20).Select(_ => Email())], CancellationToken.None);

        var batches = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Store.ClaimDueAsync(7, Lease, CancellationToken.None))));

        var ids = batches.SelectMany(b => b).Select(m => m.Id).ToList();
        Assert.Equal(20, ids.Count);
        Assert.Equal(20, ids.Distinct().Count());
    }

    // Moves past every earlier lease and marks whatever is due as sent, so a test sees only its own messages.
    private async Task DrainAsync()
    {
        fixture.Clock.Advance(TimeSpan.FromDays(2));
        while (await Store.ClaimDueAsync(100, Lease, CancellationToken.None) is { Count: > 0 } due)
        {
            foreach (var message in due)
            {
                await Store.MarkSentAsync(message.Id, CancellationToken.None);
            }
        }
    }
}
