using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;

namespace CareBot.Care.Tests.Triage.Signals;

/// <summary>
/// A plain thank-you ("thanks for letting me know") is praise: the praise head learned compliments and missed it, so a
/// private "thanks for your help" became a new story and a public one got no reply. A thank-you that comes with a
/// problem, a question or a request is not one.
/// </summary>
public sealed class ThanksTests
{
    private static readonly TriageService Service = new(new VaderSentimentAnalyzer(), TriageCueLoader.LoadEmbedded());

    private static TriageResult Triage(string text) => Service.TriageAsync(text, CancellationToken.None).GetAwaiter().GetResult();

    [Theory]
    [InlineData("thanks for your help")]
    [InlineData("@contoso Thanks for letting me know.")]
    [InlineData("I really appreciate the quick call back")]
    [InlineData("ok great, thanks a lot for your help :)")]
    [InlineData("Sent you the DM. Thanks so much for getting back to me")]
    [InlineData("Got the email, thank you for the refund")]
    [InlineData("@contoso thank u for sorting it")]
    [InlineData(".@contoso thanks, just sent it")]
    [InlineData("Many thanks for the call earlier today")]
    public void A_plain_thank_you_is_thanks_and_praise(string text)
    {
        var result = Triage(text);

        Assert.True(result.Thanks.Detected, text);
        Assert.True(result.Praise.Detected, text);
        Assert.False(result.Complaint.Detected, text);
        Assert.StartsWith("thanks: ", result.Thanks.Reasons[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("thanks, but my refund is still missing")]
    [InlineData("thanks for nothing")]
    [InlineData("thanks for replying, the link doesn't seem to be working")]
    [InlineData("thanks. The other issue is the app logs me out")]
    [InlineData("can you check where my parcel is? thanks")]
    [InlineData("I need to change my address. Please advise. Thanks in advance")]
    [InlineData("thanks for the late delivery, really great")]
    [InlineData("no thanks")]
    [InlineData("thanks, I'm not sure it went through")]
    [InlineData("thanks for your reply, any news yet")]
    [InlineData("my order was delayed, thanks for that")]
    [InlineData("Thanks. Please send me a copy of the invoice")]
    [InlineData("thanks for the reply, I need the receipt for my claim")]
    [InlineData("thanks for the reply, my order number is AB-123456")]
    public void A_thank_you_with_a_problem_a_question_or_a_request_is_not_thanks(string text)
    {
        var result = Triage(text);

        Assert.False(result.Thanks.Detected, text);
    }

    [Fact]
    public void A_compliment_without_a_thank_you_is_praise_from_the_model_only()
    {
        var result = Triage("The driver was lovely and the delivery was super quick, thanks so much!");

        Assert.True(result.Praise.Detected);
        Assert.False(result.Thanks.Detected);
        Assert.StartsWith("model ", result.Praise.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_thank_you_the_model_also_calls_praise_keeps_the_models_reason()
    {
        var result = Triage("thank you for sorting my refund so quickly");

        Assert.True(result.Thanks.Detected);
        Assert.StartsWith("model ", result.Praise.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_thank_you_is_not_praise_without_thanks_words()
    {
        var result = Triage("Got the email with the new booking");

        Assert.False(result.Thanks.Detected);
        Assert.False(result.Praise.Detected);
    }
}
