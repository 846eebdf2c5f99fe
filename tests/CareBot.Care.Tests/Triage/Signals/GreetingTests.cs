using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;

namespace CareBot.Care.Tests.Triage.Signals;

/// <summary>
/// A message that is only a greeting: many customers open with "hi" and say what is wrong next. The care model reads
/// so few words badly ("hey" scored as a complaint, "hi there 👋" and "good morning" as praise), so a greeting alone is
/// neither.
/// </summary>
public sealed class GreetingTests
{
    private static readonly TriageService Service = new(new VaderSentimentAnalyzer(), TriageCueLoader.LoadEmbedded());

    private static TriageResult Triage(string text) => Service.TriageAsync(text, CancellationToken.None).GetAwaiter().GetResult();

    [Theory]
    [InlineData("hi")]
    [InlineData("hey")]
    [InlineData("Hey!")]
    [InlineData("hi there 👋")]
    [InlineData("heyyy")]
    [InlineData("good morning")]
    [InlineData("Hi Contoso team")]
    [InlineData("Hello Sarah!")]
    [InlineData("hello from Kenya 👋")]                // the model called it a complaint (0.66)
    [InlineData("Greetings from Lagos!")]
    [InlineData("@contoso hello? anyone there?")]
    [InlineData("hi again")]
    [InlineData("👋")]
    [InlineData("hey, how are you?")]
    [InlineData("hola")]
    public void A_greeting_alone_is_a_greeting_and_neither_complaint_nor_praise(string text)
    {
        var result = Triage(text);

        Assert.True(result.Greeting.Detected, text);
        Assert.Contains("only a greeting", result.Greeting.Reasons[0], StringComparison.Ordinal);
        Assert.False(result.Complaint.Detected, text);
        Assert.False(result.Praise.Detected, text);
    }

    [Theory]
    [InlineData("is anyone there?")]
    [InlineData("anybody there??")]
    [InlineData("are you there")]
    [InlineData("@contoso is anyone around?")]
    [InlineData("you there?")]
    public void Asking_only_whether_someone_is_there_opens_like_a_greeting(string text)
    {
        var result = Triage(text);

        Assert.True(result.Greeting.Detected, text);
        Assert.StartsWith("only asks if someone is there", result.Greeting.Reasons[0], StringComparison.Ordinal);
        Assert.False(result.Complaint.Detected, text);
    }

    [Theory]
    [InlineData("is anyone there? I've waited 2 hours")]
    [InlineData("how are you")]
    [InlineData("is anyone going to answer me")]
    [InlineData("are you serious")]
    [InlineData("hi my order never arrived")]
    [InlineData("hey why is my bill so high")]
    [InlineData("hello I want a refund")]
    [InlineData("hello from the worst airline")]
    [InlineData("hi from Kenya, my parcel is lost")]
    [InlineData("morning flight was cancelled again")]
    [InlineData("good service, thanks")]
    [InlineData("hi help")]
    [InlineData("hi, order AB-123456")]
    [InlineData("hey https://example.com/photo")]
    [InlineData("thanks")]
    [InlineData("Hi Contoso, your app keeps crashing")]
    [InlineData("hi how do I reset my password")]
    [InlineData("👋 my parcel never came")]
    public void More_than_a_greeting_is_not_one(string text) => Assert.False(Triage(text).Greeting.Detected, text);

    [Fact]
    public void A_long_message_that_opens_with_hello_is_not_a_greeting() =>
        Assert.False(Triage("hello hello hello hello hello hello hello hello hello hello hello hello").Greeting.Detected);

    [Fact]
    public void A_greeting_with_a_complaint_stays_a_complaint() =>
        Assert.True(Triage("hi, my parcel never arrived and nobody answers the phone").Complaint.Detected);
}
