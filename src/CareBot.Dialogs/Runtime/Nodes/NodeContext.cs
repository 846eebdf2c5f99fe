using CareBot.Dialogs.Model;
using CareBot.Dialogs.Templates;

namespace CareBot.Dialogs.Runtime.Nodes;

/// <summary>What a handler may read: its script, the state so far this turn, and the turn's input.</summary>
public sealed record NodeContext(DialogScript Script, DialogState State, TurnInput Input)
{
    /// <summary>The priority a hand-off node is handing off at, for <c>{case.reply_within}</c>; null elsewhere.</summary>
    public Priority? HandoffPriority { get; init; }

    /// <summary>
    /// Renders one of the variants, chosen by <paramref name="index"/>, else by the host's per-channel rotation (public
    /// threads), else by the conversation's turn number.
    /// </summary>
    public IReadOnlyList<string> Pick(IReadOnlyList<Template> variants, int? index = null)
    {
        ArgumentNullException.ThrowIfNull(variants);
        if (variants.Count == 0)
        {
            return [];
        }

        var i = (index ?? Input.VariantRotation ?? State.Turn) % variants.Count;
        return [Render(variants[Math.Abs(i)].Text)];
    }

    /// <summary>Fills in the placeholders of a text.</summary>
    public string Render(string text) => Placeholders.Render(Input.UserName is null ? UnnamedCustomer.Fit(text) : text, Lookup);

    private string? Lookup(string name) => name switch
    {
        Placeholders.UserName => Input.UserName ?? UnnamedCustomer.Name,
        Placeholders.BrandName => Input.BrandName ?? Script.Brand ?? string.Empty,
        Placeholders.BrandHours => OpeningHours.Describe(OpeningHours.Effective(Script, Input), Input.Now),
        Placeholders.BrandOpens => OpeningHours.NextOpening(OpeningHours.Effective(Script, Input), Input.Now),
        Placeholders.CaseId => Input.CaseId ?? "(pending)",
        Placeholders.CaseReplyWithin => ReplyTime.Within(
            HandoffPriority is { } priority && Input.FirstResponseTargets?.TryGetValue(priority, out var target) == true ? target : null,
            OpeningHours.Effective(Script, Input),
            Input.Now),
        _ when name.StartsWith(Placeholders.CapturedPrefix, StringComparison.Ordinal)
            => State.Captured.GetValueOrDefault(name[Placeholders.CapturedPrefix.Length..])?.Text,
        _ => null,
    };
}
