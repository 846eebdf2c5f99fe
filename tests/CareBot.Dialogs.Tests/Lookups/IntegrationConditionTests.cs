using CareBot.Dialogs.ScriptTests;
using CareBot.Dialogs.Validation;

namespace CareBot.Dialogs.Tests.Lookups;

/// <summary>
/// The <c>integration:</c> condition: a script can tell whether the host can look something up before it promises to
/// ("Let's find your order"), and script tests that stub a lookup run as if its integration were configured.
/// </summary>
public class IntegrationConditionTests
{
    private const string Script = """
        dialog: t
        start: route
        nodes:
          - id: route
            branch:
              - when: { integration: orders }
                goto: ask
            default: cannot_look
          - id: ask
            ask: "What's your order number?"
            capture: order
            type: order_number
            next: look
          - id: look
            lookup: orders
            path: "/orders/{captured.order}"
            map: { status: status }
            next: found
            fallback: cannot_see
          - id: found
            end: "It is {captured.status}."
          - id: cannot_see
            end: "I can't see order details right now."
          - id: cannot_look
            end: "I can't look orders up from here, so a person will."
        tests:
          - name: with the order system
            steps:
              - user: "where is my order?"
                bot: ["What's your order number?"]
              - user: "AB-123456"
                lookup: { look: { status: shipped } }
                bot: ["It is shipped."]
          - name: without it
            steps:
              - user: "where is my order?"
                bot: ["I can't look orders up"]
                not_bot: ["order number"]
        """;

    [Theory]
    [InlineData("orders")]
    [InlineData("Orders")]
    public void AConfiguredIntegration_HoldsCaseInsensitively(string configured)
    {
        var driver = TestScripts.Driver(Script);
        driver.Integrations = new HashSet<string>([configured]);

        Assert.Equal(["What's your order number?"], driver.Say("where is my order?").Texts());
    }

    [Fact]
    public void WithoutTheIntegration_TheScriptSaysSoBeforeAskingForAnything()
    {
        var driver = TestScripts.Driver(Script);
        driver.Integrations = new HashSet<string>(["payments"]);

        Assert.Equal(["I can't look orders up from here, so a person will."], driver.Say("where is my order?").Texts());
    }

    [Fact]
    public async Task AScriptTestThatStubsALookup_RunsWithItsIntegration_AndOneWithoutStubs_RunsWithout()
    {
        var registry = TestScripts.Registry(("t.yaml", Script));
        var script = registry.Current["t"];

        var results = await new ScriptTestRunner(registry).RunAllAsync([script], CancellationToken.None);

        Assert.Equal(2, results.Count);
        Assert.All(results, result => Assert.True(result.Passed, string.Join("\n", result.Failures)));
    }

    [Fact]
    public void AnIntegrationNoLookupCalls_IsAWarning_WithTheNameALookupUses()
    {
        var diagnostics = TestScripts.Check(Script.Replace("integration: orders", "integration: order", StringComparison.Ordinal)).Diagnostics;

        var warning = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(6, warning.Line);
        Assert.Contains("no 'lookup:' node calls", warning.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'orders'?", warning.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void TheScriptAsWritten_HasNoDiagnostics() => Assert.Empty(TestScripts.Check(Script).Diagnostics);

    [Theory]
    [InlineData("\"https://api.example\"")]
    [InlineData("orders/v2")]
    public void AnIntegrationThatIsNotAName_IsAnError_AtTheBranch(string name)
    {
        var errors = TestScripts.Errors(Script.Replace("integration: orders", $"integration: {name}", StringComparison.Ordinal));

        var error = Assert.Single(errors);
        Assert.Equal(DiagnosticCodes.InvalidValue, error.Code);
        Assert.Equal(6, error.Line);
        Assert.Contains("integration", error.Message, StringComparison.Ordinal);
    }
}
