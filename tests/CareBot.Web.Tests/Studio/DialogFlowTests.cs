using CareBot.Dialogs.Loading;
using CareBot.Web.Studio;

namespace CareBot.Web.Tests.Studio;

/// <summary>The flow view's model: layers from the start, routes, unreachable nodes and dead ends.</summary>
public sealed class DialogFlowTests
{
    private const string Script = """
        dialog: hello
        start: greet
        on:
          case.resolved: thanks
        nodes:
          - id: greet
            ask: "Order number?"
            capture: order
            type: order_number
            fallback: stuck
            next: bye
          - id: bye
            say: "Bye"
            next: done
          - id: done
            end: ~
          - id: thanks
            say: "Thanks"
            next: done
          - id: stuck
            listen: ~
          - id: orphan
            say: "Nobody comes here"
            next: done
        """;

    private static DialogFlow Flow()
    {
        var result = ScriptLoader.LoadSources([("hello.yaml", Script)]);
        return DialogFlow.From(Assert.Single(result.Scripts));
    }

    [Fact]
    public void Routes_go_from_each_node_to_the_nodes_it_leads_to_with_their_field()
    {
        var routes = Flow().Routes;

        Assert.Contains(new FlowRoute("greet", "bye", "next", true), routes);
        Assert.Contains(new FlowRoute("greet", "stuck", "fallback", true), routes);
        Assert.Contains(new FlowRoute("orphan", "done", "next", true), routes);
        Assert.DoesNotContain(routes, r => r.From == "done");
    }

    [Fact]
    public void Nodes_are_layered_by_distance_from_the_start_and_the_event_nodes_and_keep_their_line()
    {
        var nodes = Flow().Nodes.ToDictionary(n => n.Id);

        Assert.Equal(0, nodes["greet"].Layer);
        Assert.Equal(0, nodes["thanks"].Layer);
        Assert.Equal(1, nodes["bye"].Layer);
        Assert.Equal(1, nodes["done"].Layer);
        Assert.Equal(6, nodes["greet"].Line);
        Assert.Equal("ask", nodes["greet"].Kind);
    }

    [Fact]
    public void A_node_no_path_reaches_is_unreachable_and_drawn_below_all_others()
    {
        var nodes = Flow().Nodes.ToDictionary(n => n.Id);

        Assert.False(nodes["orphan"].Reachable);
        Assert.True(nodes["stuck"].Reachable);
        Assert.True(nodes.Values.Where(n => n.Reachable).All(n => n.Layer < nodes["orphan"].Layer));
    }

    [Fact]
    public void A_node_with_no_way_on_is_a_dead_end_unless_it_is_an_end()
    {
        var deadEnds = Flow().Nodes.Where(n => n.DeadEnd).Select(n => n.Id);

        Assert.Equal(["stuck"], deadEnds);
    }

    [Fact]
    public void A_route_to_a_missing_node_is_kept_and_marked()
    {
        var result = ScriptLoader.LoadSources([("hello.yaml", Script.Replace("next: bye", "next: byee", StringComparison.Ordinal))]);

        var flow = DialogFlow.From(Assert.Single(result.Scripts));

        Assert.Contains(new FlowRoute("greet", "byee", "next", false), flow.Routes);
    }
}
