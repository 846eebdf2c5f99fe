using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;

namespace CareBot.Care.Tests.Triage.Signals;

/// <summary>
/// A comment of nothing but praise emoji ("🔥🔥🔥🙌") is praise: it got no reply under a post where "❤️❤️" was thanked.
/// </summary>
public sealed class PraiseEmojiTests
{
    private static readonly TriageService Service = new(new VaderSentimentAnalyzer(), TriageCueLoader.LoadEmbedded());

    private static TriageResult Triage(string text) => Service.TriageAsync(text, CancellationToken.None).GetAwaiter().GetResult();

    [Theory]
    [InlineData("🔥🔥🔥🙌")]
    [InlineData("😍")]
    [InlineData("💯")]
    [InlineData("@contoso 🔥🔥")]
    [InlineData("🙌🏾 🙌🏾")]
    public void Only_praise_emoji_is_praise(string text)
    {
        var result = Triage(text);

        Assert.True(result.Praise.Detected, text);
        Assert.False(result.Complaint.Detected, text);
    }

    [Theory]
    [InlineData("🔥 this price rise 🙄")]
    [InlineData("💀")]
    [InlineData("😡😡")]
    [InlineData("🔥 fire")]
    public void Words_or_other_emoji_are_not_emoji_praise(string text) =>
        Assert.DoesNotContain(Triage(text).Praise.Reasons, r => r.StartsWith("only praise emoji", StringComparison.Ordinal));
}
