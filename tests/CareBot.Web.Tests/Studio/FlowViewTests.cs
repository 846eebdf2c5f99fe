using Bunit;
using CareBot.Web.Components.Studio;
using CareBot.Web.Studio;

namespace CareBot.Web.Tests.Studio;

/// <summary>The flow view component: a button per node named after it, problems in words, a click gives the node's line.</summary>
public sealed class FlowViewTests : BunitContext
{
    private static readonly DialogFlow Flow = new(
        [
            new FlowNode("greet", "say", 4, 0, Reachable: true, DeadEnd: false),
            new FlowNode("stuck", "listen", 9, 1, Reachable: true, DeadEnd: true),
            new FlowNode("orphan", "say", 12, 2, Reachable: false, DeadEnd: false),
        ],
        [new FlowRoute("greet", "stuck", "next", true), new FlowRoute("greet", "gone", "goto", false)]);

    [Fact]
    public void Each_node_is_a_button_named_after_its_id_and_problems_are_written_out()
    {
        var view = Render<FlowView>(p => p.Add(v => v.Flow, Flow));

        Assert.Equal(["greet", "stuck", "orphan"], view.FindAll(".flow-node button").Select(b => b.TextContent));
        Assert.Contains("unreachable", view.Find("[data-node=orphan]").TextContent, StringComparison.Ordinal);
        Assert.Contains("dead end", view.Find("[data-node=stuck]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("dead end", view.Find("[data-node=greet]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Routes_to_existing_nodes_are_drawn_as_arrows()
    {
        var view = Render<FlowView>(p => p.Add(v => v.Flow, Flow));

        var route = Assert.Single(view.FindAll("line.flow-route"));
        Assert.Equal("greet", route.GetAttribute("data-from"));
        Assert.Equal("stuck", route.GetAttribute("data-to"));
    }

    [Fact]
    public void A_click_on_a_node_raises_its_line()
    {
        int? line = null;
        var view = Render<FlowView>(p => p.Add(v => v.Flow, Flow).Add(v => v.NodeSelected, (int l) => line = l));

        view.Find("[data-node=stuck] button").Click();

        Assert.Equal(9, line);
    }
}
