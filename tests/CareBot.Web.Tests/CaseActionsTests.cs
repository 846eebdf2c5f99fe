using Bunit;
using CareBot.Web.Components.Cases;

namespace CareBot.Web.Tests;

/// <summary>The case page's buttons follow who has the case: Claim while queued, "yours" when it is, take-over for supervisors.</summary>
public sealed class CaseActionsTests : BunitContext
{
    [Fact]
    public void A_queued_case_offers_Claim_to_anyone_who_opens_it()
    {
        var actions = Render<CaseActions>(p => p.Add(a => a.Case, TestCases.Queued(1001)).Add(a => a.User, "ana"));

        Assert.Equal(["Claim", "Wait for customer", "Resolve", "Hand back"], Buttons(actions));
        Assert.Empty(actions.FindAll(".yours"));
    }

    [Fact]
    public void A_case_the_agent_claimed_says_it_is_theirs_and_offers_no_Claim()
    {
        var value = TestCases.Queued(1002);
        value.Claim("ana", TestCases.Opened.AddMinutes(1));

        var actions = Render<CaseActions>(p => p.Add(a => a.Case, value).Add(a => a.User, "ana"));

        Assert.Equal(["Wait for customer", "Resolve", "Hand back"], Buttons(actions));
        Assert.Equal("This case is yours.", actions.Find(".yours").TextContent);
    }

    [Fact]
    public void Another_agents_case_offers_an_agent_neither_Claim_nor_take_over()
    {
        var value = TestCases.Queued(1003);
        value.Claim("ana", TestCases.Opened.AddMinutes(1));

        var actions = Render<CaseActions>(p => p.Add(a => a.Case, value).Add(a => a.User, "ben"));

        Assert.Equal(["Wait for customer", "Resolve", "Hand back"], Buttons(actions));
        Assert.Empty(actions.FindAll(".yours"));
    }

    [Fact]
    public void A_supervisor_may_take_over_another_agents_case_and_the_button_calls_back()
    {
        var value = TestCases.Queued(1004);
        value.Claim("ana", TestCases.Opened.AddMinutes(1));
        var takenOver = 0;

        var actions = Render<CaseActions>(p => p
            .Add(a => a.Case, value)
            .Add(a => a.User, "sue")
            .Add(a => a.IsSupervisor, true)
            .Add(a => a.OnTakeOver, () => takenOver++));
        actions.Find("button:first-child").Click();

        Assert.Equal(["Take over from ana", "Wait for customer", "Resolve", "Hand back"], Buttons(actions));
        Assert.Equal(1, takenOver);
    }

    [Fact]
    public void A_resolved_case_offers_no_Claim_and_no_take_over()
    {
        var value = TestCases.Queued(1005);
        value.Claim("ana", TestCases.Opened.AddMinutes(1));
        value.Resolve(TestCases.Opened.AddMinutes(2));

        var actions = Render<CaseActions>(p => p.Add(a => a.Case, value).Add(a => a.User, "sue").Add(a => a.IsSupervisor, true));

        Assert.DoesNotContain(Buttons(actions), b => b is "Claim" || b.StartsWith("Take over", StringComparison.Ordinal));
    }

    private static string[] Buttons(IRenderedComponent<CaseActions> actions) =>
        [.. actions.FindAll("button").Select(b => b.TextContent.Trim())];
}
