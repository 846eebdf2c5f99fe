using CareBot.Care.Incidents;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Options;
using Moq;

namespace CareBot.Care.Tests.Incidents;

/// <summary>When similar public complaints make a spike: volume against the baseline, negative share, grouping, cool-down.</summary>
public sealed class IncidentDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);

    private static IncidentDetector Detector(Action<IncidentOptions>? configure = null) => Detector(new InMemoryIncidentObservationStore(), configure);

    private static IncidentDetector Detector(IIncidentObservationStore store, Action<IncidentOptions>? configure = null)
    {
        var settings = new IncidentOptions { MinimumPosts = 5, Window = TimeSpan.FromMinutes(10), BaselineWindows = 6, Sensitivity = 3, CoolDown = TimeSpan.FromMinutes(30) };
        configure?.Invoke(settings);
        var options = new Mock<IOptionsMonitor<IncidentOptions>>();
        options.Setup(o => o.CurrentValue).Returns(settings);
        return new IncidentDetector(store, options.Object);
    }

    private static ObservedComplaint Post(string text, int customer, DateTimeOffset at, bool negative = true) => new(
        KeyWords.Of(text),
        negative,
        new IncidentMember("facebook", "wall-" + customer, "user-" + customer, new ConversationReference(), at),
        text);

    private static async Task<IReadOnlyList<ObservedComplaint>?> FeedAsync(IncidentDetector detector, string text, int customers, DateTimeOffset start, int firstCustomer = 1, bool negative = true)
    {
        IReadOnlyList<ObservedComplaint>? spike = null;
        for (var i = 0; i < customers; i++)
        {
            spike ??= await detector.ObserveAsync(Post(text, firstCustomer + i, start.AddSeconds(i * 10), negative), CancellationToken.None);
        }

        return spike;
    }

    [Fact]
    public async Task Five_similar_complaints_from_different_customers_in_the_window_make_a_spike_on_their_shared_words()
    {
        var spike = await FeedAsync(Detector(), "Checkout crashed and my payment failed", 5, T0);

        Assert.NotNull(spike);
        Assert.Equal(5, spike.Count);
        Assert.Contains("checkout", IncidentDetector.TopicOf(spike, 2));
        Assert.Contains("payment", IncidentDetector.TopicOf(spike, 2));
    }

    [Fact]
    public async Task The_same_customer_posting_five_times_is_not_a_spike()
    {
        var detector = Detector();
        IReadOnlyList<ObservedComplaint>? spike = null;
        for (var i = 0; i < 5; i++)
        {
            spike ??= await detector.ObserveAsync(Post("Checkout crashed and my payment failed", 1, T0.AddSeconds(i)), CancellationToken.None);
        }

        Assert.Null(spike);
    }

    [Fact]
    public async Task Unrelated_complaints_are_not_grouped()
    {
        var detector = Detector();
        string[] texts = ["Checkout crashed today", "Parcel arrived damaged", "Refund never came back", "Courier was rude", "Wrong size delivered"];

        var spikes = new List<IReadOnlyList<ObservedComplaint>?>();
        foreach (var (text, i) in texts.Select((text, i) => (text, i)))
        {
            spikes.Add(await detector.ObserveAsync(Post(text, i, T0.AddSeconds(i)), CancellationToken.None));
        }


        Assert.All(spikes, Assert.Null);
    }

    [Fact]
    public async Task Mostly_positive_posts_are_not_an_incident()
    {
        Assert.Null(await FeedAsync(Detector(), "Checkout redesign and payment options look great", 5, T0, negative: false));
    }

    [Fact]
    public async Task A_topic_that_is_always_this_busy_needs_more_than_its_baseline_to_spike()
    {
        var detector = Detector(o => (o.MinimumPosts, o.Sensitivity) = (3, 5));
        // One post per window for the hour before (never three in one window): with sensitivity 5 the current window
        // needs about five times that average.
        for (var window = 6; window >= 1; window--)
        {
            Assert.Null(await detector.ObserveAsync(Post("Checkout slow payment page", window * 100, T0.AddMinutes(-10 * window + 1)), CancellationToken.None));
        }

        var usualBusy = await FeedAsync(detector, "Checkout slow payment page", 3, T0, firstCustomer: 1000);
        var spike = await FeedAsync(detector, "Checkout slow payment page", 2, T0.AddMinutes(1), firstCustomer: 2000);

        Assert.Null(usualBusy);
        Assert.NotNull(spike);
    }

    [Fact]
    public async Task After_a_spike_the_topic_cools_down_before_another_incident_opens_on_it()
    {
        var detector = Detector();
        Assert.NotNull(await FeedAsync(detector, "Checkout crashed and my payment failed", 5, T0));

        var during = await FeedAsync(detector, "Checkout crashed and my payment failed", 5, T0.AddMinutes(5), firstCustomer: 100);
        var after = await FeedAsync(detector, "Checkout crashed and my payment failed", 5, T0.AddMinutes(45), firstCustomer: 200);

        Assert.Null(during);
        Assert.NotNull(after);
    }

    [Fact]
    public async Task Complaints_arriving_at_two_instances_that_share_the_window_count_together()
    {
        var shared = new InMemoryIncidentObservationStore();
        var first = Detector(shared);
        var second = Detector(shared);
        var spikes = new List<IReadOnlyList<ObservedComplaint>?>();

        for (var customer = 1; customer <= 5; customer++)
        {
            var at = customer % 2 == 1 ? first : second;
            spikes.Add(await at.ObserveAsync(Post("Checkout crashed and my payment failed", customer, T0.AddSeconds(customer)), CancellationToken.None));
        }

        Assert.All(spikes.Take(4), Assert.Null);
        Assert.Equal(5, spikes[4]!.Count);
        Assert.Equal(0, shared.Stored); // the group was claimed: it cannot open a second incident
    }

    [Fact]
    public async Task A_spike_another_instance_claimed_first_opens_nothing_here()
    {
        var posts = Enumerable.Range(1, 5).Select(c => new RecordedComplaint(c, Post("Checkout crashed and my payment failed", c, T0.AddSeconds(c)))).ToList();
        var store = new Mock<IIncidentObservationStore>();
        store.Setup(s => s.RecordAsync(It.IsAny<ObservedComplaint>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new IncidentWindow(posts, []));
        store.Setup(s => s.ClaimAsync(It.IsAny<IReadOnlyList<long>>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(false);

        var spike = await Detector(store.Object).ObserveAsync(posts[^1].Post, CancellationToken.None);

        Assert.Null(spike);
        store.Verify(s => s.ClaimAsync(new long[] { 1, 2, 3, 4, 5 }, It.IsAny<IReadOnlyList<string>>(), T0.AddSeconds(5).AddMinutes(30), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task Posts_older_than_the_baseline_period_are_forgotten_and_do_not_raise_the_baseline()
    {
        var store = new InMemoryIncidentObservationStore();
        var detector = Detector(store, o => (o.MinimumPosts, o.Sensitivity) = (3, 5));
        // Ten similar posts two hours ago: outside the window and its six baseline windows.
        await FeedAsync(detector, "Checkout slow payment page", 10, T0.AddHours(-2), firstCustomer: 500, negative: false);

        var spike = await FeedAsync(detector, "Checkout slow payment page", 3, T0, firstCustomer: 1);

        Assert.NotNull(spike);
        Assert.Equal(3, spike.Count);
    }

    [Fact]
    public async Task A_resolved_incident_cools_its_topic_down_for_every_instance()
    {
        var shared = new InMemoryIncidentObservationStore();
        await Detector(shared).CoolDownAsync(["checkout", "payment"], T0, CancellationToken.None);

        var during = await FeedAsync(Detector(shared), "Checkout crashed and my payment failed", 5, T0.AddMinutes(10));
        var after = await FeedAsync(Detector(shared), "Checkout crashed and my payment failed", 5, T0.AddMinutes(31), firstCustomer: 100);

        Assert.Null(during);
        Assert.NotNull(after);
    }

    [Fact]
    public async Task A_post_with_too_few_key_words_to_match_anything_is_not_stored()
    {
        var store = new InMemoryIncidentObservationStore();

        await Detector(store).ObserveAsync(Post("Terrible!!", 1, T0), CancellationToken.None);

        Assert.Equal(0, store.Stored);
    }
}
