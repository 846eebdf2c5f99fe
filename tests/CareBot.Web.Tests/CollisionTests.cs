using CareBot.Care.Cases;
using CareBot.Web.Console;

namespace CareBot.Web.Tests;

/// <summary>Collision detection: who else is on a case and typing, and a reply written before the customer wrote again.</summary>
public sealed class CollisionTests
{
    [Fact]
    public void Others_on_a_case_are_listed_once_each_with_typing_and_leave_when_their_page_closes()
    {
        var presence = new CasePresence();
        var changes = new List<string>();
        presence.Changed += changes.Add;

        using var ana = presence.Join("C-1", "ana");
        var benFirstTab = presence.Join("C-1", "ben");
        using var benSecondTab = presence.Join("C-1", "ben");
        using var elsewhere = presence.Join("C-2", "otto");
        benSecondTab.SetTyping(true);

        Assert.Equal([new CaseViewer("ben", Typing: true)], presence.OthersOn("C-1", "ana"));
        Assert.Equal([new CaseViewer("ana", Typing: false)], presence.OthersOn("C-1", "ben"));

        benSecondTab.SetTyping(false);
        benFirstTab.Dispose();
        benSecondTab.Dispose();

        Assert.Empty(presence.OthersOn("C-1", "ana"));
        Assert.Equal(["C-1", "C-1", "C-1", "C-2", "C-1", "C-1", "C-1", "C-1"], changes);
    }

    [Fact]
    public async Task A_page_whose_connection_dropped_is_not_viewing_until_it_reconnects()
    {
        var presence = new CasePresence();
        var changes = new List<string>();
        presence.Changed += changes.Add;
        var anaCircuit = new CircuitVisits();
        var handler = new PresenceCircuitHandler(anaCircuit);
        using var ben = presence.Join("C-1", "ben");
        var ana = presence.Join("C-1", "ana");
        anaCircuit.Add(ana);
        changes.Clear();

        // ana closed her tab and the browser sent no goodbye: the page lives on at the server, the connection does not.
        await handler.OnConnectionDownAsync(null!, CancellationToken.None);

        Assert.Empty(presence.OthersOn("C-1", "ben"));
        Assert.Equal(["C-1"], changes);

        await handler.OnConnectionUpAsync(null!, CancellationToken.None);

        Assert.Equal([new CaseViewer("ana", Typing: false)], presence.OthersOn("C-1", "ben"));

        // A page opened while the connection is down (a reconnecting circuit) starts away; one removed is left alone.
        await handler.OnConnectionDownAsync(null!, CancellationToken.None);
        using var anaSecondTab = presence.Join("C-2", "ana");
        anaCircuit.Add(anaSecondTab);
        anaCircuit.Remove(ana);
        ana.Dispose();
        await handler.OnConnectionUpAsync(null!, CancellationToken.None);

        Assert.Empty(presence.OthersOn("C-1", "ben"));
        Assert.Equal([new CaseViewer("ana", Typing: false)], presence.OthersOn("C-2", "ben"));
    }

    [Fact]
    public void A_reply_is_held_only_when_the_customer_wrote_after_the_agent_started_it()
    {
        var value = TestCases.Queued(1001);
        var seen = ReplyGuard.LastCustomerMessageAt(value);

        Assert.False(ReplyGuard.CustomerWroteAgain(value, seen));

        value.RecordCustomerMessage(CaseThread.Private, "Actually, it is the other order", TestCases.Opened.AddMinutes(3));

        Assert.True(ReplyGuard.CustomerWroteAgain(value, seen));
        Assert.False(ReplyGuard.CustomerWroteAgain(value, ReplyGuard.LastCustomerMessageAt(value)));
    }
}
