using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Model;
using CareBot.Care.Triage.Sentiment;
using CareBot.Dialogs.Model;

namespace CareBot.Care.Tests.Triage.Model;

/// <summary>
/// The care model's urgency head beside the urgency cues (Triage:UrgencyModel): people stuck or out of time in words no
/// cue lists fire it, and the same trouble told afterwards does not (examples written for this test, not copied from
/// any data set). Off by default.
/// </summary>
public sealed class UrgencyHeadTests
{
    private static readonly TriageService WithHead = new(new VaderSentimentAnalyzer(), TriageCueLoader.LoadEmbedded()) { UrgencyModel = true };

    private static readonly TriageService Default = new(new VaderSentimentAnalyzer(), TriageCueLoader.LoadEmbedded());

    private static TriageResult Triage(TriageService service, string text) => service.TriageAsync(text, CancellationToken.None).GetAwaiter().GetResult();

    [Theory]
    [InlineData("still on the plane and nobody tells us anything")]
    [InlineData("we're in the rebooking queue for 3 hrs now and nobody tells us anything")]
    public void The_head_fires_on_an_urgent_message_without_cue_words(string text)
    {
        Assert.False(Triage(Default, text).Urgency.Detected, "a cue matches; the test needs a message only the model can tell");

        var result = Triage(WithHead, text);

        Assert.True(result.Urgency.Detected, text);
        Assert.Matches(@"^model [01]\.\d\d \(\w+ \+\d\.\d\d", Assert.Single(result.Urgency.Reasons));
        Assert.Equal(Priority.Urgent, result.Priority);
    }

    [Theory]
    [InlineData("yesterday we were on the plane for 2 hours and the crew said nothing")]
    [InlineData("back in march we spent 3 hrs in the rebooking queue and nobody told us anything")]
    public void The_head_stays_quiet_on_the_same_trouble_told_afterwards(string text)
    {
        var result = Triage(WithHead, text);

        Assert.False(result.Urgency.Detected, string.Join("; ", result.Urgency.Reasons));
    }

    [Fact]
    public void Without_the_option_urgency_is_the_cues_alone()
    {
        var result = Triage(Default, "still on the plane and nobody tells us anything");

        Assert.False(result.Urgency.Detected);
        Assert.Equal(Priority.Normal, result.Priority);
    }
}
