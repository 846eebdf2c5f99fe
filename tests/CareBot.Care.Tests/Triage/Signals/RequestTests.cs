using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;

namespace CareBot.Care.Tests.Triage.Signals;

/// <summary>
/// A message that is only a bare request ("help", "refund please"): the care model guessed on so few words and called
/// "help" a complaint, so the customer was pitied for nothing. The script asks what is going on instead.
/// </summary>
public sealed class RequestTests
{
    private static readonly TriageService Service = new(new VaderSentimentAnalyzer(), TriageCueLoader.LoadEmbedded());

    private static TriageResult Triage(string text) => Service.TriageAsync(text, CancellationToken.None).GetAwaiter().GetResult();

    [Theory]
    [InlineData("help")]
    [InlineData("help please")]
    [InlineData("refund")]
    [InlineData("refund please")]
    [InlineData("cancel my order")]
    [InlineData("I need help")]
    [InlineData("@contoso I need help with my account")]
    [InlineData("hi, I would like a refund please")]
    [InlineData("billing question")]
    [InlineData("Help?")]
    [InlineData("password reset")]
    [InlineData("update payment method")]
    [InlineData("return label please")]
    public void A_bare_request_is_a_request_and_not_a_complaint(string text)
    {
        var result = Triage(text);

        Assert.True(result.Request.Detected, text);
        Assert.StartsWith("only a request", result.Request.Reasons[0], StringComparison.Ordinal);
        Assert.False(result.Complaint.Detected, text);
        Assert.False(result.Praise.Detected, text);
    }

    [Theory]
    [InlineData("help, my parcel never came")]
    [InlineData("refund for order AB-123456")]
    [InlineData("still no refund")]
    [InlineData("cancel my order, worst service ever")]
    [InlineData("got it #help")]
    [InlineData("help me speak to a human")]
    [InlineData("hi")]
    [InlineData("thanks")]
    [InlineData("I want a refund because the item arrived broken and late")]
    [InlineData("see https://example.com/help")]
    public void More_than_a_request_is_not_one(string text) => Assert.False(Triage(text).Request.Detected, text);

    [Fact]
    public void A_complaint_cue_still_calls_a_short_message_a_complaint()
    {
        var result = Triage("worst support");

        Assert.True(result.Complaint.Detected);
        Assert.False(result.Request.Detected);
    }
}
