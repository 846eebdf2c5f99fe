using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.Templates;

namespace CareBot.Dialogs.Tests.Templates;

/// <summary>
/// A channel that gives no name: "Hi there" still reads well, "Of course, there, happy to help" did not. The name goes
/// with its comma, and a sentence that opened with it opens with the next word.
/// </summary>
public sealed class UnnamedCustomerTests
{
    [Theory]
    [InlineData("Of course, {user.name}, happy to help. What's going on?", "Of course, happy to help. What's going on?")]
    [InlineData("Thank you, {user.name}. I've passed this to our care team.", "Thank you. I've passed this to our care team.")]
    [InlineData("Glad it's sorted, {user.name}!", "Glad it's sorted!")]
    [InlineData("Good question, {user.name}: this is the assistant.", "Good question: this is the assistant.")]
    [InlineData("Take care, {user.name}", "Take care")]
    [InlineData("{user.name}, we've messaged you privately.", "We've messaged you privately.")]
    [InlineData("Sorry about this. {user.name}, we'll pick it up.", "Sorry about this. We'll pick it up.")]
    [InlineData("Hi {user.name}, it's the care team.", "Hi {user.name}, it's the care team.")]
    [InlineData("Hi again {user.name}! How can we help?", "Hi again {user.name}! How can we help?")]
    [InlineData("No name here.", "No name here.")]
    public void The_name_goes_where_there_would_not_read_as_a_greeting(string text, string expected) =>
        Assert.Equal(expected, UnnamedCustomer.Fit(text));

    [Fact]
    public void A_turn_without_a_name_says_hi_there_and_drops_the_name_elsewhere()
    {
        var driver = TestScripts.Driver("""
            dialog: t
            start: a
            nodes:
              - id: a
                say: "Hi {user.name}, it's the team."
                next: b
              - id: b
                end: "Of course, {user.name}, happy to help."
            """, isPublic: false);
        driver.UserName = null;

        Assert.Equal(["Hi there, it's the team.", "Of course, happy to help."], driver.Say("help").Texts());
    }

    [Fact]
    public void A_known_name_is_used_everywhere()
    {
        var driver = TestScripts.Driver("""
            dialog: t
            start: a
            nodes:
              - id: a
                end: "Of course, {user.name}, happy to help."
            """, isPublic: false);

        Assert.Equal(["Of course, Sam, happy to help."], driver.Say("help").Texts());
    }
}
