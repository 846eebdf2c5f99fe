namespace CareBot.Web.Studio;

/// <summary>One turn of a "Try it" conversation, with what the studio shows about it.</summary>
/// <param name="UserText">What the admin wrote (as the customer).</param>
/// <param name="IsPublic">The thread the message went to.</param>
/// <param name="Replies">The bot's replies, each with its thread ("public" or "private").</param>
/// <param name="NodePath">The nodes passed, as <c>dialog/node</c>.</param>
/// <param name="Captured">The captured values after the turn, by name.</param>
/// <param name="Signals">The triage signals found in the message.</param>
/// <param name="Sentiment">The sentiment label and score, e.g. <c>negative (-0.62)</c>.</param>
/// <param name="Effects">What the host would do (hand-off, take offline, rating), described; nothing is done.</param>
public sealed record TryTurn(
    string UserText,
    bool IsPublic,
    IReadOnlyList<(string Thread, string Text)> Replies,
    IReadOnlyList<string> NodePath,
    IReadOnlyDictionary<string, string> Captured,
    IReadOnlyList<string> Signals,
    string Sentiment,
    IReadOnlyList<string> Effects);
