using CareBot.Care.Conversations;
using CareBot.Care.Stores;

namespace CareBot.Care.Tests.Conversations;

public sealed class RecentStatesTests
{
    private static readonly Utf8Json Stored = Utf8Json.FromText("""{"openCaseId":"C-7"}""");

    [Fact]
    public void A_kept_state_is_returned_only_for_its_own_etag()
    {
        var recent = new RecentStates();
        var kept = new CareConversationState { OpenCaseId = "C-1" };
        recent.Remember(new StateRecord("k", Stored, "e1"), kept);

        Assert.Same(kept, recent.Read(new StateRecord("k", Stored, "e1")));
        Assert.Equal("C-7", recent.Read(new StateRecord("k", Stored, "e2")).OpenCaseId);
    }

    [Fact]
    public void The_newest_commit_replaces_the_kept_state()
    {
        var recent = new RecentStates();
        recent.Remember(new StateRecord("k", Stored, "e1"), new CareConversationState { OpenCaseId = "C-1" });
        var newer = new CareConversationState { OpenCaseId = "C-2" };
        recent.Remember(new StateRecord("k", Stored, "e2"), newer);

        Assert.Same(newer, recent.Read(new StateRecord("k", Stored, "e2")));
        Assert.Equal("C-7", recent.Read(new StateRecord("k", Stored, "e1")).OpenCaseId);
    }

    [Fact]
    public void It_keeps_at_most_its_capacity_dropping_the_oldest_first()
    {
        var recent = new RecentStates(capacity: 2);
        var states = Enumerable.Range(0, 3).Select(i => new CareConversationState { OpenCaseId = "C-" + i }).ToArray();
        for (var i = 0; i < 3; i++)
        {
            recent.Remember(new StateRecord("k" + i, Stored, "e"), states[i]);
        }

        Assert.Equal("C-7", recent.Read(new StateRecord("k0", Stored, "e")).OpenCaseId);
        Assert.Same(states[1], recent.Read(new StateRecord("k1", Stored, "e")));
        Assert.Same(states[2], recent.Read(new StateRecord("k2", Stored, "e")));
    }
}
