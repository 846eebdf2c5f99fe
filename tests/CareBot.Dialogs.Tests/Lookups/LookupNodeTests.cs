using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.ScriptTests;

namespace CareBot.Dialogs.Tests.Lookups;

/// <summary>The lookup node: the runtime asks the host for the call and resumes with its answer, never doing I/O itself.</summary>
public class LookupNodeTests
{
    private const string Script = """
        dialog: t
        start: ask
        nodes:
          - id: ask
            ask: "Order number?"
            capture: order
            type: regex
            pattern: '.+'
            next: look
          - id: look
            lookup: orders
            path: "/orders/{captured.order}?full=1"
            map: { status: status, eta: delivery.eta }
            next: found
            not_found: unknown
            fallback: cannot_see
          - id: found
            end: "{captured.status}, expected {captured.eta}"
          - id: unknown
            end: "No such order."
          - id: cannot_see
            end: "I can't see order details."
        """;

    private static ConversationDriver Asked(Func<LookupRequest, LookupResult> lookup)
    {
        var driver = TestScripts.Driver(Script);
        driver.Lookup = lookup;
        driver.Say("hi");
        return driver;
    }

    [Fact]
    public void Step_WithoutTheAnswer_ReturnsThePendingRequest_WithCapturedValuesUrlEncoded()
    {
        var registry = TestScripts.Registry(("t.yaml", Script));
        var runtime = new DialogRuntime(registry);
        var waiting = runtime.Step(runtime.Start("t"), TurnInput.Message("hi", false, ConversationDriver.DefaultNow)).State;

        var result = runtime.Step(waiting, TurnInput.Message("AB/12 3?x=1", false, ConversationDriver.DefaultNow));

        var request = Assert.IsType<LookupRequest>(result.PendingLookup);
        Assert.Equal(("orders", "GET", "/orders/AB%2F12%203%3Fx%3D1?full=1"), (request.Integration, request.Method, request.Path));
        Assert.Equal(("t", "look"), (request.ScriptId, request.NodeId));
        Assert.Equal("delivery.eta", request.Fields["eta"]);
    }

    [Fact]
    public void Found_KeepsTheMappedFields_AndGoesOn()
    {
        var driver = Asked(_ => LookupResult.Found(new Dictionary<string, string> { ["status"] = "Shipped", ["eta"] = "Friday" }));

        var turn = driver.Say("AB-123456");

        Assert.Equal(["Shipped, expected Friday"], turn.Texts());
        Assert.Equal("Friday", turn.State.Captured["eta"].Text);
        Assert.Single(driver.LookupsMade);
    }

    [Fact]
    public void NotFound_TakesTheNotFoundRoute() =>
        Assert.Equal(["No such order."], Asked(_ => LookupResult.NothingFound("404")).Say("AB-1").Texts());

    [Fact]
    public void Failure_TakesTheFallback() =>
        Assert.Equal(["I can't see order details."], Asked(_ => LookupResult.Failed("500")).Say("AB-1").Texts());

    [Fact]
    public void NotFound_WithoutItsOwnRoute_TakesTheFallback()
    {
        var driver = TestScripts.Driver(Script.Replace("    not_found: unknown\n", string.Empty, StringComparison.Ordinal)
            .Replace("  - id: unknown\n    end: \"No such order.\"\n", string.Empty, StringComparison.Ordinal));
        driver.Lookup = _ => LookupResult.NothingFound("404");
        driver.Say("hi");

        Assert.Equal(["I can't see order details."], driver.Say("AB-1").Texts());
    }

    [Fact]
    public void ByDefault_ADriverHasNoIntegration_AndTheFallbackIsTaken()
    {
        var driver = TestScripts.Driver(Script);
        driver.Say("hi");

        Assert.Equal(["I can't see order details."], driver.Say("AB-1").Texts());
    }

    [Fact]
    public void AMissingCapturedValue_TakesTheFallback_WithoutAnyCall()
    {
        var driver = TestScripts.Driver("""
            dialog: t
            start: look
            nodes:
              - id: spot
                extract: order
                type: order_number
                next: look
              - id: look
                lookup: orders
                path: "/orders/{captured.order}"
                map: { status: status }
                next: found
                fallback: cannot_see
              - id: found
                end: "{captured.status}"
              - id: cannot_see
                end: "I can't see it."
            """.Replace("start: look", "start: spot", StringComparison.Ordinal));
        driver.Lookup = _ => throw new InvalidOperationException("no call expected");

        Assert.Equal(["I can't see it."], driver.Say("no order number here").Texts());
        Assert.Empty(driver.LookupsMade);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(" . ")]
    public void ACapturedValueThatWouldClimbThePath_TakesTheFallback_WithoutAnyCall(string answer)
    {
        var driver = Asked(_ => throw new InvalidOperationException("no call expected"));

        Assert.Equal(["I can't see order details."], driver.Say(answer).Texts());
        Assert.Empty(driver.LookupsMade);
    }

    [Fact]
    public void TheSameTurnRunTwiceWithTheSameAnswers_GivesTheSameResult()
    {
        var registry = TestScripts.Registry(("t.yaml", Script));
        var runtime = new DialogRuntime(registry);
        var waiting = runtime.Step(runtime.Start("t"), TurnInput.Message("hi", false, ConversationDriver.DefaultNow)).State;
        var input = TurnInput.Message("AB-1", false, ConversationDriver.DefaultNow);
        var request = runtime.Step(waiting, input).PendingLookup!;
        var answered = input.WithLookup(request, LookupResult.Found(new Dictionary<string, string> { ["status"] = "late", ["eta"] = "soon" }));

        var first = runtime.Step(waiting, answered);
        var second = runtime.Step(waiting, answered);

        Assert.Null(first.PendingLookup);
        Assert.Equal(first.Replies, second.Replies);
        Assert.Equal(first.State.ToJson(), second.State.ToJson());
    }

    [Fact]
    public void ALookupLoop_IsStopped()
    {
        var driver = TestScripts.Driver("""
            dialog: t
            start: spot
            nodes:
              - id: spot
                extract: n
                type: number
                next: look
              - id: look
                lookup: orders
                path: "/orders/{captured.n}"
                map: { n: next }
                next: look
                fallback: done
              - id: done
                end: ~
            """);
        var n = 0;
        driver.Lookup = _ => LookupResult.Found(new Dictionary<string, string> { ["n"] = (++n).ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var error = Assert.Throws<DialogRuntimeException>(() => driver.Say("0"));

        Assert.Contains("more than 4 lookups", error.Message, StringComparison.Ordinal);
    }
}
