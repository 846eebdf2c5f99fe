using CareBot.Care.Agents;
using CareBot.Web.Console;
using Microsoft.Extensions.Time.Testing;

namespace CareBot.Web.Tests;

/// <summary>Presence shared through a relay: other instances' viewers show, leave when told and expire when silent.</summary>
public sealed class PresenceRelayTests
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(5);

    [Fact]
    public void Another_instances_viewers_show_until_it_says_they_left_or_stops_renewing_them()
    {
        var relay = new RecordingRelay();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var presence = new CasePresence(relay, time, Renewal);

        relay.Deliver("""{"instance":"other","caseId":"C-1","viewers":[{"user":"ben","typing":true}]}""");
        Assert.Equal([new CaseViewer("ben", Typing: true)], presence.OthersOn("C-1", "ana"));
        Assert.Empty(presence.OthersOn("C-2", "ana"));

        relay.Deliver("""{"instance":"other","caseId":"C-1","viewers":[]}""");
        Assert.Empty(presence.OthersOn("C-1", "ana"));

        relay.Deliver("""{"instance":"other","caseId":"C-1","viewers":[{"user":"ben","typing":false}]}""");
        time.Advance(3 * Renewal);
        Assert.Empty(presence.OthersOn("C-1", "ana"));
    }

    [Fact]
    public void Own_announcements_coming_back_and_foreign_messages_are_ignored()
    {
        var relay = new RecordingRelay();
        var presence = new CasePresence(relay, TimeProvider.System, Renewal);

        relay.Deliver($$"""{"instance":"{{presence.Instance}}","caseId":"C-1","viewers":[{"user":"ben","typing":false}]}""");
        relay.Deliver("not json");

        Assert.Empty(presence.OthersOn("C-1", "ana"));
    }

    private sealed class RecordingRelay : IAgentPresenceRelay
    {
        private Action<string>? receiver;

        public void Receive(Action<string> receiver) => this.receiver = receiver;

        public Task SendAsync(string message, CancellationToken cancellationToken) => Task.CompletedTask;

        public void Deliver(string message) => receiver!(message);
    }
}
