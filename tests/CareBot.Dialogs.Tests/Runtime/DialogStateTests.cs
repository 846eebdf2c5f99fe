using System.Text.Json;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.ScriptTests;

namespace CareBot.Dialogs.Tests.Runtime;

public class DialogStateTests
{
    private const string Script = """
        dialog: t
        start: q
        nodes:
          - id: q
            ask: "Order?"
            capture: order
            type: order_number
            next: n
          - id: n
            ask: "How many?"
            capture: count
            type: number
            next: e
          - id: e
            end: "Order {captured.order} x {captured.count}"
        """;

    [Fact]
    public void State_SurvivesAJsonRoundTrip_WithTypedCaptures()
    {
        var driver = TestScripts.Driver(Script);
        driver.Say("hi");
        var state = driver.Say("AB-123456").State;

        var json = state.ToJson();
        var back = DialogState.FromJson(json);

        Assert.Equal(json, back.ToJson());
        Assert.Equal(new CapturedValue(CaptureType.OrderNumber, "AB-123456"), back.Captured["order"]);
        Assert.Equal(state.Stack, back.Stack);
        Assert.Contains("\"status\":\"Waiting\"", json, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"OrderNumber\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Conversation_ContinuesFromSerializedState_AsAfterARestart()
    {
        var registry = TestScripts.Registry(("t.yaml", Script));
        var first = new ConversationDriver(new DialogRuntime(registry), "t");
        first.Say("hi");
        var json = first.Say("AB-123456").State.ToJson();

        // Another server instance: a new runtime, the state from JSON.
        var second = new ConversationDriver(new DialogRuntime(registry), "t");
        second.Restore(isPublic: false, DialogState.FromJson(json));
        var turn = second.Say("3");

        Assert.Equal(["Order AB-123456 x 3"], turn.Replies.Select(r => r.Text));
        Assert.Equal(3m, turn.State.Captured["count"].Number);
    }

    [Fact]
    public void Runtime_IsPure_TheSameTurnTwiceGivesTheSameResult()
    {
        var registry = TestScripts.Registry(("t.yaml", Script));
        var runtime = new DialogRuntime(registry);
        var state = runtime.Start("t");
        var input = TurnInput.Message("hi", isPublic: false, ConversationDriver.DefaultNow);

        var a = runtime.Step(state, input);
        var b = runtime.Step(state, input);

        Assert.Equal(a.State.ToJson(), b.State.ToJson());
        Assert.Equal(a.Replies, b.Replies);
    }

    [Fact]
    public void FromJson_RejectsAnUnknownFormat()
    {
        var json = TestScripts.Driver(Script).Say("hi").State.ToJson().Replace("\"format\":1", "\"format\":99", StringComparison.Ordinal);

        Assert.Throws<JsonException>(() => DialogState.FromJson(json));
    }
}
