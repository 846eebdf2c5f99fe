using System.Net;

namespace CareBot.Care.Triage;

/// <summary>
/// The text triage reads: HTML character references decoded ("1st &amp;amp; only time" reads "1st &amp; only time",
/// "&amp;lt;3" reads "&lt;3"). Some channels deliver posts as their web pages escaped them (real tweets carry
/// <c>&amp;amp;</c>, <c>&amp;lt;</c>, <c>&amp;gt;</c>, <c>&amp;#39;</c>); cues, the care model and VADER were written for
/// the characters a person typed. Personal data is still found and masked in the text as received.
/// </summary>
internal static class ReadableText
{
    /// <summary>The decoded text, or the same instance (no allocation) when it holds no '&amp;'.</summary>
    public static string Of(string text) =>
        text.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(text) : text;
}
