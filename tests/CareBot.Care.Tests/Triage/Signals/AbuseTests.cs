using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;

namespace CareBot.Care.Tests.Triage.Signals;

/// <summary>
/// A message that is only abuse at the brand ("fuck you @contoso"): the care model calls it a complaint, so the bot
/// apologised in public for nothing that was said. The script stays quiet instead. Anything more is a complaint.
/// </summary>
public sealed class AbuseTests
{
    private static readonly TriageService Service = new(new VaderSentimentAnalyzer(), TriageCueLoader.LoadEmbedded());

    private static TriageResult Triage(string text) => Service.TriageAsync(text, CancellationToken.None).GetAwaiter().GetResult();

    [Theory]
    [InlineData("fuck you @contoso")]
    [InlineData("FUCK YOU")]
    [InlineData("@contoso go fuck yourselves")]
    [InlineData("screw you guys")]
    [InlineData("you're all idiots")]
    [InlineData("you lot are absolute wankers")]
    [InlineData("go to hell @contoso")]
    [InlineData("@contoso 🖕🖕")]
    [InlineData("stfu")]
    [InlineData("bunch of fucking morons")]
    public void Abuse_alone_is_abuse(string text)
    {
        var result = Triage(text);

        Assert.True(result.Abuse.Detected, text);
        Assert.StartsWith("only abuse", result.Abuse.Reasons[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fuck you, where's my refund")]
    [InlineData("fuck you @contoso my parcel never came")]
    [InlineData("useless company")]
    [InlineData("you lot are a joke")]
    [InlineData("you suck")]
    [InlineData("what the hell @contoso")]
    [InlineData("wtf")]
    [InlineData("ffs")]
    [InlineData("the app is dead again")]
    [InlineData("shit service, 3 hours on hold")]
    [InlineData("I'm such an idiot, I typed the wrong address")]
    [InlineData("go to hell?")]
    [InlineData("fuck yes, it's back in stock")]
    public void Abuse_with_anything_more_is_not_abuse(string text) =>
        Assert.False(Triage(text).Abuse.Detected, text);

    [Fact]
    public void Abuse_keeps_its_complaint_so_a_wave_of_it_still_counts_toward_an_incident()
    {
        var result = Triage("fuck you @contoso");

        Assert.True(result.Abuse.Detected);
        Assert.True(result.Complaint.Detected);
    }
}
