using CareBot.Dialogs.Validation;

namespace CareBot.Dialogs.Tests.Lookups;

/// <summary>The validator's checks of lookup nodes and of lookup stubs in test steps.</summary>
public class LookupValidationTests
{
    private const string Valid = """
        dialog: t
        start: spot
        nodes:
          - id: spot
            extract: order
            type: order_number
            next: look
          - id: look
            lookup: orders
            method: post
            path: "/orders/{captured.order}/status"
            body: { reference: "{captured.order}" }
            map: { status: data.status }
            next: found
            fallback: cannot_see
          - id: found
            end: "{captured.status}"
          - id: cannot_see
            end: "I can't see it."
        tests:
          - name: found
            steps:
              - user: "AB-123456"
                lookup: { look: { status: shipped } }
                bot: ["shipped"]
        """;

    private static IReadOnlyList<Diagnostic> Diagnostics(string yaml) => TestScripts.Check(yaml).Diagnostics;

    private static Diagnostic Single(string yaml, string code)
    {
        var found = Diagnostics(yaml).Where(d => d.Code == code).ToList();
        Assert.True(found.Count == 1, $"expected one {code}; got: {string.Join(Environment.NewLine, Diagnostics(yaml))}");
        return found[0];
    }

    [Fact]
    public void AValidLookup_HasNoDiagnostics() => Assert.Empty(Diagnostics(Valid));

    [Theory]
    [InlineData("https://evil.example/orders/{captured.order}")]
    [InlineData("//evil.example/orders")]
    [InlineData("orders/{captured.order}")]
    [InlineData("/orders/../admin")]
    [InlineData("/{captured.order}")]
    public void APathThatCouldLeaveTheBaseUrl_IsDLG017_AtThePath(string path)
    {
        var d = Single(Valid.Replace("\"/orders/{captured.order}/status\"", $"\"{path}\"", StringComparison.Ordinal), DiagnosticCodes.InvalidLookup);

        Assert.Equal((11, 11), (d.Line, d.Column));
        Assert.Contains("base URL", d.Message + d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIntegrationThatLooksLikeAUrl_IsDLG017() =>
        Assert.Contains("configuration", Single(Valid.Replace("lookup: orders", "lookup: https://api.example", StringComparison.Ordinal), DiagnosticCodes.InvalidLookup).Hint, StringComparison.Ordinal);

    [Fact]
    public void APlaceholderOtherThanACapturedValue_IsDLG017() =>
        Single(Valid.Replace("reference: \"{captured.order}\"", "reference: \"{user.name}\"", StringComparison.Ordinal), DiagnosticCodes.InvalidLookup);

    [Fact]
    public void AnUnknownCapturedValueInThePath_IsDLG010() =>
        Single(Valid.Replace("/orders/{captured.order}/status", "/orders/{captured.ordr}/status", StringComparison.Ordinal), DiagnosticCodes.UnknownPlaceholder);

    [Fact]
    public void ABodyOnGet_IsDLG017() =>
        Single(Valid.Replace("method: post", "method: get", StringComparison.Ordinal), DiagnosticCodes.InvalidLookup);

    [Fact]
    public void AnUnknownMethod_IsDLG005() =>
        Single(Valid.Replace("method: post", "method: fetch", StringComparison.Ordinal), DiagnosticCodes.InvalidValue);

    [Fact]
    public void AResponseFieldThatIsNotADottedPath_IsDLG017() =>
        Single(Valid.Replace("status: data.status", "status: \"data..status\"", StringComparison.Ordinal), DiagnosticCodes.InvalidLookup);

    [Fact]
    public void ALookupWithoutAFallback_IsDLG004() =>
        Assert.Contains("'fallback'", Single(Valid.Replace("    fallback: cannot_see\n", string.Empty, StringComparison.Ordinal).Replace("  - id: cannot_see\n    end: \"I can't see it.\"\n", string.Empty, StringComparison.Ordinal), DiagnosticCodes.MissingField).Message, StringComparison.Ordinal);

    [Fact]
    public void ATestStubOfANodeThatIsNoLookup_IsDLG016() =>
        Single(Valid.Replace("lookup: { look: {", "lookup: { found: {", StringComparison.Ordinal), DiagnosticCodes.InvalidTest);

    [Fact]
    public void ATestStubGivingAFieldTheLookupDoesNotMap_IsDLG016() =>
        Single(Valid.Replace("{ status: shipped }", "{ status: shipped, eta: monday }", StringComparison.Ordinal), DiagnosticCodes.InvalidTest);

    [Fact]
    public void ATestStubAnswerThatIsNotKnown_IsDLG005() =>
        Single(Valid.Replace("lookup: { look: { status: shipped } }", "lookup: { look: maybe }", StringComparison.Ordinal), DiagnosticCodes.InvalidValue);
}
