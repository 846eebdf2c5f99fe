using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Model;
using CareBot.Care.Triage.Sentiment;

namespace CareBot.Care.Tests.Triage.Model;

/// <summary>
/// The learned care model beside the cues: plain-worded complaints that no cue lists (the misses quoted in issue 13,
/// written here in our own variants, not copied from any data set), praise, and readable reasons.
/// </summary>
public sealed class PlainWordedComplaintTests
{
    private static readonly TriageService Service = new(new VaderSentimentAnalyzer(), TriageCueLoader.LoadEmbedded());

    private static TriageResult Triage(string text) => Service.TriageAsync(text, CancellationToken.None).GetAwaiter().GetResult();

    [Theory]
    [InlineData("@FlyNorthwind another delay. wow")]
    [InlineData("U GUYS HOW DO U LOSE A WHOLE SUITCASE ON A 1 HOUR FLIGHT")]
    [InlineData("charged my card 6 times for one pair of shoes")]
    [InlineData("dirty room and nobody at reception, not what the photos showed")]
    [InlineData("you took my money, moved my delivery twice and never pick up the phone!")]
    public void A_plain_worded_complaint_is_a_complaint_with_the_models_reason(string text)
    {
        var result = Triage(text);

        Assert.True(result.Complaint.Detected, text);
        Assert.False(result.Praise.Detected);
    }

    [Fact]
    public void A_model_reason_names_its_score_and_the_words_that_weighed_most()
    {
        var result = Triage("another delay, third one this week. wow");

        var reason = Assert.Single(result.Complaint.Reasons, r => r.StartsWith("model ", StringComparison.Ordinal));
        Assert.Matches(@"^model [01]\.\d\d \(\w+ \+\d\.\d\d", reason);
    }

    [Theory]
    [InlineData("thanks! i will make my connection after all :)")]
    [InlineData("thanks! i will catch my connection! :)")]
    [InlineData("please thank Jeff from the crew, best in class")]
    [InlineData("you guys rock, the new app is so easy to use")]
    public void Thanks_and_compliments_are_praise_not_complaints(string text)
    {
        var result = Triage(text);

        Assert.True(result.Praise.Detected, text);
        Assert.False(result.Complaint.Detected, string.Join("; ", result.Complaint.Reasons));
        Assert.StartsWith("model ", Assert.Single(result.Praise.Reasons), StringComparison.Ordinal);
    }

    // Calm requests and answers inside a private chat. Trained only on public posts, where most requests for a person
    // are angry, the model called the first two complaints (0.61, 0.58), which made a calm hand-off "high" priority.
    // It also called a polite no to "anything else?" a complaint ("no thanks" 0.88: "no" leads many complaints), which
    // the care dialog would take for a new problem; the cue file's waiver says otherwise.
    [Theory]
    [InlineData("I want to talk to a real person please")]
    [InlineData("I don't have one")]
    [InlineData("can I speak to someone")]
    [InlineData("my email is sam@example.com")]
    [InlineData("no thanks")]
    [InlineData("nope, all good")]
    [InlineData("@contoso no thanks")]
    [InlineData("no not really")]
    [InlineData("no thanks, you have been very helpful")]
    [InlineData("No, that's everything. Thank you!")]
    public void Calm_requests_and_answers_in_a_private_chat_are_not_complaints(string text)
    {
        var result = Triage(text);

        Assert.False(result.Complaint.Detected, string.Join("; ", result.Complaint.Reasons));
    }

    [Theory]
    [InlineData("no, but my refund still hasn't arrived")]
    [InlineData("nope, still broken")]
    [InlineData("no thanks to you, I missed my flight")]
    public void A_no_with_a_problem_after_it_is_still_a_complaint(string text) =>
        Assert.True(Triage(text).Complaint.Detected, text);

    [Theory]
    [InlineData("thanks for nothing, still no refund")]
    [InlineData("love you guys but my bag has been missing for a week")]
    public void Praise_never_fires_with_a_complaint(string text)
    {
        var result = Triage(text);

        Assert.True(result.Complaint.Detected);
        Assert.False(result.Praise.Detected);
    }

    [Fact]
    public void A_damaged_model_file_is_refused_with_its_line()
    {
        var error = Assert.Throws<FormatException>(() => CareModel.Parse(new StringReader("heads\tcomplaint\tpraise\nthreshold\t0.5\nw:late\t1\t2\n"), "test.tsv"));

        Assert.Contains("test.tsv:2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_model_has_three_heads_and_thresholds_inside_zero_one()
    {
        var model = CareModel.Embedded;

        Assert.Equal([CareModel.ComplaintHead, CareModel.PraiseHead, CareModel.UrgencyHead], model.Heads);
        Assert.InRange(model.Threshold(CareModel.ComplaintHead), 0.05, 0.95);
        Assert.InRange(model.Threshold(CareModel.PraiseHead), 0.05, 0.95);
        Assert.InRange(model.Threshold(CareModel.UrgencyHead), 0.05, 0.95);
        Assert.True(model.FeatureCount > 1000);
    }
}
