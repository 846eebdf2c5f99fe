using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;

namespace CareBot.Care.Tests.Triage.Signals;

/// <summary>
/// Relief is no praise, and nothing beside a safety risk is: "Bookshelf tipped over with my toddler right next to it,
/// thank god she wasn't under it" was answered "Thanks for the kind words" (2026-12-07 trial).
/// </summary>
public sealed class ReliefTests
{
    private static readonly TriageService Service = new(new VaderSentimentAnalyzer(), TriageCueLoader.LoadEmbedded());

    private static TriageResult Triage(string text) => Service.TriageAsync(text, CancellationToken.None).GetAwaiter().GetResult();

    [Theory]
    [InlineData("Bookshelf tipped over last night, thank god she wasn't under it. There was no wall fixing kit in the box.")]
    public void Relief_is_not_praise(string text) => Assert.False(Triage(text).Praise.Detected, text);

    [Theory]
    [InlineData("Thank god for Sarah at the desk, she saved our holiday!")]
    [InlineData("@contoso thank goodness!! see you friday")]
    public void Thanks_that_names_someone_or_is_glad_is_still_praise(string text) => Assert.True(Triage(text).Praise.Detected, text);

    [Fact]
    public void Furniture_tipping_over_beside_a_child_is_a_safety_risk() =>
        Assert.Contains("safety risk", Triage("Bookshelf tipped over with my toddler right next to it, thank god she wasn't under it.").Urgency.Reasons[0], StringComparison.Ordinal);

    [Theory]
    [InlineData("train stopped for an hour, no air con, an elderly man near me looks faint")]
    [InlineData("someone collapsed on the rowing machine and there were no staff")]
    public void Someone_fainting_is_a_safety_risk(string text) => Assert.True(Triage(text).Urgency.Detected, text);

    [Fact]
    public void Thanks_to_the_people_who_helped_someone_who_fainted_is_no_emergency() =>
        Assert.False(Triage("the medical team were incredible when my friend fainted, thank you").Urgency.Detected);
}
