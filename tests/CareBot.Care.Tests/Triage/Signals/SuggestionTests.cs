using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;

namespace CareBot.Care.Tests.Triage.Signals;

/// <summary>
/// A suggestion or wish ("bring back the old logo pls"): the model read some as complaints and others as praise, so a
/// wish got "Sorry to hear this ... look into it right away" or "thanks for the kind words". The script thanks for the
/// idea instead; a complaint cue in the message rules the suggestion out.
/// </summary>
public sealed class SuggestionTests
{
    private static readonly TriageService Service = new(new VaderSentimentAnalyzer(), TriageCueLoader.LoadEmbedded());

    private static TriageResult Triage(string text) => Service.TriageAsync(text, CancellationToken.None).GetAwaiter().GetResult();

    [Theory]
    [InlineData("bring back the old logo pls")]
    [InlineData("@contoso please bring it back!!")]
    [InlineData("wish you sold these in kids sizes too")]
    [InlineData("I wish u guys delivered to Cork")]
    [InlineData("you should open a store in Leeds")]
    [InlineData("you guys should collab with a proper coffee roaster")]
    [InlineData("please do a plus size range!! would buy instantly")]
    [InlineData("suggestion: let us pick a delivery time slot")]
    [InlineData("would love to see a vegan version of this")]
    [InlineData("it would be great if you did gift wrapping")]
    [InlineData("miss the old recipe tbh")]
    [InlineData("the old packaging was better imo")]
    [InlineData("honestly the old website was easier to use")]   // the praise head called it praise (0.94)
    public void A_wish_is_a_suggestion(string text)
    {
        var result = Triage(text);

        Assert.True(result.Suggestion.Detected, text);
        Assert.StartsWith("a suggestion", result.Suggestion.Reasons[0], StringComparison.Ordinal);
        Assert.False(result.Praise.Detected, text);
    }

    [Theory]
    [InlineData("you should have told me the flight was moved")]
    [InlineData("wish you'd have sent that email before I drove to the airport")]
    [InlineData("you should do better")]
    [InlineData("please do something about the queues")]
    [InlineData("I would like a refund")]
    [InlineData("the driver didn't bring back my card")]
    [InlineData("please bring back my parcel, it's still at the depot")]
    [InlineData("you should try it yourself, the app crashes at checkout")]
    [InlineData("what can I say, the new range is great")]
    public void A_problem_or_anything_else_is_not(string text) =>
        Assert.False(Triage(text).Suggestion.Detected, text);

    [Fact]
    public void A_complaint_cue_in_a_wish_makes_it_a_complaint_and_no_suggestion()
    {
        var result = Triage("please bring back the old box, the new one arrives broken every time");

        Assert.True(result.Complaint.Detected);
        Assert.False(result.Suggestion.Detected);
    }
}
