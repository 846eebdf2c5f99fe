using CareBot.Dialogs.ScriptTests;
using CareBot.Dialogs.Validation;

namespace CareBot.Dialogs.Tests.Runtime;

/// <summary>
/// <c>mentions:</c> holds when the message holds a value of a type, captured or not: "AB-265190" typed at the email
/// question after passing on the order number got "That doesn't look like an email address" and was lost.
/// </summary>
public class MentionsConditionTests
{
    private const string Script = """
        dialog: t
        start: ask_email
        nodes:
          - id: ask_email
            ask: "What email address can our team reach you at?"
            capture: email
            type: email
            retry: ["That doesn't look like an email address."]
            interrupt:
              - when: { missing: [order], mentions: order_number }
                goto: late_order
              - when: { mentions: [phone] }
                goto: phone_given
            next: done
          - id: late_order
            extract: order
            type: order_number
            next: late_order_noted
          - id: late_order_noted
            say: "Added order {captured.order}."
            next: ask_email
          - id: phone_given
            end: "We'll call you."
          - id: done
            end: "Thanks."
        """;

    [Theory]
    [InlineData("AB-265190", new[] { "Added order AB-265190.", "What email address can our team reach you at?" })]
    [InlineData("found it, ab-265190", new[] { "Added order AB-265190.", "What email address can our team reach you at?" })]
    [InlineData("AB-26519", new[] { "That doesn't look like an email address." })]
    [InlineData("order 265190", new[] { "That doesn't look like an email address." })]
    [InlineData("sam@example.com", new[] { "Thanks." })]
    public void AnOrderNumberInTheMessage_Holds(string text, string[] expected)
    {
        var driver = TestScripts.Driver(Script);
        driver.Say("hi");

        Assert.Equal(expected, driver.Say(text).Texts());
    }

    [Fact]
    public void AnOrderNumberAlreadyCaptured_FailsTheMissingPart_AndIsRetried()
    {
        var driver = TestScripts.Driver(Script);
        driver.Say("hi");
        driver.Say("AB-265190");

        Assert.Equal(["That doesn't look like an email address."], driver.Say("AB-111111").Texts());
    }

    [Fact]
    public void EachListedType_IsLookedFor() => Assert.Equal(
        ["We'll call you."],
        StartedDriver().Say("call me, I'm not on email: 07700 900123").Texts());

    [Fact]
    public void AValueTheMessageHolds_IsHeardBeforeARefusalWord()
    {
        // "wait no, that's my old one. it's AB-229140": its "no" declined the email question.
        var driver = TestScripts.Driver(Script.Replace("retry: [\"That doesn't look like an email address.\"]", "retry: [\"That doesn't look like an email address.\"]\n    decline: [no]\n    fallback: done", StringComparison.Ordinal));
        driver.Say("hi");

        Assert.Equal(["Added order AB-229140.", "What email address can our team reach you at?"], driver.Say("wait no, it's AB-229140").Texts());
        Assert.Equal(["Thanks."], driver.Say("no").Texts());
    }

    [Fact]
    public void TheScriptAsWritten_HasNoDiagnostics() => Assert.Empty(TestScripts.Check(Script).Diagnostics);

    [Theory]
    [InlineData("mentions: [order]")]
    [InlineData("mentions: text")]
    public void ATypeItCannotLookFor_IsAnError(string mentions)
    {
        var error = Assert.Single(TestScripts.Errors(Script.Replace("mentions: [phone]", mentions, StringComparison.Ordinal)));

        Assert.Equal(DiagnosticCodes.InvalidValue, error.Code);
        Assert.Equal(12, error.Line);
        Assert.Contains("'mentions' can't look for", error.Message, StringComparison.Ordinal);
    }

    private static ConversationDriver StartedDriver()
    {
        var driver = TestScripts.Driver(Script);
        driver.Say("hi");
        return driver;
    }
}
