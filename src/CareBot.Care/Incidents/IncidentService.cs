using System.Globalization;
using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Care.Cases.Notifications;
using CareBot.Care.Conversations;
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
/// exactly once each (one idempotency key per incident, update and customer). With <see cref="IncidentOptions.AttachCases"/>,
/// a hand-off from an attached customer opens a case that belongs to the incident (<see cref="IncidentForHandoffAsync"/>,
/// <see cref="ListCaseAsync"/>) instead of paging an agent, and resolving the incident resolves those cases.
/// </summary>
public sealed class IncidentService(
    IIncidentStore store,
    IncidentDetector detector,
    ICareReportSource conversations,
    ICaseStore cases,
    ICaseEventFeed feed,
    CaseEmails caseEmails,
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

        var group = await detector.ObserveAsync(new ObservedComplaint(words, compound < NegativeCompound, member, text), cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Sends one update to every attached customer privately, once each: in their private conversation, else by email
    /// when their post continued by email; returns the incident with the update.
    /// </summary>
    public async Task<Incident?> PostUpdateAsync(string id, string text, string by, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var reach = await ReachAsync(id, cancellationToken).ConfigureAwait(false);
        return await ChangeAsync(id, incident =>
        {
            var number = incident.Updates.Count + 1;
            var messages = reach.Select(r =>
            {
                var key = $"incident/{incident.Id}/update/{number}/{r.Key}";
                return r.Value.Private is { } conversation
                    ? OutboxPayloads.Message(key, conversation, text.Trim())
                    : EmailOutbox.Message(IncidentEmails.Update(notifications.Value, r.Value.Email!, r.Value.Name, text, key));
            }).ToList();
            IncidentLog.UpdateQueued(logger, incident.Id, number, messages.Count, incident.Members.Count - messages.Count);
            return (incident with { Updates = [.. incident.Updates, new IncidentUpdate(number, text.Trim(), by, time.GetUtcNow())] }, messages);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The open incident this customer's public post is attached to, when hand-offs join incidents
    /// (<see cref="IncidentOptions.AttachCases"/>); else null (the case pages agents as usual).
    /// </summary>
    /// <param name="post">The customer's public post (a private conversation's <c>PublicReference</c>).</param>
    public async Task<string?> IncidentForHandoffAsync(ConversationReference? post, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled || !settings.AttachCases || post?.Conversation?.Id is not { } conversationId || post.User?.Id is not { } userId)
        {
            return null;
        }

        var open = await store.ListAsync(IncidentStatus.Open, 50, cancellationToken).ConfigureAwait(false);
        return open.Select(o => o.Incident).FirstOrDefault(i => i.HasMember(post.ChannelId ?? "unknown", conversationId, userId))?.Id;
    }

    /// <summary>Lists a case a hand-off opens for an attached customer on its incident (just before the turn commits it).</summary>
    public async Task ListCaseAsync(string incidentId, string caseId, CancellationToken cancellationToken)
    {
        if (await ChangeAsync(incidentId, incident => (incident.ListCase(caseId), []), cancellationToken).ConfigureAwait(false) is not null)
        {
            IncidentLog.CaseListed(logger, caseId, incidentId);
        }
    }

    /// <summary>
    /// Resolves the incident and its open cases (a note on each says so), and asks every attached customer once for a
    /// rating: the dialog's <c>case.resolved</c> event in their private conversation, or the resolution email when the
    /// case continued by email. A customer whose case an agent resolved before was asked then, and is not asked again.
    /// Cases are resolved first, so a resolve that stopped half-way finishes when it is repeated.
    /// </summary>
    public async Task<Incident?> ResolveAsync(string id, string by, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return null;
        }

        var (resolvedCases, askedBefore) = await ResolveCasesAsync(stored.Incident, by, cancellationToken).ConfigureAwait(false);
        var reach = await ReachAsync(id, cancellationToken).ConfigureAwait(false);
        var resolved = await ChangeAsync(id, incident =>
        {
            if (incident.Status == IncidentStatus.Resolved)
            {
                return (incident, []);
            }

            var messages = new List<NewOutboxMessage>();
            foreach (var (customer, where) in reach.Where(r => !askedBefore.Contains(r.Key)))
            {
                var key = $"incident/{incident.Id}/resolved/{customer}";
                if (where.Private is { } conversation)
                {
                    messages.Add(OutboxPayloads.DialogEvent(key, new DialogEventDelivery(conversation, DialogEvents.CaseResolved, IsPublic: false)));
                }
                else if (resolvedCases.GetValueOrDefault(customer) is { } byEmail)
                {
                    messages.Add(EmailOutbox.Message(caseEmails.ResolutionNotice(byEmail, where.Email!, key)));
                }
            }

            return (incident with { Status = IncidentStatus.Resolved, ResolvedAt = time.GetUtcNow() }, messages);
        }, cancellationToken).ConfigureAwait(false);
        if (resolved is not null)
        {
            await detector.CoolDownAsync(resolved.KeyWords, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            IncidentLog.Resolved(logger, resolved.Id, by);
        }

        return resolved;
    }

    /// <summary>
    /// Resolves the incident's open cases (queued or claimed). Returns the cases resolved with the incident by customer,
    /// and the customers whose case was resolved before by an agent (who asked for the rating then).
    /// </summary>
    private async Task<(Dictionary<string, Case> Resolved, HashSet<string> AskedBefore)> ResolveCasesAsync(Incident incident, string by, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, Case>(StringComparer.Ordinal);
        var askedBefore = new HashSet<string>(StringComparer.Ordinal);
        foreach (var caseId in incident.CaseIds)
        {
            for (var attempt = 1; ; attempt++)
            {
                if (await cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false) is not { } record)
                {
                    break;
                }

                var value = record.Case;
                var customer = CustomerKeyOf(value);
                if (value.Status == CaseStatus.Resolved)
                {
                    if (value.Notes.Any(n => n.Text.StartsWith(ResolvedWithNote(incident.Id), StringComparison.Ordinal)))
                    {
                        resolved[customer] = value;
                    }
                    else
                    {
                        askedBefore.Add(customer);
                    }

                    break;
                }

                if (value.Status is not (CaseStatus.Queued or CaseStatus.Assigned or CaseStatus.WaitingOnCustomer))
                {
                    break; // handed back to the bot: the conversation goes on there
                }

                var resolvedEvent = value.ResolveWithIncident(incident.Id, by, time.GetUtcNow());
                try
                {
                    await cases.UpdateAsync(value, record.Version, [], cancellationToken).ConfigureAwait(false);
                    feed.Publish(resolvedEvent);
                    resolved[customer] = value;
                    IncidentLog.CaseResolved(logger, caseId, incident.Id);
                    break;
                }
                catch (CaseConflictException) when (attempt < MaxAttempts)
                {
                    IncidentLog.Conflict(logger, caseId, attempt);
                }
            }
        }

        return (resolved, askedBefore);
    }

    /// <summary>How the note on a case resolved with incident <paramref name="incidentId"/> begins (see <see cref="Case.ResolveWithIncident"/>).</summary>
    private static string ResolvedWithNote(string incidentId) => $"Resolved with incident {incidentId} ";

    /// <summary>The customer a case is for, keyed as incident members are: channel/public post/user.</summary>
    private static string CustomerKeyOf(Case value) =>
        $"{value.Customer.ChannelId}/{value.Origin.Public?.Conversation?.Id ?? value.Origin.Private?.Conversation?.Id}/{value.Customer.UserId}";

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
    /// state links back to the post), else the email address their public conversation captured (the post continued by
    /// email because no private chat opened). Keyed by channel/post/user, so each customer gets one message; a customer
    /// with neither is not reachable.
    /// </summary>
    private async Task<Dictionary<string, Reach>> ReachAsync(string id, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, Reach>(StringComparer.Ordinal);
        if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return result;
        }

        var members = stored.Incident.Members.ToDictionary(m => (m.ChannelId, m.ConversationId), m => m);
        var emails = new Dictionary<string, Reach>(StringComparer.Ordinal);
        var since = stored.Incident.FirstSeen - options.CurrentValue.Window;
        foreach (var record in await conversations.ListConversationStatesAsync(since, Analytics.CareReportService.MaxRows, cancellationToken).ConfigureAwait(false))
        {
            var state = CareConversationState.FromJson(record.Utf8Json.Span);
            if (state.Reference is not { ChannelId: { } channel } reference)
            {
                continue;
            }

            if (state.LinkedConversationId is { } post && members.TryGetValue((channel, post), out var member) && reference.User?.Id == member.UserId)
            {
                result[KeyOf(member)] = new Reach(reference, null, reference.User?.Name);
            }
            else if (reference.Conversation?.Id is { } conversationId && members.TryGetValue((channel, conversationId), out var poster)
                && state.Dialog?.Captured.GetValueOrDefault("email")?.Text is { Length: > 0 } email)
            {
                emails[KeyOf(poster)] = new Reach(null, email.Trim(), reference.User?.Name);
            }
        }

        foreach (var (key, byEmail) in emails)
        {
            result.TryAdd(key, byEmail);
        }

        return result;
    }

    private static string KeyOf(IncidentMember member) => $"{member.ChannelId}/{member.ConversationId}/{member.UserId}";

    /// <summary>Where a customer gets incident messages: their private conversation, else an email address.</summary>
    private sealed record Reach(ConversationReference? Private, string? Email, string? Name);
}
