using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.Validation;

namespace CareBot.Dialogs.Tests.Runtime;

/// <summary>
/// <c>case.message</c>: a message while the case is with people gets an answer only where the script gives one ("what
/// do i do, he's gone pale" after a swallowed battery got silence until someone claimed the case), and the
/// conversation stays handed off, with the case.
/// </summary>
public class CaseMessageTests
{
    private const string Script = """
        dialog: t
        start: hello
        on:
          case.message: meanwhile
        nodes:
          - id: hello
            handoff: care
            say: "A person will reply here."
          - id: meanwhile
            branch:
              - when: { signal: safety }
                goto: danger
            default: quiet
          - id: danger
            end: "Please call your local emergency number now."
          - id: quiet
            end: true
        """;

    private static TriageAnnotations Signals(params string[] names) =>
        TriageAnnotations.None with { Signals = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase) };

    [Fact]
    public void A_message_the_handler_answers_gets_the_answer_and_the_conversation_stays_handed_off()
    {
        var driver = TestScripts.Driver(Script);
        driver.Say("my charger caught fire");

        var turn = driver.Say("it's smoking again, what do i do", Signals(SignalNames.Safety));

        Assert.Equal(["Please call your local emergency number now."], turn.Texts());
        Assert.Empty(turn.Effects);
        Assert.Equal((DialogStatus.HandedOff, "hello"), (turn.State.Status, turn.State.Stack[^1].Node));
        Assert.Equal(["Please call your local emergency number now."], driver.Say("still smoking", Signals(SignalNames.Safety)).Texts());
    }

    [Fact]
    public void A_message_the_handler_leaves_alone_is_not_handled_so_the_host_can_say_it_reached_the_case()
    {
        var registry = TestScripts.Registry(("t.yaml", Script));
        var runtime = new DialogRuntime(registry);
        var handedOff = runtime.Step(runtime.Start("t"), TurnInput.Begin(false, DateTimeOffset.UnixEpoch) with { Text = "hi", CaseId = "C-1" }).State;

        var quiet = runtime.Step(handedOff, TurnInput.Begin(false, DateTimeOffset.UnixEpoch) with { Text = "any news?" });
        var answered = runtime.Step(handedOff, TurnInput.Begin(false, DateTimeOffset.UnixEpoch) with { Text = "fire!", Triage = Signals(SignalNames.Safety) });

        Assert.Equal(DialogStatus.HandedOff, handedOff.Status);
        Assert.Equal((false, 0), (quiet.Handled, quiet.Replies.Count));
        Assert.Equal(handedOff, quiet.State);
        Assert.Equal((true, 1), (answered.Handled, answered.Replies.Count));
        Assert.Equal(handedOff, answered.State);
    }

    [Fact]
    public void A_public_post_is_not_a_case_message()
    {
        var driver = TestScripts.Driver(Script);
        driver.Say("my charger caught fire");
        driver.IsPublic = true;

        Assert.DoesNotContain("Please call your local emergency number now.", driver.Say("fire!", Signals(SignalNames.Safety)).Texts());
    }

    [Fact]
    public void A_handler_that_could_wait_for_an_answer_is_DLG018()
    {
        var diagnostics = TestScripts.Check(Script.Replace("goto: danger", "goto: asked", StringComparison.Ordinal) + """

              - id: asked
                ask: "Anything else?"
                capture: more
                next: quiet
            """).Diagnostics;

        var d = Assert.Single(diagnostics, d => d.Code == DiagnosticCodes.FollowUpNode);
        Assert.Contains("'case.message' handler reaches the ask node 'asked'", d.Message, StringComparison.Ordinal);
    }
}
