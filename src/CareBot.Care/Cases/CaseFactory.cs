using CareBot.Care.Stores;
using CareBot.Care.Triage;
using CareBot.Dialogs.Runtime;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Cases;

/// <summary>
/// Opens the case for a dialog's hand-off: draws its number, applies the SLA table for its priority at the current time,
/// records the turn's triage and queues it. The caller puts the case in the turn's <see cref="TurnCommit"/>.
/// </summary>
public sealed class CaseFactory(ICaseStore cases, IOptions<CaseOptions> options, TimeProvider time)
{
    /// <summary>The creation key of a hand-off: unique per conversation and dialog turn, equal on every retry of that turn.</summary>
    public static string CreationKey(string conversationKey, long turn) =>
        conversationKey + "#" + turn.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<(Case Case, IReadOnlyList<CaseEvent> Events)> OpenAsync(
        HandoffEffect handoff,
        string creationKey,
        CaseCustomer customer,
        CaseOrigin origin,
        TriageResult? triage,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        var number = await cases.NextNumberAsync(cancellationToken).ConfigureAwait(false);
        return Open(number, handoff, creationKey, customer, origin, triage);
    }

    /// <summary>
    /// Opens the case with a number drawn earlier (the bot draws it before the turn so the hand-off message can name the
    /// case it is creating).
    /// </summary>
    public (Case Case, IReadOnlyList<CaseEvent> Events) Open(
        long number,
        HandoffEffect handoff,
        string creationKey,
        CaseCustomer customer,
        CaseOrigin origin,
        TriageResult? triage)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        var now = time.GetUtcNow();
        var sla = options.Value;
        var (opened, created) = Case.Open(
            number, creationKey, customer, origin, handoff.Queue, handoff.Priority, handoff.Reason, handoff.Captured, sla.TargetFor(handoff.Priority), now);
        var events = new List<CaseEvent> { created };
        if (triage is not null)
        {
            var snapshot = TriageSnapshot.From(triage, now);
            events.Add(opened.RecordTriage(snapshot, sla.TargetFor(snapshot.Priority)));
            events.Add(opened.RecordCustomerMessage(origin.Private is null ? CaseThread.Public : CaseThread.Private, triage.Text, now));
        }

        events.Add(opened.RecordBotMessage(origin.Private is null ? CaseThread.Public : CaseThread.Private, handoff.ToldCustomer, now));
        events.Add(opened.Enqueue(now));
        return (opened, events);
    }
}
