using CareBot.Dialogs.Validation;

namespace CareBot.Dialogs.Tests.Runtime;

/// <summary>
/// <c>to_someone_else:</c> lets a script stay out of friends' conversations under a post: "@dave this is literally
/// you" got a public apology. The brand's own handles come from <c>handles:</c> and the brand name.
/// </summary>
public class ToSomeoneElseConditionTests
{
    private const string Script = """
        dialog: t
        brand: Contoso
        handles: [contoso_help]
        start: route
        nodes:
          - id: route
            branch:
              - when: { to_someone_else: true }
                goto: quiet
            default: reply
          - id: quiet
            end: ~
          - id: reply
            end: "Sorry to hear this."
        """;

    [Theory]
    [InlineData("@dave this is literally you", new string[0])]
    [InlineData("@contoso my parcel is late", new[] { "Sorry to hear this." })]
    [InlineData("@contoso_help my parcel is late", new[] { "Sorry to hear this." })]
    [InlineData("@dave @contoso_help they lost my bag", new[] { "Sorry to hear this." })]
    [InlineData("my parcel is late", new[] { "Sorry to hear this." })]
    [InlineData("haha @mike you owe me a pizza now", new string[0])]
    [InlineData("lol @contoso my parcel is late again", new[] { "Sorry to hear this." })]
    [InlineData("lolly @mike is here", new[] { "Sorry to hear this." })]
    public void OnlyAPostThatTagsSomeoneElse_GoesQuiet(string text, string[] expected) =>
        Assert.Equal(expected, TestScripts.Driver(Script, isPublic: true).Say(text).Texts());

    [Fact]
    public void TheHostsBrandName_CountsAsTheBrands()
    {
        var driver = TestScripts.Driver(Script, isPublic: true);
        driver.BrandName = "Fabrikam";

        Assert.Equal(["Sorry to hear this."], driver.Say("@fabrikam_uk my parcel is late").Texts());
    }

    [Fact]
    public void TheScriptAsWritten_HasNoDiagnostics() => Assert.Empty(TestScripts.Check(Script).Diagnostics);

    [Theory]
    [InlineData("handles: [contoso help]")]
    [InlineData("handles: [\"contoso/help\"]")]
    public void AHandleThatIsNotOne_IsAnError(string handles)
    {
        var error = Assert.Single(TestScripts.Errors(Script.Replace("handles: [contoso_help]", handles, StringComparison.Ordinal)));

        Assert.Equal(DiagnosticCodes.InvalidValue, error.Code);
        Assert.Equal(3, error.Line);
        Assert.Contains("is not an @handle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSomeoneElseThatIsNotTrueOrFalse_IsAnError() =>
        Assert.NotEmpty(TestScripts.Errors(Script.Replace("to_someone_else: true", "to_someone_else: maybe", StringComparison.Ordinal)));
}
