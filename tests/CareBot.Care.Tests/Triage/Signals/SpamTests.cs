using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;

namespace CareBot.Care.Tests.Triage.Signals;

/// <summary>
/// Someone else's promotion under the brand's post (money or followers on offer, and somewhere else to go for it): it
/// got "Sure thing, we'll pick this up in a private message" and a case (2026-12-07 trial). Spam is never a complaint;
/// an offer alone, a link alone, or a complaint cue naming a problem is a customer's message.
/// </summary>
public sealed class SpamTests
{
    private static readonly TriageService Service = new(new VaderSentimentAnalyzer(), TriageCueLoader.LoadEmbedded());

    private static TriageResult Triage(string text) => Service.TriageAsync(text, CancellationToken.None).GetAwaiter().GetResult();

    [Theory]
    [InlineData("🚀🚀 I made $5,000 in ONE WEEK with Bitcoin trading!! DM @crypto_king_official or visit bit.ly/3xEarnNow 💰💰")]
    [InlineData("Earn $500 daily from home, WhatsApp +44 7700 900123")]
    [InlineData("hey contoso DM me i have a business offer")]
    [InlineData("Join my crypto trading group now, limited spots 🚀 t.me/cryptosignals")]
    [InlineData("Invest in bitcoin with me today and earn 10x 💰 whatsapp +1 555 0100")]
    [InlineData("real followers for $5 a week, check my bio")]
    [InlineData("my account manager helped me earn $3k per week trading forex, message @lisa_fx_trades")]
    [InlineData("I just cashed out $30.20 from this app! You can too: https://example.com/ref $5 signup bonus")]
    public void A_promotion_with_somewhere_else_to_go_is_spam_and_no_complaint(string text)
    {
        var result = Triage(text);

        Assert.True(result.Spam.Detected, text);
        Assert.StartsWith("a promotion", result.Spam.Reasons[0], StringComparison.Ordinal);
        Assert.False(result.Complaint.Detected, text);
        Assert.False(result.Praise.Detected, text);
    }

    [Theory]
    [InlineData("is the crypto wallet in your app safe to use?")]                       // an offer word, nowhere else to go
    [InlineData("the link in your email bit.ly/abc is broken")]                         // a link, no offer
    [InlineData("you charged me $50 twice, DM me please")]                              // money, but no earnings
    [InlineData("I invested through your app and lost $500 and nobody answers, DM me")] // a loss: a complaint cue
    [InlineData("I love working from home with your headset, https://example.com/photo")]
    [InlineData("where is my order? whatsapp support never replies")]
    public void A_customers_message_is_not_spam(string text) =>
        Assert.False(Triage(text).Spam.Detected, text);
}
