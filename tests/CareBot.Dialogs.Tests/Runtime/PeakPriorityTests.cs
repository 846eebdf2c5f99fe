using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;

namespace CareBot.Dialogs.Tests.Runtime;

/// <summary>
/// The conversation's highest triage priority so far: an angry first message followed by calm answers is still a
/// priority when the hand-off comes, and a calm complaint told in full is not made one.
/// </summary>
public class PeakPriorityTests
{
    private const string Script = """
        dialog: t
        start: story
        nodes:
          - id: story
            listen: []
            acknowledge: ["Go on."]
            done_words: ["that's all"]
            next: email
          - id: email
            ask: "Your email?"
            capture: email
            type: email
            next: route
          - id: route
            branch:
              - when: { priority: high }
                goto: priority
            default: ordinary
          - id: priority
            handoff: care
            say: "Marked as a priority."
          - id: ordinary
            handoff: care
            say: "Passed to the team."
        """;

    private static TriageAnnotations At(Priority priority) => TriageAnnotations.None with { Priority = priority };

    [Fact]
    public void AnAngryFirstMessage_KeepsTheHandOffAPriority_ThroughCalmAnswers()
    {
        var driver = TestScripts.Driver(Script);
        driver.Say("I AM FURIOUS", At(Priority.High));
        driver.Say("that's all", At(Priority.Low));

        var handoff = driver.Say("sam@example.com", At(Priority.Low));

        Assert.Equal(["Marked as a priority."], handoff.Texts());
        Assert.Equal(Priority.High, Assert.Single(handoff.Effects.OfType<HandoffEffect>()).Priority);
    }

    [Fact]
    public void ACalmComplaint_IsHandedOffAtItsOwnPriority()
    {
        var driver = TestScripts.Driver(Script);
        driver.Say("my remote doesn't work with the new box", At(Priority.Normal));
        driver.Say("that's all", At(Priority.Low));

        var handoff = driver.Say("sam@example.com", At(Priority.Low));

        Assert.Equal(["Passed to the team."], handoff.Texts());
        Assert.Equal(Priority.Normal, Assert.Single(handoff.Effects.OfType<HandoffEffect>()).Priority);
    }

    [Fact]
    public void ThePeakIsCarriedIntoThePrivateChat_AndSurvivesAStoredState()
    {
        var driver = TestScripts.Driver("""
            dialog: t
            start: offline
            nodes:
              - id: offline
                offline: "Let's talk in private."
                private_start: ask
              - id: ask
                ask: "Your email?"
                capture: email
                type: email
                next: done
              - id: done
                handoff: care
                say: "Passed on."
            """, isPublic: true);
        driver.Say("YOU LOST MY PARCEL AGAIN", At(Priority.High));
        driver.Restore(false, DialogState.FromJson(driver.PrivateState!.ToJson()));

        var handoff = driver.Say("sam@example.com", At(Priority.Low));

        Assert.Equal(Priority.High, Assert.Single(handoff.Effects.OfType<HandoffEffect>()).Priority);
    }

    [Fact]
    public void AStoredStateFromBeforeThePeak_ReadsAsLow()
    {
        var stored = """{"format":1,"scriptId":"t","versions":{"t":"v"},"status":"Waiting","stack":[],"captured":{},"attempts":0,"heard":0,"reminderSent":false,"publicReplies":0,"turn":1}""";

        Assert.Equal(Priority.Low, DialogState.FromJson(stored).PeakPriority);
    }
}
