using CareBot.Dialogs.Capture;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Templates;

namespace CareBot.Dialogs.Runtime.Nodes;

/// <summary>Decides whether a branch condition holds for this turn.</summary>
public static class ConditionEvaluator
{
    /// <summary>The first case whose condition holds (a branch's cases, a listen or ask node's interrupts), or null.</summary>
    public static BranchCase? FirstThatHolds(IReadOnlyList<BranchCase> cases, NodeContext context)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return cases.FirstOrDefault(c => Holds(c.When, context));
    }

    /// <summary>True when every part of the condition that is set holds.</summary>
    public static bool Holds(Condition condition, NodeContext context)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(context);
        var input = context.Input;
        var triage = input.Triage;
        var captured = context.State.Captured;

        if (condition.Public is { } isPublic && input.IsPublic != isPublic)
        {
            return false;
        }

        // The turn that opens a private chat from a public post has no message: its signals and words are the post's.
        var opensPrivateChat = input.Text is null && input.Event is null && !input.IsPublic;
        var text = opensPrivateChat ? context.State.PostText : input.Text;
        if (condition.Signals.Count > 0
            && !condition.Signals.Any(signal => triage.Has(signal) || (opensPrivateChat && context.State.PostSignals.Contains(signal, StringComparer.OrdinalIgnoreCase))))
        {
            return false;
        }

        if ((condition.SentimentBelow is { } below && !(triage.Sentiment < below))
            || (condition.SentimentAbove is { } above && !(triage.Sentiment > above))
            || (condition.Sentiment is { } label && !string.Equals(label, triage.SentimentLabel, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var language = triage.Language == TriageAnnotations.UnknownLanguage ? context.State.PostLanguage ?? triage.Language : triage.Language;
        if ((condition.Language.Count > 0 && !condition.Language.Contains(language, StringComparer.OrdinalIgnoreCase))
            || condition.LanguageNot.Contains(language, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        if (condition.WordsAtLeast is { } words && TextMatch.WordCount(text ?? string.Empty) < words)
        {
            return false;
        }

        if (condition.ToSomeoneElse is { } someoneElse
            && OpeningHandles.IsToSomeoneElse(input.Text, input.BrandName ?? context.Script.Brand, context.Script.Handles) != someoneElse)
        {
            return false;
        }

        if (condition.Mentions.Count > 0 && (text is null || !condition.Mentions.Any(spec => CaptureParser.TryFind(spec, text, out _))))
        {
            return false;
        }

        if (condition.Keywords.Count > 0 && (text is null || !TextMatch.ContainsAnyPhrase(text, condition.Keywords)))
        {
            return false;
        }

        if (condition.KeywordsNot.Count > 0 && text is not null && TextMatch.ContainsAnyPhrase(text, condition.KeywordsNot))
        {
            return false;
        }

        if (condition.Captured.Any(kv => !string.Equals(captured.GetValueOrDefault(kv.Key)?.Text, kv.Value, StringComparison.OrdinalIgnoreCase))
            || condition.Has.Any(name => !captured.ContainsKey(name))
            || condition.Missing.Any(captured.ContainsKey))
        {
            return false;
        }

        if (condition.BusinessHours is { } open && IsOpen(context.Script, input) != open)
        {
            return false;
        }

        if (condition.Integration is { } integration && !input.Integrations.Contains(integration, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        // The conversation's priority so far (this message's included): an angry first message keeps "high" through the
        // calm answers after it.
        return condition.PriorityAtLeast is not { } least || context.State.PeakPriority >= least;
    }

    /// <summary>
    /// Whether the turn falls within business hours: the admin's schedule passed with the turn when there is one (it wins
    /// over the script's, so one change at /admin/settings reaches every dialog), else the script's own; a script
    /// without hours is always open. The same schedule <c>{brand.hours}</c> and <c>{brand.opens}</c> describe.
    /// </summary>
    public static bool IsOpen(DialogScript script, TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return OpeningHours.Effective(script, input) is not { } schedule || schedule.IsOpen(input.Now);
    }
}
