using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;

namespace CareBot.Dialogs.Tests.Runtime;

/// <summary>
/// The turn that opens a private chat from a public post has no message of its own: its <c>signal:</c> and
/// <c>keywords:</c> conditions go by the post (someone who posted that they were in danger, or that their account was
/// emptied, was asked for an order number).
/// </summary>
public class PostConditionsTests
{
    private const string Script = """
        dialog: t
        start: offline
        nodes:
          - id: offline
            offline: "Let's talk in private."
            private_start: route
          - id: route
            branch:
              - when: { signal: safety }
                goto: safe
              - when: { keywords: [emptied my account] }
                goto: fraud
            default: ordinary
          - id: fraud
            end: "Please freeze your card first."
          - id: safe
            ask: "Please call the emergency number first. How can we reach you?"
            capture: email
            type: email
            next: again
          - id: ordinary
            ask: "Do you have an order number?"
            capture: email
            type: email
            next: again
          - id: again
            branch:
              - when: { signal: safety }
                goto: safe_end
            default: plain_end
          - id: safe_end
            end: "Still in danger."
          - id: plain_end
            end: "Thanks."
        """;

    private static TriageAnnotations With(string signal) => TriageAnnotations.None with { Signals = new HashSet<string> { signal } };

    [Fact]
    public void ThePrivateChatOfAPostAboutDanger_OpensOnTheSafetyBranch()
    {
        var driver = TestScripts.Driver(Script, isPublic: true);

        var turn = driver.Say("the charger caught fire", With(SignalNames.Safety));

        Assert.Equal(["Let's talk in private.", "Please call the emergency number first. How can we reach you?"], turn.Texts());
    }

    [Fact]
    public void ThePrivateChatOfAnOrdinaryPost_OpensOnTheOrdinaryBranch()
    {
        var driver = TestScripts.Driver(Script, isPublic: true);

        var turn = driver.Say("my parcel is late", With(SignalNames.Complaint));

        Assert.Equal("Do you have an order number?", turn.Texts()[^1]);
    }

    [Fact]
    public void ThePrivateChatOfAPost_ReadsThePostsWords()
    {
        var driver = TestScripts.Driver(Script, isPublic: true);

        var turn = driver.Say("someone just emptied my account", With(SignalNames.Complaint));

        Assert.Equal("Please freeze your card first.", turn.Texts()[^1]);
    }

    [Fact]
    public void TheCustomersOwnMessages_GoByTheirOwnSignals_AfterAStoredState()
    {
        var driver = TestScripts.Driver(Script, isPublic: true);
        driver.Say("the charger caught fire", With(SignalNames.Safety));
        driver.Restore(false, DialogState.FromJson(driver.PrivateState!.ToJson()));

        var turn = driver.Say("sam@example.com");

        Assert.Equal(["Thanks."], turn.Texts());
        Assert.Equal([SignalNames.Safety], driver.PrivateState!.PostSignals);
    }
}
