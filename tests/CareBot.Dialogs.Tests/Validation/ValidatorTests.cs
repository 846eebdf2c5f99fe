using CareBot.Dialogs.Validation;

namespace CareBot.Dialogs.Tests.Validation;

public class ValidatorTests
{
    private const string Valid = """
        dialog: t
        start: hello
        nodes:
          - id: hello
            say: "Hi {user.name}"
            next: bye
          - id: bye
            end: "Bye"
        """;

    private static Diagnostic Single(string yaml, string code)
    {
        var errors = TestScripts.Check(yaml).Diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(errors.Count == 1, $"expected one {code}; got: {string.Join(Environment.NewLine, TestScripts.Check(yaml).Diagnostics)}");
        return errors[0];
    }

    [Fact]
    public void AValidScript_HasNoDiagnostics() => Assert.Empty(TestScripts.Check(Valid).Diagnostics);

    [Fact]
    public void YamlSyntaxError_IsReportedWithItsPosition()
    {
        var d = Single("dialog: t\nstart: a\nnodes:\n  - id: a\n    say: [unclosed\n", DiagnosticCodes.YamlSyntax);
        Assert.Equal("test.yaml", d.File);
        Assert.True(d.Line >= 5);
    }

    [Fact]
    public void ARatingsWords_AreKeyedByTheNumbersOneToFive()
    {
        var d = Single("""
            dialog: t
            start: rate
            nodes:
              - id: rate
                ask: "From 1 (poor) to 5 (excellent)?"
                capture: rating
                type: rating
                choices: { "1": [poor], "10": [excellent] }
                next: bye
              - id: bye
                end: ~
            """, DiagnosticCodes.InvalidValue);

        Assert.Contains("'10'", d.Message, StringComparison.Ordinal);
        Assert.Equal(8, d.Line);
    }

    [Fact]
    public void DuplicateYamlKey_IsASyntaxError() =>
        Single("dialog: t\ndialog: u\nstart: a\nnodes:\n  - id: a\n    end: ~\n", DiagnosticCodes.YamlSyntax);

    [Fact]
    public void UnknownField_PointsAtTheFieldAndSuggestsTheRightOne()
    {
        var d = Single(Valid.Replace("    next: bye", "    nxet: bye\n    next: bye"), DiagnosticCodes.UnknownField);

        Assert.Equal((6, 5), (d.Line, d.Column));
        Assert.Contains("did you mean 'next'", d.Hint);
    }

    [Fact]
    public void UnknownNodeKind_IsReported()
    {
        var d = Single(Valid.Replace("say: \"Hi {user.name}\"", "shout: \"Hi\""), DiagnosticCodes.NodeKind);

        Assert.Contains("'shout' is not a node kind", d.Message);
        Assert.Equal(4, d.Line);
    }

    [Fact]
    public void TwoKinds_InOneNode_AreReported() =>
        Single(Valid.Replace("    next: bye", "    end: x\n    next: bye"), DiagnosticCodes.NodeKind);

    [Fact]
    public void UnknownTarget_NamesTheTargetAndPointsAtIt()
    {
        var d = Single(Valid.Replace("next: bye", "next: by"), DiagnosticCodes.UnknownTarget);

        Assert.Equal((6, 11), (d.Line, d.Column));
        Assert.Contains("'by'", d.Message);
        Assert.Contains("did you mean 'bye'", d.Hint);
    }

    [Fact]
    public void MissingStart_IsReported() =>
        Single(Valid.Replace("start: hello\n", string.Empty), DiagnosticCodes.MissingField);

    [Fact]
    public void UnreachableNode_IsReported()
    {
        var d = Single(Valid + "\n  - id: orphan\n    end: ~\n", DiagnosticCodes.Unreachable);
        Assert.Contains("orphan", d.Message);
    }

    [Fact]
    public void DeadEnd_IsReported()
    {
        var d = Single(Valid.Replace("    next: bye\n", "\n").Replace("start: hello", "start: hello\non:\n  case.resolved: bye"), DiagnosticCodes.DeadEnd);
        Assert.Contains("'hello' leads nowhere", d.Message);
    }

    [Fact]
    public void UnknownPlaceholder_IsReportedWithTheKnownOnes()
    {
        var d = Single(Valid.Replace("{user.name}", "{user.nmae}"), DiagnosticCodes.UnknownPlaceholder);

        Assert.Contains("{user.nmae}", d.Message);
        Assert.Contains("{user.name}", d.Hint);
    }

    [Fact]
    public void ReplyWithin_IsKnownOnlyInAHandoff()
    {
        var d = Single(Valid.Replace("{user.name}", "{case.reply_within}"), DiagnosticCodes.UnknownPlaceholder);
        Assert.Contains("only a hand-off", d.Message);
        Assert.Empty(TestScripts.Check("""
            dialog: t
            start: h
            nodes:
              - id: h
                handoff: care
                say: "A person will reply {case.reply_within}."
            """).Diagnostics);
    }

    [Fact]
    public void CapturedPlaceholder_IsKnownOnlyWhenSomethingCapturesIt()
    {
        Single(Valid.Replace("{user.name}", "{captured.email}"), DiagnosticCodes.UnknownPlaceholder);
    }

    [Fact]
    public void InvalidRegex_IsReportedAtThePattern()
    {
        var d = Single("""
            dialog: t
            start: a
            nodes:
              - id: a
                ask: "Code?"
                capture: code
                type: regex
                pattern: "[A-Z"
                next: b
              - id: b
                end: ~
            """, DiagnosticCodes.InvalidRegex);
        Assert.Equal(8, d.Line);
    }

    [Fact]
    public void DuplicateNodeIds_AreReported()
    {
        var d = Single(Valid + "\n  - id: bye\n    end: ~\n", DiagnosticCodes.DuplicateId);
        Assert.Contains("already used at line 7", d.Message);
    }

    [Fact]
    public void BranchWithoutDefault_IsReported() =>
        Single("""
            dialog: t
            start: a
            nodes:
              - id: a
                branch:
                  - when: { public: true }
                    goto: b
              - id: b
                end: ~
            """, DiagnosticCodes.BranchWithoutDefault);

    [Fact]
    public void CallToUnknownDialog_IsReported() =>
        Single(Valid.Replace("say: \"Hi {user.name}\"", "call: nowhere"), DiagnosticCodes.UnknownDialog);

    [Fact]
    public void UnknownEvent_IsReported() =>
        Single(Valid.Replace("start: hello", "start: hello\non:\n  case.closed: bye"), DiagnosticCodes.UnknownEvent);

    [Fact]
    public void InvalidValue_IsReported()
    {
        var d = Single("""
            dialog: t
            start: a
            nodes:
              - id: a
                ask: "Email?"
                capture: email
                type: emial
                next: b
              - id: b
                end: ~
            """, DiagnosticCodes.InvalidValue);
        Assert.Contains("did you mean 'email'", d.Hint);
    }

    [Fact]
    public void Append_OnAnythingButText_IsReportedWhereItIsWritten()
    {
        var d = Single("""
            dialog: t
            start: a
            nodes:
              - id: a
                extract: order
                type: order_number
                append: true
                next: b
              - id: b
                end: ~
            """, DiagnosticCodes.InvalidValue);

        Assert.Equal(7, d.Line);
        Assert.Contains("only text", d.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("2.5")]
    [InlineData("many")]
    public void WordsAtLeast_MustBeAWholeNumberFromOne_AndIsReportedWhereItIsWritten(string value)
    {
        var d = Single($$"""
            dialog: t
            start: a
            nodes:
              - id: a
                branch:
                  - when: { words_at_least: {{value}} }
                    goto: b
                default: b
              - id: b
                end: ~
            """, DiagnosticCodes.InvalidValue);

        Assert.Equal(6, d.Line);
        Assert.Contains("words_at_least", d.Message);
    }

    [Fact]
    public void PublicReply_EchoingCapturedPersonalData_IsAnError()
    {
        var d = Single("""
            dialog: t
            start: entry
            nodes:
              - id: entry
                branch:
                  - when: { public: true }
                    goto: spot
                default: bye
              - id: spot
                extract: order
                type: order_number
                next: ack
              - id: ack
                say: "Sorry about order {captured.order}!"
                next: bye
              - id: bye
                end: ~
            """, DiagnosticCodes.PublicPrivateData);
        Assert.Equal(14, d.Line);
    }

    [Fact]
    public void PrivateReply_MayUseCapturedPersonalData() =>
        Assert.Empty(TestScripts.Check("""
            dialog: t
            start: entry
            nodes:
              - id: entry
                branch:
                  - when: { public: true }
                    goto: bye
                default: spot
              - id: spot
                extract: order
                type: order_number
                next: ack
              - id: ack
                say: "Looking at order {captured.order}."
                next: bye
              - id: bye
                end: ~
            """).Diagnostics);

    [Fact]
    public void TestExpectingAnUnknownNode_IsReported() =>
        Single(Valid + "\ntests:\n  - name: x\n    steps:\n      - user: hi\n        node: nowhere\n", DiagnosticCodes.InvalidTest);

    [Fact]
    public void EveryProblem_IsReportedAtOnce()
    {
        var result = TestScripts.Check("""
            dialog: t
            start: hello
            nodes:
              - id: hello
                say: "Hi {who}"
                next: missing
              - id: lost
                say: "x"
              - id: hello
                end: ~
            """);
        var codes = result.Diagnostics.Select(d => d.Code).ToHashSet();

        Assert.Superset(new HashSet<string> { DiagnosticCodes.UnknownPlaceholder, DiagnosticCodes.UnknownTarget, DiagnosticCodes.Unreachable, DiagnosticCodes.DeadEnd, DiagnosticCodes.DuplicateId }, codes);
        Assert.False(result.IsValid);
        Assert.Throws<ScriptValidationException>(() => result.EnsureValid());
    }

    [Fact]
    public void Diagnostic_FormatsAsFileLineColumnSeverityCodeMessageHint()
    {
        var d = new Diagnostic("dialogs/care.yaml", 12, 5, DiagnosticSeverity.Error, "DLG012", "bad", "fix it");
        Assert.Equal("dialogs/care.yaml:12:5: error DLG012: bad (hint: fix it)", d.ToString());
    }

    [Fact]
    public void UnknownSignal_IsAWarningOnly()
    {
        var result = TestScripts.Check("""
            dialog: t
            start: a
            nodes:
              - id: a
                branch:
                  - when: { signal: angry }
                    goto: b
                default: b
              - id: b
                end: ~
            """);

        Assert.True(result.IsValid);
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(result.Diagnostics).Severity);
    }
}
