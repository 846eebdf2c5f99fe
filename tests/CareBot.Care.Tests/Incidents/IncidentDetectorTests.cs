using CareBot.Care.Incidents;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Options;
using Moq;

namespace CareBot.Care.Tests.Incidents;

/// <summary>When similar public complaints make a spike: volume against the baseline, negative share, grouping, cool-down.</summary>
public sealed class IncidentDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);

    private static IncidentDetector Detector(Action<IncidentOptions>? configure = null)
    {
        var settings = new IncidentOptions { MinimumPosts = 5, Window = TimeSpan.FromMinutes(10), BaselineWindows = 6, Sensitivity = 3, CoolDown = TimeSpan.FromMinutes(30) };
        configure?.Invoke(settings);
        var options = new Mock<IOptionsMonitor<IncidentOptions>>();
        options.Setup(o => o.CurrentValue).Returns(settings);
        return new IncidentDetector(options.Object);
    }

    private static ObservedComplaint Post(string text, int customer, DateTimeOffset at, bool negative = true) => new(
        KeyWords.Of(text),
        negative,
        new IncidentMember("facebook", "wall-" + customer, "user-" + customer, new ConversationReference(), at),
        text);

    private static IReadOnlyList<ObservedComplaint>? Feed(IncidentDetector detector, string text, int customers, DateTimeOffset start, int firstCustomer = 1, bool negative = true)
    {
        IReadOnlyList<ObservedComplaint>? spike = null;
        for (var i = 0; i < customers; i++)
        {
            spike ??= detector.Observe(Post(text, firstCustomer + i, start.AddSeconds(i * 10), negative));
        }

        return spike;
    }

    [Fact]
    public void Five_similar_complaints_from_different_customers_in_the_window_make_a_spike_on_their_shared_words()
    {
        var spike = Feed(Detector(), "Checkout crashed and my payment failed", 5, T0);

        Assert.NotNull(spike);
        Assert.Equal(5, spike.Count);
        Assert.Contains("checkout", IncidentDetector.TopicOf(spike, 2));
        Assert.Contains("payment", IncidentDetector.TopicOf(spike, 2));
    }

    [Fact]
    public void The_same_customer_posting_five_times_is_not_a_spike()
    {
        var detector = Detector();
        IReadOnlyList<ObservedComplaint>? spike = null;
        for (var i = 0; i < 5; i++)
        {
            spike ??= detector.Observe(Post("Checkout crashed and my payment failed", 1, T0.AddSeconds(i)));
        }

        Assert.Null(spike);
    }

    [Fact]
    public void Unrelated_complaints_are_not_grouped()
    {
        var detector = Detector();
        string[] texts = ["Checkout crashed today", "Parcel arrived damaged", "Refund never came back", "Courier was rude", "Wrong size delivered"];

        var spikes = texts.Select((text, i) => detector.Observe(Post(text, i, T0.AddSeconds(i)))).ToList();

        Assert.All(spikes, Assert.Null);
    }

    [Fact]
    public void Mostly_positive_posts_are_not_an_incident()
    {
        Assert.Null(Feed(Detector(), "Checkout redesign and payment options look great", 5, T0, negative: false));
    }

    [Fact]
    public void A_topic_that_is_always_this_busy_needs_more_than_its_baseline_to_spike()
    {
        var detector = Detector(o => (o.MinimumPosts, o.Sensitivity) = (3, 5));
        // One post per window for the hour before (never three in one window): with sensitivity 5 the current window
        // needs about five times that average.
        for (var window = 6; window >= 1; window--)
        {
            Assert.Null(detector.Observe(Post("Checkout slow payment page", window * 100, T0.AddMinutes(-10 * window + 1))));
        }

        var usualBusy = Feed(detector, "Checkout slow payment page", 3, T0, firstCustomer: 1000);
        var spike = Feed(detector, "Checkout slow payment page", 2, T0.AddMinutes(1), firstCustomer: 2000);

        Assert.Null(usualBusy);
        Assert.NotNull(spike);
    }

    [Fact]
    public void After_a_spike_the_topic_cools_down_before_another_incident_opens_on_it()
    {
        var detector = Detector();
        Assert.NotNull(Feed(detector, "Checkout crashed and my payment failed", 5, T0));

        var during = Feed(detector, "Checkout crashed and my payment failed", 5, T0.AddMinutes(5), firstCustomer: 100);
        var after = Feed(detector, "Checkout crashed and my payment failed", 5, T0.AddMinutes(45), firstCustomer: 200);

        Assert.Null(during);
        Assert.NotNull(after);
    }
}
