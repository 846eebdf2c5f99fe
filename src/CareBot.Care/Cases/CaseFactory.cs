using CareBot.Care.Stores;
using CareBot.Dialogs.Runtime;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Cases;

/// <summary>
/// Opens the case for a dialog's hand-off: applies the SLA table for its priority at the current time, copies the
/// conversation so far and its triage (which may escalate the priority) and queues it. The caller puts the case in the
/// turn's <see cref="TurnCommit"/>.
/// </summary>
public sealed class CaseFactory(IOptions<CaseOptions> options, TimeProvider time, SlaClock? clock = null)
{
    /// <summary>The creation key of a hand-off: unique per conversation and dialog turn, equal on every retry of that turn.</summary>
    public static string CreationKey(string conversationKey, long turn) =>
        conversationKey + "#" + turn.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Opens the case with a number drawn before the turn (<see cref="ICaseStore.NextNumberAsync"/>), so the hand-off
    /// message can name the case it is creating.
    /// </summary>
    /// <param name="number">The case number.</param>
    /// <param name="handoff">The dialog's hand-off.</param>
    /// <param name="creationKey">See <see cref="CreationKey"/>.</param>
    /// <param name="customer">Who the case is for.</param>
    /// <param name="origin">The conversations the case answers through.</param>
    /// <param name="transcript">What was said so far, oldest first, including the hand-off message.</param>
    /// <param name="triage">The triage of the customer's messages so far, oldest first.</param>
    public (Case Case, IReadOnlyList<CaseEvent> Events) Open(
        long number,
        HandoffEffect handoff,
        string creationKey,
        CaseCustomer customer,
        CaseOrigin origin,
        IReadOnlyList<CaseMessage> transcript,
        IReadOnlyList<TriageSnapshot> triage)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(triage);
        var now = time.GetUtcNow();
        var sla = options.Value;
        var (opened, created) = Case.Open(
            number, creationKey, customer, origin, handoff.Queue, handoff.Priority, handoff.Reason, handoff.Captured, sla.TargetFor(handoff.Priority), now, clock);
        var events = new List<CaseEvent> { created };
        foreach (var snapshot in triage)
        {
            events.Add(opened.RecordTriage(snapshot, sla.TargetFor(snapshot.Priority), clock));
        }

        if (transcript.Count > 0)
        {
            events.Add(opened.AddHistory(transcript, now));
        }

        events.Add(opened.Enqueue(now));
        return (opened, events);
    }
}
