using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Validation;

namespace CareBot.Dialogs.Tests.Loading;

public class ScriptParserTests
{
    private const string AllKinds = """
        dialog: kinds
        title: Every kind
        brand: Contoso
        timezone: UTC
        business_hours: { days: [mon, fri], from: "09:00", to: "17:30" }
        start: b
        on:
          case.resolved: e
        nodes:
          - id: b
            branch:
              - when: { public: true, signals: [complaint, shouting], sentiment_below: -0.5, keywords: [late], priority: high, business_hours: true }
                goto: o
            default: x
          - id: x
            extract: order
            type: order_number
            pattern: '#\d{5}'
            next: a
          - id: a
            ask: ["Which?", "Which one?"]
            capture: pick
            type: choice
            choices: { refund: [money back], replace: ~ }
            retry: "Refund or replace?"
            max_attempts: 2
            decline: [neither]
            fallback: l
            skip_if_captured: true
            next: l
          - id: l
            listen: "Go on."
            acknowledge: ["I see."]
            done_words: ["that's all"]
            max_messages: 2
            capture: story
            next: c
          - id: c
            call: kinds
            next: h
          - id: h
            handoff: care
            priority: urgent
            min_priority: high
            say: "Passing you on."
            next: s
          - id: s
            say: "Hi {user.name}"
            next: e
          - id: o
            offline: "Moving to private."
            private_start: s
            pointer: "See private messages."
          - id: e
            end: ~
        """;

    [Fact]
    public void Parse_BuildsATypedNodeForEveryKind_WithItsPosition()
    {
        var (script, diagnostics) = ScriptParser.Parse("kinds.yaml", AllKinds);

        Assert.Empty(diagnostics);
        Assert.NotNull(script);
        Assert.Equal(["branch", "extract", "ask", "listen", "call", "handoff", "say", "offline", "end"], script.Nodes.Select(n => n.Kind));
        Assert.Equal(new SourceLocation("kinds.yaml", 10, 5), script.FindNode("b")!.Location);
        Assert.Equal("e", script.On["case.resolved"].Target);
    }

    [Fact]
    public void Parse_ReadsEveryField()
    {
        var script = ScriptParser.Parse("kinds.yaml", AllKinds).Script!;

        var branch = Assert.IsType<BranchNode>(script.FindNode("b"));
        var when = Assert.Single(branch.Cases).When;
        Assert.Equal((true, -0.5, Priority.High, true), (when.Public, when.SentimentBelow, when.PriorityAtLeast, when.BusinessHours));
        Assert.Equal(["complaint", "shouting"], when.Signals);

        var ask = Assert.IsType<AskNode>(script.FindNode("a"));
        Assert.Equal(2, ask.Prompt.Count);
        Assert.Equal((CaptureType.Choice, 2, "l", true), (ask.Capture.Type, ask.MaxAttempts, ask.Fallback!.Target, ask.SkipIfCaptured));
        Assert.Equal(["money back"], ask.Capture.Choices["refund"]);
        Assert.Empty(ask.Capture.Choices["replace"]);

        Assert.Matches(Assert.IsType<ExtractNode>(script.FindNode("x")).Capture.Pattern!, "#12345");
        var listen = Assert.IsType<ListenNode>(script.FindNode("l"));
        Assert.Equal((2, "story"), (listen.MaxMessages, listen.CaptureName));
        var handoff = Assert.IsType<HandoffNode>(script.FindNode("h"));
        Assert.Equal(("care", Priority.Urgent, Priority.High), (handoff.Queue, handoff.FixedPriority, handoff.MinPriority));
        Assert.Equal(["user.name"], Assert.IsType<SayNode>(script.FindNode("s")).Variants[0].Placeholders);
        Assert.Equal("See private messages.", Assert.IsType<TakeOfflineNode>(script.FindNode("o")).Reminder[0].Text);
        Assert.Empty(Assert.IsType<EndNode>(script.FindNode("e")).Say);
        Assert.True(script.BusinessHours!.Contains(new DateTime(2026, 11, 27, 17, 0, 0)));
        Assert.False(script.BusinessHours!.Contains(new DateTime(2026, 11, 24, 10, 0, 0)));
    }

    [Fact]
    public void Version_IsTheContentHash()
    {
        var a = ScriptParser.Parse("a.yaml", AllKinds).Script!;
        var b = ScriptParser.Parse("b.yaml", AllKinds).Script!;
        var c = ScriptParser.Parse("a.yaml", AllKinds + "\n# changed\n").Script!;

        Assert.Equal(a.Version, b.Version);
        Assert.NotEqual(a.Version, c.Version);
    }

    [Fact]
    public void Parse_ReadsTestsWithTheirSteps()
    {
        var script = ScriptParser.Parse("t.yaml", AllKinds + """

            tests:
              - name: one
                public: true
                user_name: Ana
                steps:
                  - user: hi
                    signals: [complaint]
                    bot: x
                    effects: [handoff]
                  - event: case.resolved
                    signals: { shouting: false }
            """).Script!;

        var test = Assert.Single(script.Tests);
        Assert.Equal(("one", true, "Ana", 2), (test.Name, test.Public, test.UserName, test.Steps.Count));
        Assert.True(test.Steps[0].Signals["complaint"]);
        Assert.False(test.Steps[1].Signals["shouting"]);
        Assert.Equal("case.resolved", test.Steps[1].Event);
    }

    private const string SameAs = """
        dialog: again
        start: ask_order
        nodes:
          - id: ask_order
            ask: "Order number?"
            capture: order
            type: order_number
            skip_if_captured: true
            retry: "Like AB-123456."
            decline: [skip]
            fallback: done
            next: done
          - id: wait_order
            ask: "No rush. Send it when you've found it."
            same_as: ask_order
            max_attempts: 2
          - id: done
            end: ~
        """;

    [Fact]
    public void SameAs_TakesEveryFieldNotGiven_FromTheNodeItNames()
    {
        var (script, diagnostics) = ScriptParser.Parse("again.yaml", SameAs);

        Assert.Empty(diagnostics);
        var again = Assert.IsType<AskNode>(script!.FindNode("wait_order"));
        Assert.Equal("No rush. Send it when you've found it.", again.Prompt[0].Text);
        Assert.Equal(("order", CaptureType.OrderNumber, "Like AB-123456.", 2), (again.Capture.Name, again.Capture.Type, again.Retry[0].Text, again.MaxAttempts));
        Assert.Equal(["skip"], again.Decline);
        Assert.Equal(("done", "done"), (again.Next!.Target, again.Fallback!.Target));
        Assert.False(again.SkipIfCaptured);
        Assert.Equal((3, true), (Assert.IsType<AskNode>(script.FindNode("ask_order")).MaxAttempts, Assert.IsType<AskNode>(script.FindNode("ask_order")).SkipIfCaptured));
    }

    [Theory]
    [InlineData("same_as: ask_ordr", DiagnosticCodes.UnknownTarget, "names no ask node", "did you mean 'ask_order'?")]
    [InlineData("same_as: done", DiagnosticCodes.UnknownTarget, "names no ask node", "")]
    [InlineData("same_as: wait_order", DiagnosticCodes.InvalidValue, "itself 'same_as' another", "")]
    public void SameAs_ThatNamesNoPlainAskNode_IsAnErrorAtItsValue(string sameAs, string code, string message, string hint)
    {
        var yaml = SameAs + """

              - id: third
                ask: "Once more?"
                SAME
            """.Replace("SAME", sameAs, StringComparison.Ordinal);

        var d = Assert.Single(ScriptParser.Parse("again.yaml", yaml).Diagnostics, d => d.Code == code);

        Assert.Contains(message, d.Message, StringComparison.Ordinal);
        Assert.Contains(hint, d.Hint, StringComparison.Ordinal);
        Assert.Equal(("again.yaml", 21, 14), (d.File, d.Line, d.Column));
    }

    [Fact]
    public void SameAs_OnAnotherKindOfNode_IsAnUnknownField()
    {
        var yaml = SameAs.Replace("end: ~", "end: ~\n    same_as: ask_order", StringComparison.Ordinal);

        var d = Assert.Single(ScriptParser.Parse("again.yaml", yaml).Diagnostics);

        Assert.Equal(DiagnosticCodes.UnknownField, d.Code);
        Assert.Contains("same_as", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BeforeDecline_IsKeptOnAnAsksInterrupt_AndAnErrorOnABranch()
    {
        var asked = AllKinds.Replace("""
                skip_if_captured: true
            """, """
                skip_if_captured: true
                interrupt:
                  - when: { keywords: [take this further] }
                    goto: e
                    before_decline: true
                  - when: { keywords: [why] }
                    goto: e
            """, StringComparison.Ordinal);
        var script = ScriptParser.Parse("t.yaml", asked).Script!;
        var ask = Assert.IsType<AskNode>(script.FindNode("a"));

        Assert.Equal([true, false], ask.Interrupts.Select(c => c.BeforeDecline));
        Assert.Equal("take this further", Assert.Single(Assert.Single(ask.FirstInterrupts).When.Keywords));

        var branched = AllKinds.Replace("""
                    goto: o
            """, """
                    goto: o
                    before_decline: true
            """, StringComparison.Ordinal);
        var d = Assert.Single(ScriptParser.Parse("t.yaml", branched).Diagnostics);
        Assert.Equal(DiagnosticCodes.InvalidValue, d.Code);
        Assert.Contains("ask node's interrupts", d.Message, StringComparison.Ordinal);
    }
}
