using CareBot.Care.Stores;
using CareBot.Meta.Delivery;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CareBot.Meta.Tests.Delivery;

/// <summary>The Meta channel's bookkeeping is forgotten once it can no longer be used, and only that.</summary>
public sealed class MetaLedgerSweeperTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Comments_and_private_replies_go_a_day_after_metas_window_and_contacts_after_their_retention()
    {
        var states = new RecordingStates();
        var options = new MetaOptions { AppSecret = "s", PrivateReplyWindow = TimeSpan.FromDays(7), ContactRetention = TimeSpan.FromDays(30) };
        var sweeper = new MetaLedgerSweeper(new MetaLedger(states), Options.Create(options), new FakeTimeProvider(Now), NullLogger<MetaLedgerSweeper>.Instance);

        await sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(3, states.Deletes.Count);
        AssertForgets(states, MetaLedger.CommentKey("17900001"), Now.AddDays(-8));
        AssertForgets(states, MetaLedger.PrivateReplyKey("17900001"), Now.AddDays(-8));
        AssertForgets(states, MetaLedger.ContactKey("111", "psid-1"), Now.AddDays(-30));
    }

    [Fact]
    public async Task A_failing_store_is_logged_and_the_sweeper_carries_on()
    {
        var states = new RecordingStates { Fail = true };
        var sweeper = new MetaLedgerSweeper(new MetaLedger(states), Options.Create(new MetaOptions { AppSecret = "s" }), new FakeTimeProvider(Now), NullLogger<MetaLedgerSweeper>.Instance);

        await sweeper.SweepAsync(CancellationToken.None); // does not throw
    }

    // Exactly one sweep's prefix covers a key the ledger writes, with that kind's cut-off.
    private static void AssertForgets(RecordingStates states, string key, DateTimeOffset before) =>
        Assert.Equal(before, Assert.Single(states.Deletes, d => key.StartsWith(d.Prefix, StringComparison.Ordinal)).Before);

    private sealed class RecordingStates : IStateStore
    {
        public List<(string Prefix, DateTimeOffset Before)> Deletes { get; } = [];

        public bool Fail { get; init; }

        public Task<int> DeleteWrittenBeforeAsync(string keyPrefix, DateTimeOffset before, CancellationToken cancellationToken)
        {
            if (Fail)
            {
                throw new InvalidOperationException("the database is down");
            }

            Deletes.Add((keyPrefix, before));
            return Task.FromResult(0);
        }

        public Task<IReadOnlyDictionary<string, StateRecord>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<StateRecord>> WriteAsync(IReadOnlyCollection<StateWrite> writes, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task DeleteAsync(string key, string? expectedETag, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
