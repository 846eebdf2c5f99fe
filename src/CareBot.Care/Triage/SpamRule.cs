using System.Buffers;
using System.Text.RegularExpressions;

namespace CareBot.Care.Triage;

/// <summary>
/// Is the message someone else's promotion under the brand's post: money or followers on offer, and somewhere else to go
/// for it ("I made $5,000 in ONE WEEK with Bitcoin!! DM @crypto_king or visit bit.ly/...", "Earn $500 daily from home,
/// WhatsApp +44 ...", "hey contoso DM me i have a business offer")? The care model reads it as a request or a complaint,
/// so it got "Sure thing, we'll pick this up in a private message" (the brand agreeing to the scammer's DM, in front of
/// everyone) and, in private, "That sounds frustrating" and a case with the spammer's number (2026-12-07 trial). Both
/// halves must be there: an offer alone ("is the crypto wallet safe?") or a link alone ("the link in your email is
/// broken") is a customer's; and a complaint cue naming a problem ("I invested through your app and lost $500, DM me")
/// rules it out (the caller checks).
/// </summary>
internal static partial class SpamRule
{
    // Runs on every message: one pass that finds none of these (nearly every message) ends it before any regex runs.
    private static readonly SearchValues<string> Markers = SearchValues.Create(
        ["$", "£", "€", "earn", "bitcoin", "crypto", "btc", "forex", "invest", "income", "follower", "giveaway", "offer", "proposal",
         "collab", "promo", "sponsor", "loan", "profit", "trading", "onlyfans", "singles", "sugar", "from home"],
        StringComparison.OrdinalIgnoreCase);

    public static TriageSignal Evaluate(string text)
    {
        if (text.AsSpan().IndexOfAny(Markers) < 0)
        {
            return TriageSignal.None;
        }

        try
        {
            var offer = Offer().Match(text);
            if (!offer.Success)
            {
                return TriageSignal.None;
            }

            var elsewhere = Elsewhere().Match(text);
            return elsewhere.Success
                ? new TriageSignal(true, [$"a promotion: \"{offer.Value.Trim()}\" and \"{elsewhere.Value.Trim()}\""])
                : TriageSignal.None;
        }
        catch (RegexMatchTimeoutException)
        {
            return TriageSignal.None;
        }
    }

    // Money made or to be made, get-rich schemes, followers for sale, business offers to the brand. Not "$50" alone:
    // "you charged me $50" is a customer's.
    [GeneratedRegex(
        @"\b(?:earn(?:ed|ing|s)?|made|make|making|profit(?:ed|s)?|got|get|receive[ds]?|withdr[ae]w|cash(?:ed)? out)\s+(?:over |up to |at least |about |like )?[$£€]\s?\d"
        + @"|[$£€]\s?\d[\d,.]*\s?k?\+?\s*(?:a|per|every|each|/)\s*(?:day|week|wk|month|hour|hr)\b|[$£€]\s?\d[\d,.]*\s?k?\+?\s+(?:daily|weekly|monthly)\b"
        + @"|\b(?:bitcoin|crypto|btc|forex|binary option|nft)s?\b(?=.{0,80}\b(?:trad|invest|earn|profit|made|signal|mining|mine|account manager|mentor|platform|returns?)\w*)"
        + @"|\b(?:trad|invest|earn|profit|made|signal|mining|mentor)\w*\b(?=.{0,80}\b(?:bitcoin|crypto|btc|forex|binary options?|nfts?)\b)"
        + @"|\b(?:passive income|extra income|earn from home|from home (?:and|&) earn|invest with me|investment (?:opportunit(?:y|ies)|plans?|platform)"
        + @"|business (?:offer|proposal|opportunit(?:y|ies)|deal for you)|(?:free|cheap|real|buy) (?:followers|likes|views)|followers (?:for|at) [$£€]?\d|giveaway|promo code|discount code"
        + @"|collab(?:oration)? (?:offer|request|proposal|opportunity)|sponsorship (?:offer|deal)|paid (?:collab|promotion|partnership)|loan offer|instant loans?"
        + @"|sugar (?:daddy|mummy|mommy)|hot singles|onlyfans)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, matchTimeoutMilliseconds: 250)]
    private static partial Regex Offer();

    // Somewhere else to go: a link, another account ("DM @crypto_king"), "DM me", WhatsApp or Telegram.
    [GeneratedRegex(
        @"\bhttps?://\S+|\bwww\.\S+|\b(?:bit\.ly|tinyurl\.com|t\.co|goo\.gl|t\.me|wa\.me|linktr\.ee|cutt\.ly|is\.gd|rb\.gy)/\S*"
        + @"|\b(?:dm|message|msg|contact|text|inbox|follow|add|reach out to|write to|visit)\s+@\w+"
        + @"|\b(?:dm|inbox|message|msg|text|contact|pm|hit) me\b|\b(?:whats ?app|telegram|signal|wechat)\b|\blink in (?:my )?bio\b|\bcheck (?:my|out my) (?:bio|profile|page)\b|\bclick (?:the|this|my) link\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Elsewhere();
}
