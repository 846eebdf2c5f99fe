using CareBot.Care.Tests.Triage.DevSet;
using CareBot.Care.Triage.Cues;

namespace CareBot.Care.Tests.Triage.Cues;

public sealed class TriageCueLoaderTests
{
    private const string Valid = """
        version: 1
        signals:
          complaint:
            maxCompound: -0.6
            cues:
              - reason: late
                patterns: ['\blate\b']
          urgency: { cues: [ { reason: fire, urgent: true, patterns: ['\bfire\b'] } ] }
          churn: { cues: [] }
          wantsHuman: { cues: [] }
          wantsPrivacy: { cues: [] }
        shouting: { minLetters: 10, capitalShare: 0.7, minCapitalWords: 2, repeatedMarks: 3 }
        pii: { orderNumber: '#(?<number>\d{5,})' }
        priority: { highAngerIntensity: 0.6, negativeCompound: -0.3 }
        """;

    [Fact]
    public void The_shipped_cue_file_is_valid()
    {
        var cues = TriageCueLoader.LoadFile(Path.Combine(DevSetMetricsTests.RepositoryRoot(), "dialogs", "settings", "triage.yaml"));

        Assert.NotEmpty(cues.Complaint.Cues);
        Assert.Contains(cues.Urgency.Cues, c => c.Urgent);
    }

    [Fact]
    public void The_embedded_copy_is_the_shipped_file()
    {
        var embedded = TriageCueLoader.LoadEmbedded();
        var shipped = TriageCueLoader.LoadFile(Path.Combine(DevSetMetricsTests.RepositoryRoot(), "dialogs", "settings", "triage.yaml"));

        Assert.Equal(TriageCueLoader.EmbeddedSource, embedded.Source);
        Assert.Equal(shipped.Complaint.Cues.Select(c => c.Reason), embedded.Complaint.Cues.Select(c => c.Reason));
    }

    [Fact]
    public void A_valid_file_is_read_into_cues()
    {
        var cues = TriageCueLoader.Parse(Valid, "cues.yaml");

        Assert.Equal(-0.6, cues.Complaint.MaxCompound);
        Assert.Equal("late", Assert.Single(cues.Complaint.Cues).Reason);
        Assert.True(Assert.Single(cues.Urgency.Cues).Urgent);
        Assert.Null(cues.Address);
    }

    [Fact]
    public void An_invalid_regex_is_reported_with_file_line_column_and_hint()
    {
        var yaml = Valid.Replace(@"['\blate\b']", @"['(unclosed']", StringComparison.Ordinal);

        var error = Assert.Throws<TriageCueException>(() => TriageCueLoader.Parse(yaml, "cues.yaml"));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("cues.yaml", diagnostic.File);
        Assert.Equal(7, diagnostic.Line);
        Assert.Equal(20, diagnostic.Column);
        Assert.Contains("(unclosed", diagnostic.Message, StringComparison.Ordinal);
        Assert.NotEmpty(diagnostic.Hint);
    }

    [Fact]
    public void Unknown_keys_missing_sections_and_out_of_range_numbers_are_all_reported()
    {
        var yaml = Valid
            .Replace("capitalShare: 0.7", "capitalShare: 7", StringComparison.Ordinal)
            .Replace("wantsPrivacy: { cues: [] }", "wantsPrivasy: { cues: [] }", StringComparison.Ordinal);

        var error = Assert.Throws<TriageCueException>(() => TriageCueLoader.Parse(yaml, "cues.yaml"));

        Assert.Contains(error.Diagnostics, d => d.Message.Contains("Unknown key 'wantsPrivasy'", StringComparison.Ordinal) && d.Hint.Contains("wantsPrivacy", StringComparison.Ordinal));
        Assert.Contains(error.Diagnostics, d => d.Message.Contains("Missing 'wantsPrivacy'", StringComparison.Ordinal));
        Assert.Contains(error.Diagnostics, d => d.Message.Contains("'capitalShare' must be a number from 0 to 1", StringComparison.Ordinal) && d.Line == 12);
    }

    [Fact]
    public void Urgent_on_a_cue_outside_urgency_is_reported_not_ignored()
    {
        var yaml = Valid.Replace("- reason: late", "- reason: late\n        urgent: true", StringComparison.Ordinal);

        var error = Assert.Throws<TriageCueException>(() => TriageCueLoader.Parse(yaml, "cues.yaml"));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Contains("only read on cues of signals.urgency, not signals.complaint", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(6, diagnostic.Line);
    }

    [Fact]
    public void Malformed_yaml_is_reported_with_its_position()
    {
        var error = Assert.Throws<TriageCueException>(() => TriageCueLoader.Parse("version: 1\nsignals: [unclosed\n", "bad.yaml"));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("bad.yaml", diagnostic.File);
        Assert.True(diagnostic.Line >= 2);
    }

    [Fact]
    public void An_empty_pattern_is_rejected_because_it_would_match_everything()
    {
        var yaml = Valid.Replace(@"['\blate\b']", "['']", StringComparison.Ordinal);

        var error = Assert.Throws<TriageCueException>(() => TriageCueLoader.Parse(yaml, "cues.yaml"));

        Assert.Contains(error.Diagnostics, d => d.Message.Contains("must not be empty", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        var error = Assert.Throws<TriageCueException>(() => TriageCueLoader.LoadFile("/nonexistent/triage.yaml"));

        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_word_list_is_shared_by_the_patterns_that_name_it()
    {
        var yaml = Valid
            .Replace("signals:", "words:\n  thanks: ['thanks?', 'thank (you|u)', 'cheers']\nsignals:", StringComparison.Ordinal)
            .Replace(@"['\blate\b']", @"['\b{{thanks}} for nothing\b']", StringComparison.Ordinal);

        var cues = TriageCueLoader.Parse(yaml, "cues.yaml");

        var pattern = Assert.Single(Assert.Single(cues.Complaint.Cues).Patterns);
        Assert.Matches(pattern, "thank u for nothing");
        Assert.Matches(pattern, "Cheers for nothing");
        Assert.DoesNotMatch(pattern, "thanks for everything");
    }

    [Fact]
    public void A_word_list_that_is_not_defined_is_reported_where_it_is_used()
    {
        var yaml = Valid
            .Replace("signals:", "words:\n  thanks: ['thanks?']\nsignals:", StringComparison.Ordinal)
            .Replace(@"['\blate\b']", @"['\b{{thank}} for nothing\b']", StringComparison.Ordinal);

        var error = Assert.Throws<TriageCueException>(() => TriageCueLoader.Parse(yaml, "cues.yaml"));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(9, diagnostic.Line);
        Assert.Equal(20, diagnostic.Column);
        Assert.Contains("'{{thank}}'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("thanks", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("words:\n  thanks: ['(unclosed']", "Invalid regular expression '(unclosed'")]
    [InlineData("words:\n  thanks: []", "must be a list with at least one entry")]
    [InlineData("words:\n  thanks: ['thanks', '{{cheers}}']\n  cheers: ['cheers']", "uses another list")]
    [InlineData("words:\n  2thanks: ['thanks']", "is not a word list name")]
    public void A_broken_word_list_is_reported(string words, string message)
    {
        var yaml = Valid.Replace("signals:", words + "\nsignals:", StringComparison.Ordinal);

        var error = Assert.Throws<TriageCueException>(() => TriageCueLoader.Parse(yaml, "cues.yaml"));

        Assert.Contains(error.Diagnostics, d => d.Message.Contains(message, StringComparison.Ordinal) && d.Line == 3);
    }
}
