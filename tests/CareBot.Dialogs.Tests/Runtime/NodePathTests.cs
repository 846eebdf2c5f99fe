namespace CareBot.Dialogs.Tests.Runtime;

/// <summary>Each turn reports the nodes it passed, in order (the admin studio's "Try it" shows them).</summary>
public class NodePathTests
{
    [Fact]
    public void A_turn_lists_the_nodes_it_passed_including_a_called_dialog()
    {
        var registry = TestScripts.Registry(
            ("main.yaml", """
                dialog: main
                start: hi
                nodes:
                  - id: hi
                    say: "Hi."
                    next: ask
                  - id: ask
                    call: sub
                    next: bye
                  - id: bye
                    end: "Bye."
                """),
            ("sub.yaml", """
                dialog: sub
                start: name
                nodes:
                  - id: name
                    ask: "Your name?"
                    capture: name
                    type: text
                    next: done
                  - id: done
                    end: true
                """));
        var driver = new CareBot.Dialogs.ScriptTests.ConversationDriver(new DialogRuntime(registry), "main");

        var first = driver.Say("hello");
        var second = driver.Say("Sam");

        Assert.Equal(["main/hi", "main/ask", "sub/name"], first.NodePath);
        Assert.Equal(["sub/name", "sub/done", "main/bye"], second.NodePath);
    }
}
