using System.Globalization;
using CareBot.Care.Bot;
using CareBot.Care.Cases.Notifications;
using CareBot.Care.Delivery;
using CareBot.Care.Email;
using CareBot.Care.Stores;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Incidents;

/// <summary>
/// Incident mode: watches public complaints (<see cref="ObservePublicComplaintAsync"/>, called once per public
/// complaint from the turn), opens an incident on a spike and alerts supervisors by email, attaches later matching
/// complaints, and sends an agent's update and the resolution to every attached customer privately through the outbox,
/// exactly once each (one idempotency key per incident, update and customer).
/// </summary>
public sealed class IncidentService(
    IIncidentStore store,
    IncidentDetector detector,
    ICareReportSource conversations,
    OutboxSignal outbox,
    IOptionsMonitor<IncidentOptions> options,
    IOptions<NotificationOptions> notifications,
    TimeProvider time,
    ILogger<IncidentService> logger)
{
    /// <summary>The longest known-issue reply: it is a public acknowledgment, so it stays short.</summary>
    public const int MaxKnownIssueReplyLength = 280;

    /// <summary>The longest update text.</summary>
    public const int MaxUpdateLength = 2_000;

    private const int MaxAttempts = 5;
    private const double NegativeCompound = -0.05;

    /// <summary>
    /// Looks at one public complaint: attached to a matching open incident (returns it, with its known-issue reply), or
    /// counted by the detector (may open an incident, then returns null: the first posts get the dialog's own reply).
    /// </summary>
    public async Task<IncidentMatch?> ObservePublicComplaintAsync(ConversationReference reference, string text, double compound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(text);
        var settings = options.CurrentValue;
        if (!settings.Enabled || reference.Conversation?.Id is not { } conversationId || reference.User?.Id is not { } userId)
        {
            return null;
        }

        var words = KeyWords.Of(text);
        var member = new IncidentMember(reference.ChannelId ?? "unknown", conversationId, userId, reference, time.GetUtcNow());
        for (var attempt = 1; ; attempt++)
        {
            var open = await store.ListAsync(IncidentStatus.Open, 50, cancellationToken).ConfigureAwait(false);
            var match = open.FirstOrDefault(i => KeyWords.Shared(i.Incident.KeyWords, words) >= settings.SharedKeyWords);
            if (match.Incident is null)
            {
                break;
            }

            try
            {
                await store.SaveAsync(match.Incident.Attach(member, text), match.Version, [], cancellationToken).ConfigureAwait(false);
                IncidentLog.Attached(logger, reference.ChannelId, match.Incident.Id);
                return new IncidentMatch(match.Incident.Id, match.Incident.KnownIssueReply, settings.AttachCases);
            }
            catch (IncidentConflictException) when (attempt < MaxAttempts)
            {
                IncidentLog.Conflict(logger, match.Incident.Id, attempt);
            }
        }

        var group = detector.Observe(new ObservedComplaint(words, compound < NegativeCompound, member, text));
        if (group is not null)
        {
            await OpenAsync(group, settings, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private async Task OpenAsync(IReadOnlyList<ObservedComplaint> group, IncidentOptions settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var topic = IncidentDetector.TopicOf(group, settings.SharedKeyWords);
        var incident = new Incident
        {
            Id = "I-" + now.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..4],
            KeyWords = topic,
            FirstSeen = group.Min(p => p.Member.At),
            LastSeen = group.Max(p => p.Member.At),
        };
        foreach (var post in group)
        {
            incident = incident.Attach(post.Member, post.Text);
        }

        var alert = notifications.Value.AgentEmail is { Length: > 0 } to
            ? new[]
            {
                EmailOutbox.Message(new EmailMessage(
                    "incident-alert/" + incident.Id,
                    to,
                    null,
                    $"Incident {incident.Id}: {incident.Count} similar public complaints about '{incident.Topic}'",
                    $"{incident.Count} customers complained in public about '{incident.Topic}' since {incident.FirstSeen:u}.\n\n" +
                    "Set a known-issue reply and post updates in the console: " + notifications.Value.ConsoleUrl.TrimEnd('/') + "/incidents\n")),
            }
            : [];
        await store.SaveAsync(incident, 0, alert, cancellationToken).ConfigureAwait(false);
        IncidentLog.Opened(logger, incident.Id, incident.Topic, incident.Count);
        if (alert.Length > 0)
        {
            outbox.Notify();
        }
    }

    /// <summary>Sets the known-issue public reply (short, no private data: it is posted in public).</summary>
    public Task<Incident?> SetKnownIssueReplyAsync(string id, string reply, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reply);
        return ChangeAsync(id, incident => (incident with { KnownIssueReply = reply.Trim() }, []), cancellationToken);
    }

    /// <summary>Sends one update to every attached customer privately, once each; returns the incident with the update.</summary>
    public async Task<Incident?> PostUpdateAsync(string id, string text, string by, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var recipients = await PrivateReferencesAsync(id, cancellationToken).ConfigureAwait(false);
        return await ChangeAsync(id, incident =>
        {
            var number = incident.Updates.Count + 1;
            var messages = recipients
                .Select(r => OutboxPayloads.Message($"incident/{incident.Id}/update/{number}/{r.Key}", r.Value, text.Trim()))
                .ToList();
            IncidentLog.UpdateQueued(logger, incident.Id, number, messages.Count, incident.Members.Count - messages.Count);
            return (incident with { Updates = [.. incident.Updates, new IncidentUpdate(number, text.Trim(), by, time.GetUtcNow())] }, messages);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resolves the incident and asks every attached customer, privately, for a rating (the dialog's <c>case.resolved</c> event).</summary>
    public async Task<Incident?> ResolveAsync(string id, string by, CancellationToken cancellationToken)
    {
        var recipients = await PrivateReferencesAsync(id, cancellationToken).ConfigureAwait(false);
        var resolved = await ChangeAsync(id, incident =>
        {
            if (incident.Status == IncidentStatus.Resolved)
            {
                return (incident, []);
            }

            var messages = recipients
                .Select(r => OutboxPayloads.DialogEvent($"incident/{incident.Id}/resolved/{r.Key}", new DialogEventDelivery(r.Value, DialogEvents.CaseResolved, IsPublic: false)))
                .ToList();
            return (incident with { Status = IncidentStatus.Resolved, ResolvedAt = time.GetUtcNow() }, messages);
        }, cancellationToken).ConfigureAwait(false);
        if (resolved is not null)
        {
            detector.CoolDown(resolved.KeyWords, time.GetUtcNow());
            IncidentLog.Resolved(logger, resolved.Id, by);
        }

        return resolved;
    }

    private async Task<Incident?> ChangeAsync(string id, Func<Incident, (Incident Changed, IReadOnlyList<NewOutboxMessage> Outbox)> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                return null;
            }

            var (changed, messages) = change(stored.Incident);
            try
            {
                await store.SaveAsync(changed, stored.Version, messages, cancellationToken).ConfigureAwait(false);
                if (messages.Count > 0)
                {
                    outbox.Notify();
                }

                return changed;
            }
            catch (IncidentConflictException) when (attempt < MaxAttempts)
            {
                IncidentLog.Conflict(logger, id, attempt);
            }
        }
    }

    /// <summary>
    /// Where each attached customer is reached privately: the 1:1 conversation their public post moved to (its stored
    /// state links back to the post). Keyed by channel/conversation/user, so each customer gets one message; a customer
    /// whose private conversation never opened is not reachable this way.
    /// </summary>
    private async Task<Dictionary<string, ConversationReference>> PrivateReferencesAsync(string id, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, ConversationReference>(StringComparer.Ordinal);
        if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return result;
        }

        var members = stored.Incident.Members.ToDictionary(m => (m.ChannelId, m.ConversationId), m => m);
        var since = stored.Incident.FirstSeen - options.CurrentValue.Window;
        foreach (var record in await conversations.ListConversationStatesAsync(since, Analytics.CareReportService.MaxRows, cancellationToken).ConfigureAwait(false))
        {
            var state = CareConversationState.FromJson(record.Json);
            if (state.LinkedConversationId is { } post && state.Reference is { ChannelId: { } channel } reference
                && members.TryGetValue((channel, post), out var member) && reference.User?.Id == member.UserId)
            {
                result[$"{member.ChannelId}/{member.ConversationId}/{member.UserId}"] = reference;
            }
        }

        return result;
    }
}
