using System.Globalization;
using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Dialogs;
using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.ScriptTests;

namespace CareBot.Web.Studio;

/// <summary>
/// A "Try it" conversation with a draft. It runs the pure dialog runtime over the draft's own in-memory script set,
/// through the same <see cref="ConversationDriver"/> the script tests use: no conversation state, case, outbox row or
/// email is written, no lookup is made (each answers "not configured", though <c>integration:</c> branches see the
/// server's integrations, as a customer's conversation does), and effects are only described. Only triage is real (it is a
/// pure computation over the text).
/// </summary>
public sealed class StudioTrySession
{
    private readonly ConversationDriver driver;
    private readonly ITurnAnnotator annotator;
    private readonly List<TryTurn> turns = [];

    /// <param name="live">The brand name and business hours live conversations get now (saved in the settings), so the draft
    /// answers and branches as it would for a customer.</param>
    /// <param name="cases">The SLA targets live hand-offs promise (<c>{case.reply_within}</c>).</param>
    /// <param name="integrations">The integrations configured on this server, for <c>integration:</c> branches.</param>
    internal StudioTrySession(
        DialogRuntime runtime, string scriptId, bool startPublic, string userName, ITurnAnnotator annotator, DateTimeOffset now, CareBotOptions live, CaseOptions cases,
        IReadOnlySet<string> integrations)
    {
        driver = new ConversationDriver(runtime, scriptId, startPublic)
        {
            UserName = userName,
            CaseId = "C-TRY",
            Now = now,
            BrandName = live.BrandName,
            Schedule = live.BusinessHours?.ToSchedule(),
            FirstResponseTargets = cases.FirstResponseTargets,
            Integrations = integrations,
        };
        this.annotator = annotator;
    }

    /// <summary>The turns so far, oldest first.</summary>
    public IReadOnlyList<TryTurn> Turns => turns;

    /// <summary>Whether the next message goes to the public thread (take-offline switches to private).</summary>
    public bool IsPublic => driver.IsPublic;

    /// <summary>The admin, as the customer, says something.</summary>
    /// <exception cref="DialogRuntimeException">The draft failed at run time (e.g. it loops).</exception>
    public async Task<TryTurn> SayAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var triage = await annotator.AnnotateAsync(text, cancellationToken).ConfigureAwait(false);
        var isPublic = driver.IsPublic;
        var step = driver.Send(new TurnInput { Text = text, Triage = triage });
        var captured = step.State.Captured.ToDictionary(kv => kv.Key, kv => kv.Value.Text, StringComparer.Ordinal);
        if (driver.CurrentState is { } current)
        {
            foreach (var (name, value) in current.Captured)
            {
                captured[name] = value.Text;
            }
        }

        var turn = new TryTurn(
            text,
            isPublic,
            [.. step.Replies.Select(r => (r.IsPublic ? "public" : "private", r.Text))],
            step.NodePath,
            captured,
            [.. triage.Signals.Order(StringComparer.OrdinalIgnoreCase)],
            string.Create(CultureInfo.InvariantCulture, $"{triage.SentimentLabel} ({triage.Sentiment:0.00})"),
            [.. step.Effects.Select(ConversationDriver.Describe)]);
        turns.Add(turn);
        return turn;
    }
}
