using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;

namespace CareBot.Care.Tests.Triage.Signals;

/// <summary>
/// A message that is only thanks, an ok or a goodbye, often sent after the bot's goodbye: the script ends kindly
/// instead of starting over. It takes nothing away from other signals (a public "thanks!" is still praise).
/// </summary>
public sealed class ClosingTests
{
    private static readonly TriageService Service = new(new VaderSentimentAnalyzer(), TriageCueLoader.LoadEmbedded());

    private static TriageResult Triage(string text) => Service.TriageAsync(text, CancellationToken.None).GetAwaiter().GetResult();

    [Theory]
    [InlineData("ok bye")]
    [InlineData("ok thanks, bye!")]
    [InlineData("Thank you so much")]
    [InlineData("thx")]
    [InlineData("👍")]
    [InlineData("👍🏽")]
    [InlineData("ok ❤️")]
    [InlineData("never mind")]
    [InlineData("nvm, all good")]
    [InlineData("no thanks")]
    [InlineData("okay great, thank you!")]
    [InlineData("@contoso cheers, have a nice day")]
    [InlineData("byeee")]
    [InlineData("STOP")]
    [InlineData("nothing thanks")]
    [InlineData("no thanks, just browsing")]
    [InlineData("nothing else, thank you")]
    [InlineData("stop it!!")]
    [InlineData("that’s all, thanks")]
    [InlineData("no that's it, have a good day")]
    [InlineData("nope, all good")]
    [InlineData("nope")]                    // to "Is there anything we can help with today?"
    [InlineData("nah")]
    [InlineData("no that's all, just wanted to pass it on")]   // after praise (2026-12-07 trial: "That sounds frustrating")
    [InlineData("no nothing else just pass it on pls")]        // after praise (2026-12-07 trial, evening: an apology)
    [InlineData("no that’s all")]
    [InlineData("nope all good x")]                  // after "anything else?" (2026-12-07 trial, late night: "That sounds frustrating")
    [InlineData("nothing else, its sorted honestly")]
    public void Only_thanks_an_ok_or_a_goodbye_is_a_closing(string text)
    {
        var result = Triage(text);

        Assert.True(result.Closing.Detected, text);
        Assert.StartsWith("only thanks, ok or goodbye", result.Closing.Reasons[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("thanks, but my refund is still missing")]
    [InlineData("thanks for nothing")]
    [InlineData("just wanted to let you know my parcel is missing")]
    [InlineData("ok?")]
    [InlineData("great.")]
    [InlineData("perfect")]
    [InlineData("ok 😡")]
    [InlineData("thanks 🙄")]
    [InlineData("no")]
    [InlineData("yes")]
    [InlineData("ok, order AB-123456")]
    [InlineData("thanks, see https://example.com/photo")]
    [InlineData("ok but when will my parcel arrive, it has been two weeks already")]
    [InlineData("hi")]
    [InlineData("stop charging me twice")]
    [InlineData("nothing works")]
    [InlineData("have a good day? mine was ruined by your driver")]
    [InlineData("not all good, the screen is still cracked")]
    [InlineData("nope, it's still not working")]
    [InlineData("its broken lol")]
    [InlineData("honestly? no")]
    public void More_than_a_closing_or_a_bare_word_is_not_one(string text) => Assert.False(Triage(text).Closing.Detected, text);

    [Theory]
    [InlineData("no thanks, bye!")]                    // the model: complaint 0.84 ("bye", "no")
    [InlineData("no, that's all, bye")]
    [InlineData("nope all good x")]                    // the model: complaint 0.43 ("nope", "x")
    public void A_goodbye_is_no_complaint_to_the_model(string text)
    {
        var result = Triage(text);

        Assert.True(result.Closing.Detected, text);
        Assert.False(result.Complaint.Detected, text);
    }

    [Fact]
    public void A_thank_you_stays_praise_too()
    {
        var result = Triage("Thank you so much!");

        Assert.True(result.Closing.Detected);
        Assert.True(result.Praise.Detected);
    }
}
