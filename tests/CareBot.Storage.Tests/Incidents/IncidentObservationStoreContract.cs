using CareBot.Care.Incidents;
using CareBot.Protocol.Schema;
using CareBot.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Storage.Tests.Incidents;

/// <summary>
/// What every <see cref="IIncidentObservationStore"/> does, whatever the engine: the detector's window of recent
/// complaints and cool-downs is one table that several instances (service providers on one database) share.
/// </summary>
public abstract class IncidentObservationStoreContract(StorageFixture fixture)
{
    private IIncidentObservationStore Store => fixture.Get<IIncidentObservationStore>();

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    /// <summary>Key words no other test uses (tests in a class share the database).</summary>
    private static string[] Topic() => ["topic" + Guid.NewGuid().ToString("N")[..8], "crash" + Guid.NewGuid().ToString("N")[..8]];

    private static ObservedComplaint Post(IReadOnlyList<string> words, int customer, DateTimeOffset at) => new(
        words,
        true,
        new IncidentMember("facebook", "wall-" + customer, "user-" + customer, new ConversationReference { ChannelId = "facebook", Conversation = new ConversationAccount("wall-" + customer) }, at),
        "complaint " + customer);

    [Fact]
    public async Task A_recorded_complaint_comes_back_with_the_earlier_ones_sharing_a_key_word_newest_first_and_intact()
    {
        var topic = Topic();
        await Store.RecordAsync(Post(topic, 1, Now), Now.AddHours(-1), CancellationToken.None);
        await Store.RecordAsync(Post(Topic(), 2, Now), Now.AddHours(-1), CancellationToken.None);

        var window = await Store.RecordAsync(Post([topic[1], "other"], 3, Now.AddSeconds(1)), Now.AddHours(-1), CancellationToken.None);

        Assert.Equal(["user-3", "user-1"], window.Similar.Select(c => c.Post.Member.UserId));
        var first = window.Similar[1].Post;
        Assert.Equal(topic, first.Words);
        Assert.True(first.Negative);
        Assert.Equal("wall-1", first.Member.Reference.Conversation?.Id);
        Assert.Equal("complaint 1", first.Text);
        Assert.Equal(Now, first.Member.At);
    }

    [Fact]
    public async Task Complaints_older_than_the_horizon_are_deleted_not_just_left_out()
    {
        var topic = Topic();
        await Store.RecordAsync(Post(topic, 1, Now.AddHours(-2)), Now.AddHours(-3), CancellationToken.None);

        var later = await Store.RecordAsync(Post(topic, 2, Now), Now.AddHours(-1), CancellationToken.None);
        var widerAgain = await Store.RecordAsync(Post(topic, 3, Now), Now.AddHours(-3), CancellationToken.None);

        Assert.Equal(["user-2"], later.Similar.Select(c => c.Post.Member.UserId));
        Assert.Equal(["user-3", "user-2"], widerAgain.Similar.Select(c => c.Post.Member.UserId));
    }

    [Fact]
    public async Task Complaints_recorded_on_two_instances_are_one_window_and_only_one_instance_claims_an_overlapping_group()
    {
        await using var other = fixture.Reopen();
        var otherStore = other.GetRequiredService<IIncidentObservationStore>();
        var topic = Topic();
        await Store.RecordAsync(Post(topic, 1, Now), Now.AddHours(-1), CancellationToken.None);
        await otherStore.RecordAsync(Post(topic, 2, Now), Now.AddHours(-1), CancellationToken.None);
        var here = await Store.RecordAsync(Post(topic, 3, Now), Now.AddHours(-1), CancellationToken.None);
        var there = await otherStore.RecordAsync(Post(topic, 4, Now), Now.AddHours(-1), CancellationToken.None);
        Assert.Equal(3, here.Similar.Count);
        Assert.Equal(4, there.Similar.Count);

        // Both instances crossed the threshold at once and claim at the same moment: exactly one wins.
        var claims = await Task.WhenAll(
            Store.ClaimAsync([.. here.Similar.Select(c => c.Id)], topic, Now.AddMinutes(30), CancellationToken.None),
            otherStore.ClaimAsync([.. there.Similar.Select(c => c.Id)], topic, Now.AddMinutes(30), CancellationToken.None));

        Assert.Single(claims, won => won);
        var afterwards = await Store.RecordAsync(Post(topic, 5, Now), Now.AddHours(-1), CancellationToken.None);
        Assert.Single(afterwards.CoolingTopics, t => t.SequenceEqual(topic));
        Assert.True(afterwards.Similar.Count <= 2, "the claimed group's complaints are gone");
    }

    [Fact]
    public async Task A_claim_of_a_group_partly_claimed_before_changes_nothing()
    {
        var topic = Topic();
        var first = await Store.RecordAsync(Post(topic, 1, Now), Now.AddHours(-1), CancellationToken.None);
        var second = await Store.RecordAsync(Post(topic, 2, Now), Now.AddHours(-1), CancellationToken.None);
        Assert.True(await Store.ClaimAsync([first.Similar[0].Id], topic, Now.AddMinutes(30), CancellationToken.None));

        var stale = await Store.ClaimAsync([.. second.Similar.Select(c => c.Id)], ["stale" + topic[0]], Now.AddMinutes(30), CancellationToken.None);

        Assert.False(stale);
        var window = await Store.RecordAsync(Post(topic, 3, Now), Now.AddHours(-1), CancellationToken.None);
        Assert.Equal(["user-3", "user-2"], window.Similar.Select(c => c.Post.Member.UserId));
        Assert.DoesNotContain(window.CoolingTopics, t => t.Contains("stale" + topic[0]));
    }

    [Fact]
    public async Task A_cool_down_is_seen_by_every_instance_until_it_ends()
    {
        await using var other = fixture.Reopen();
        var topic = Topic();
        await Store.CoolDownAsync(topic, Now.AddMinutes(30), CancellationToken.None);

        var during = await other.GetRequiredService<IIncidentObservationStore>().RecordAsync(Post(topic, 1, Now.AddMinutes(29)), Now.AddHours(-1), CancellationToken.None);
        var after = await Store.RecordAsync(Post(topic, 2, Now.AddMinutes(30)), Now.AddHours(-1), CancellationToken.None);

        Assert.Contains(during.CoolingTopics, t => t.SequenceEqual(topic));
        Assert.DoesNotContain(after.CoolingTopics, t => t.SequenceEqual(topic));
    }
}
