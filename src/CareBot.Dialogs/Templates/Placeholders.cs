using System.Text.RegularExpressions;

namespace CareBot.Dialogs.Templates;

/// <summary>
/// The placeholder syntax: <c>{user.name}</c>, <c>{brand.name}</c>, <c>{brand.hours}</c>, <c>{brand.opens}</c>,
/// <c>{case.id}</c>, <c>{case.reply_within}</c>, <c>{captured.NAME}</c>.
/// </summary>
public static partial class Placeholders
{
    /// <summary>The customer's display name.</summary>
    public const string UserName = "user.name";

    /// <summary>The brand name (from the host, else the script's <c>brand:</c>).</summary>
    public const string BrandName = "brand.name";

    /// <summary>The brand's opening hours in words ("Monday to Friday, 08:00 to 18:00 UTC"), see <see cref="OpeningHours"/>.</summary>
    public const string BrandHours = "brand.hours";

    /// <summary>When people are next at work ("tomorrow at 08:00 UTC"), see <see cref="OpeningHours"/>.</summary>
    public const string BrandOpens = "brand.opens";

    /// <summary>The case reference the host supplies in the turn input.</summary>
    public const string CaseId = "case.id";

    /// <summary>
    /// In a hand-off's <c>say</c>: the first-response target for the case's priority ("within 4 hours"), see
    /// <see cref="ReplyTime"/>.
    /// </summary>
    public const string CaseReplyWithin = "case.reply_within";

    /// <summary>Every placeholder name besides captured values: the validator's list of what a text may use.</summary>
    public static readonly IReadOnlyList<string> Fixed = [UserName, BrandName, BrandHours, BrandOpens, CaseId, CaseReplyWithin];

    /// <summary>The prefix of captured values.</summary>
    public const string CapturedPrefix = "captured.";

    /// <summary>Finds every placeholder name in a text.</summary>
    public static IReadOnlyList<string> Find(string text) =>
        Pattern().Matches(text).Select(m => m.Groups[1].Value.Trim()).ToList();

    /// <summary>Replaces every placeholder using the lookup; an unknown name becomes empty text.</summary>
    public static string Render(string text, Func<string, string?> lookup) =>
        Pattern().Replace(text, m => lookup(m.Groups[1].Value.Trim()) ?? string.Empty);

    [GeneratedRegex(@"\{([^{}]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
