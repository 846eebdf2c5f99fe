using System.Globalization;
using System.Text.Json.Serialization;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;

namespace CareBot.Care.Cases;

/// <summary>
/// The care ticket a hand-off opens. Every change is a method named after the move; a move the status does not allow
/// throws <see cref="InvalidCaseTransitionException"/> (never a silent no-op), and every move returns the
/// <see cref="CaseEvent"/> the caller raises.
/// </summary>
/// <remarks>
/// Ids are <c>C-{Number}</c>. The number comes from the database (<c>ICaseStore.NextNumberAsync</c>: a PostgreSQL
/// sequence or a SQLite AUTOINCREMENT table) before the turn commits, so it is unique across instances and the
/// customer's email can quote it; a turn that is retried wastes a number, which only leaves a gap.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "Case is the care vocabulary (STYLE 2); VB callers can escape it.")]
public sealed class Case
{
    [JsonConstructor]
    private Case()
    {
    }

    public string Id => IdOf(Number);

    /// <summary>The id a case with this number has, e.g. <c>C-1042</c>.</summary>
    public static string IdOf(long number) => "C-" + number.ToString(CultureInfo.InvariantCulture);

    [JsonInclude]
    public long Number { get; private set; }

    /// <summary>Unique per hand-off (conversation key + dialog turn): committing the same hand-off twice makes one case.</summary>
    [JsonInclude]
    public string CreationKey { get; private set; } = string.Empty;

    [JsonInclude]
    public CaseCustomer Customer { get; private set; } = null!;

    [JsonInclude]
    public CaseOrigin Origin { get; private set; } = null!;

    [JsonInclude]
    public IReadOnlyDictionary<string, CapturedValue> Captured { get; private set; } = new Dictionary<string, CapturedValue>();

    /// <summary>Why the bot handed off: the hand-off node and the triage signals.</summary>
    [JsonInclude]
    public string Reason { get; private set; } = string.Empty;

    [JsonInclude]
    public IReadOnlyList<TriageSnapshot> Triage { get; private set; } = [];

    [JsonInclude]
    public Priority Priority { get; private set; }

    [JsonInclude]
    public string Queue { get; private set; } = string.Empty;

    [JsonInclude]
    public CaseStatus Status { get; private set; }

    [JsonInclude]
    public DateTimeOffset CreatedAt { get; private set; }

    [JsonInclude]
    public DateTimeOffset FirstResponseDue { get; private set; }

    [JsonInclude]
    public DateTimeOffset ResolutionDue { get; private set; }

    [JsonInclude]
    public DateTimeOffset? FirstRespondedAt { get; private set; }

    [JsonInclude]
    public DateTimeOffset? ResolvedAt { get; private set; }

    [JsonInclude]
    public string? Assignee { get; private set; }

    [JsonInclude]
    public IReadOnlyList<CaseMessage> Transcript { get; private set; } = [];

    [JsonInclude]
    public IReadOnlyList<CaseNote> Notes { get; private set; } = [];

    /// <summary>Whether the case still waits for or is with an agent (new, queued, assigned, waiting on the customer).</summary>
    [JsonIgnore]
    public bool IsOpen => Status is CaseStatus.New or CaseStatus.Queued or CaseStatus.Assigned or CaseStatus.WaitingOnCustomer;

    /// <summary>The customer's email address as the dialog captured it (capture name <c>email</c>), or null.</summary>
    [JsonIgnore]
    public string? CapturedEmail =>
        Captured.TryGetValue("email", out var email) && !string.IsNullOrWhiteSpace(email.Text) ? email.Text.Trim() : null;

    /// <summary>Labels agents put on the case (lower case, see <see cref="CaseTags"/>), in the order they were added.</summary>
    [JsonInclude]
    public IReadOnlyList<string> Tags { get; private set; } = [];

    /// <summary>
    /// The incident this case belongs to (<c>I-…</c>), when the customer's public post was part of one: agents are not
    /// paged for it separately, and resolving the incident resolves it.
    /// </summary>
    [JsonInclude]
    public string? IncidentId { get; private set; }

    /// <summary>The customer's satisfaction rating, 1 to 5, once given.</summary>
    [JsonInclude]
    public int? Rating { get; private set; }

    /// <summary>
    /// Until when the channel lets the bot and agents write to the customer unprompted (Meta's 24-hour window after their
    /// last message); null where the channel has no such window. Past it, replies wait for the customer or go by email.
    /// </summary>
    [JsonInclude]
    public DateTimeOffset? ReplyWindowClosesAt { get; private set; }

    /// <summary>
    /// The channel reports the customer's reply window (each of their messages moves it). A fact about the channel, not a
    /// move of the case, so it raises no event; it never moves backwards.
    /// </summary>
    public void ExtendReplyWindow(DateTimeOffset closesAt)
    {
        if (ReplyWindowClosesAt is not { } current || closesAt > current)
        {
            ReplyWindowClosesAt = closesAt;
        }
    }

    /// <summary>Reads the number out of an id like <c>C-1042</c>.</summary>
    public static bool TryParseId(string? id, out long number)
    {
        number = 0;
        return id is not null
            && id.StartsWith("C-", StringComparison.Ordinal)
            && long.TryParse(id.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && number > 0;
    }

    /// <summary>
    /// Opens a case in status <see cref="CaseStatus.New"/> with SLA due times counted from <paramref name="at"/> by
    /// <paramref name="clock"/> (the brand's open time; null counts every hour).
    /// </summary>
    public static (Case Case, CaseEvent Created) Open(
        long number,
        string creationKey,
        CaseCustomer customer,
        CaseOrigin origin,
        string queue,
        Priority priority,
        string reason,
        IReadOnlyDictionary<string, CapturedValue> captured,
        SlaTarget sla,
        DateTimeOffset at,
        SlaClock? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        ArgumentException.ThrowIfNullOrWhiteSpace(creationKey);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        ArgumentNullException.ThrowIfNull(captured);
        ArgumentNullException.ThrowIfNull(sla);
        var (firstResponseDue, resolutionDue) = (clock ?? SlaClock.Calendar).DueTimes(at, sla);
        var opened = new Case
        {
            Number = number,
            CreationKey = creationKey,
            Customer = customer,
            Origin = origin,
            Queue = queue,
            Priority = priority,
            Reason = reason ?? string.Empty,
            Captured = new Dictionary<string, CapturedValue>(captured, StringComparer.Ordinal),
            Status = CaseStatus.New,
            CreatedAt = at,
            FirstResponseDue = firstResponseDue,
            ResolutionDue = resolutionDue,
        };
        return (opened, opened.Event(CaseEventNames.Created, at, queue));
    }

    /// <summary>New → Queued: the case waits for an agent.</summary>
    public CaseEvent Enqueue(DateTimeOffset at)
    {
        Require(nameof(Enqueue), "Only a new case is queued; a claimed case is released by handing it back.", CaseStatus.New);
        Status = CaseStatus.Queued;
        return Event(CaseEventNames.Queued, at, Queue);
    }

    /// <summary>Queued → Assigned to <paramref name="agent"/>. The first claim is the first response for the SLA.</summary>
    public CaseEvent Claim(string agent, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        Require(nameof(Claim), "Only a queued case can be claimed; it may already belong to someone.", CaseStatus.Queued);
        Status = CaseStatus.Assigned;
        Assignee = agent;
        FirstRespondedAt ??= at;
        return Event(CaseEventNames.Assigned, at, agent);
    }

    /// <summary>Assigned → WaitingOnCustomer: the agent asked the customer something.</summary>
    public CaseEvent WaitForCustomer(DateTimeOffset at)
    {
        Require(nameof(WaitForCustomer), "Only a case an agent is working on can wait for the customer.", CaseStatus.Assigned);
        Status = CaseStatus.WaitingOnCustomer;
        return Event(CaseEventNames.WaitingOnCustomer, at);
    }

    /// <summary>
    /// Records a customer message in the transcript. A case waiting on the customer goes back to Assigned. A closed case
    /// throws: the bot starts a new conversation instead.
    /// </summary>
    public CaseEvent RecordCustomerMessage(CaseThread thread, string text, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(text);
        RequireOpen(nameof(RecordCustomerMessage));
        Transcript = [.. Transcript, new CaseMessage(at, thread, CaseAuthor.Customer, Customer.Name, text)];
        if (Status == CaseStatus.WaitingOnCustomer)
        {
            Status = CaseStatus.Assigned;
            return Event(CaseEventNames.CustomerReplied, at);
        }

        return Event(CaseEventNames.MessageAdded, at, nameof(CaseAuthor.Customer));
    }

    /// <summary>Copies what was said before the hand-off (public and private lines) into a new case's transcript.</summary>
    public CaseEvent AddHistory(IReadOnlyList<CaseMessage> lines, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(lines);
        Require(nameof(AddHistory), "The history is copied when the case opens.", CaseStatus.New);
        Transcript = [.. Transcript, .. lines];
        return Event(CaseEventNames.MessageAdded, at, "history");
    }

    /// <summary>Records a bot line in the transcript (what the bot said before and at the hand-off).</summary>
    public CaseEvent RecordBotMessage(CaseThread thread, string text, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(text);
        RequireOpen(nameof(RecordBotMessage));
        Transcript = [.. Transcript, new CaseMessage(at, thread, CaseAuthor.Bot, null, text)];
        return Event(CaseEventNames.MessageAdded, at, nameof(CaseAuthor.Bot));
    }

    /// <summary>Records the assignee's reply; only the assignee of a claimed case may reply.</summary>
    public CaseEvent RecordAgentMessage(string agent, CaseThread thread, string text, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        ArgumentNullException.ThrowIfNull(text);
        Require(nameof(RecordAgentMessage), "Claim the case before replying.", CaseStatus.Assigned, CaseStatus.WaitingOnCustomer);
        if (!string.Equals(agent, Assignee, StringComparison.Ordinal))
        {
            throw new InvalidCaseTransitionException(Id, Status, nameof(RecordAgentMessage), $"It is assigned to '{Assignee}', not '{agent}'.");
        }

        Transcript = [.. Transcript, new CaseMessage(at, thread, CaseAuthor.Agent, agent, text)];
        return Event(CaseEventNames.MessageAdded, at, nameof(CaseAuthor.Agent));
    }

    /// <summary>
    /// Adds a triage snapshot. A higher priority escalates the case and moves its SLA due times to that priority's
    /// targets (counted from creation by <paramref name="clock"/>; null counts every hour); a lower one never lowers it.
    /// </summary>
    public CaseEvent RecordTriage(TriageSnapshot snapshot, SlaTarget slaForNewPriority, SlaClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(slaForNewPriority);
        RequireOpen(nameof(RecordTriage));
        Triage = [.. Triage, snapshot];
        if (snapshot.Priority <= Priority)
        {
            return Event(CaseEventNames.Triaged, snapshot.At, snapshot.Label);
        }

        Priority = snapshot.Priority;
        var (firstResponseDue, resolutionDue) = (clock ?? SlaClock.Calendar).DueTimes(CreatedAt, slaForNewPriority);
        FirstResponseDue = Min(FirstResponseDue, firstResponseDue);
        ResolutionDue = Min(ResolutionDue, resolutionDue);
        return Event(CaseEventNames.Escalated, snapshot.At, Priority.ToString());
    }

    /// <summary>Assigned or WaitingOnCustomer → Resolved.</summary>
    public CaseEvent Resolve(DateTimeOffset at)
    {
        Require(nameof(Resolve), "Only a claimed case is resolved; claim it first.", CaseStatus.Assigned, CaseStatus.WaitingOnCustomer);
        Status = CaseStatus.Resolved;
        ResolvedAt = at;
        return Event(CaseEventNames.Resolved, at, Assignee);
    }

    /// <summary>
    /// A new or queued case joins an open incident (its customer's public post is attached to it); a note says so, for
    /// the audit trail and the agent who opens the case.
    /// </summary>
    public CaseEvent AttachToIncident(string incidentId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(incidentId);
        Require(nameof(AttachToIncident), "A case joins an incident when it opens.", CaseStatus.New, CaseStatus.Queued);
        IncidentId = incidentId;
        Notes = [.. Notes, new CaseNote(at, "bot", $"Part of incident {incidentId}: agents are not paged for this case separately.")];
        return Event(CaseEventNames.IncidentAttached, at, incidentId);
    }

    /// <summary>
    /// Queued, Assigned or WaitingOnCustomer → Resolved because its incident was resolved (no claim needed: the incident
    /// answered everyone at once). A note records who resolved the incident.
    /// </summary>
    public CaseEvent ResolveWithIncident(string incidentId, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(incidentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        Require(nameof(ResolveWithIncident), "Only an open case (queued or claimed) is resolved with its incident.",
            CaseStatus.Queued, CaseStatus.Assigned, CaseStatus.WaitingOnCustomer);
        Status = CaseStatus.Resolved;
        ResolvedAt = at;
        Notes = [.. Notes, new CaseNote(at, by, $"Resolved with incident {incidentId} by {by}.")];
        return Event(CaseEventNames.Resolved, at, by);
    }

    /// <summary>Queued, Assigned or WaitingOnCustomer → HandedBack: the bot takes the conversation again.</summary>
    public CaseEvent HandBack(DateTimeOffset at)
    {
        Require(nameof(HandBack), "Only a case waiting for or with an agent can be handed back to the bot.",
            CaseStatus.Queued, CaseStatus.Assigned, CaseStatus.WaitingOnCustomer);
        Status = CaseStatus.HandedBack;
        return Event(CaseEventNames.HandedBack, at);
    }

    /// <summary>Records the customer's satisfaction rating (1-5), once, on a resolved case.</summary>
    public CaseEvent RecordRating(int rating, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rating, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rating, 5);
        Require(nameof(RecordRating), "Ask for a rating only after resolving the case.", CaseStatus.Resolved);
        if (Rating is not null)
        {
            throw new InvalidCaseTransitionException(Id, Status, nameof(RecordRating), $"It was already rated {Rating}; a rating is recorded once.");
        }

        Rating = rating;
        return Event(CaseEventNames.Rated, at, rating.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A supervisor gives an open case (queued or with an agent) to <paramref name="agent"/>: Queued → Assigned, a claimed
    /// case keeps its status. A note records who moved it from whom, so the audit trail says it was not a claim.
    /// </summary>
    public CaseEvent Reassign(string agent, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        Require(nameof(Reassign), "Only a queued or claimed case can be given to an agent.", CaseStatus.Queued, CaseStatus.Assigned, CaseStatus.WaitingOnCustomer);
        if (string.Equals(agent, Assignee, StringComparison.Ordinal))
        {
            throw new InvalidCaseTransitionException(Id, Status, nameof(Reassign), $"It is already assigned to '{agent}'.");
        }

        var from = Assignee;
        if (Status == CaseStatus.Queued)
        {
            Status = CaseStatus.Assigned;
        }

        Assignee = agent;
        FirstRespondedAt ??= at;
        Notes = [.. Notes, new CaseNote(at, by, $"{by} reassigned the case from {from ?? "the queue"} to {agent}.")];
        return Event(CaseEventNames.Reassigned, at, agent);
    }

    /// <summary>
    /// A supervisor sets an open case's priority (up or down); the SLA due times become that priority's targets counted
    /// from creation (by <paramref name="clock"/>; null counts every hour). A note records who changed it from what.
    /// </summary>
    public CaseEvent ChangePriority(Priority priority, string by, SlaTarget slaForNewPriority, DateTimeOffset at, SlaClock? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        ArgumentNullException.ThrowIfNull(slaForNewPriority);
        RequireOpen(nameof(ChangePriority));
        if (priority == Priority)
        {
            throw new InvalidCaseTransitionException(Id, Status, nameof(ChangePriority), $"Its priority is already {priority}.");
        }

        var from = Priority;
        Priority = priority;
        (FirstResponseDue, ResolutionDue) = (clock ?? SlaClock.Calendar).DueTimes(CreatedAt, slaForNewPriority);
        Notes = [.. Notes, new CaseNote(at, by, $"{by} changed the priority from {from} to {priority}.")];
        return Event(CaseEventNames.PriorityChanged, at, priority.ToString());
    }

    /// <summary>Adds an internal note; allowed in every status (agents annotate closed cases too).</summary>
    public CaseEvent AddNote(string author, string text, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Notes = [.. Notes, new CaseNote(at, author, text)];
        return Event(CaseEventNames.NoteAdded, at, author);
    }

    /// <summary>Puts a tag on the case (in every status); a note records who, so the audit trail has it.</summary>
    public CaseEvent AddTag(string tag, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        var normalized = CaseTags.Normalize(tag) ?? throw new ArgumentException(CaseTags.Rule, nameof(tag));
        if (Tags.Contains(normalized, StringComparer.Ordinal))
        {
            throw new InvalidCaseTransitionException($"Case {Id} is already tagged '{normalized}'.");
        }

        if (Tags.Count >= CaseTags.MaxPerCase)
        {
            throw new InvalidCaseTransitionException($"Case {Id} has {CaseTags.MaxPerCase} tags, the most a case may have.");
        }

        Tags = [.. Tags, normalized];
        Notes = [.. Notes, new CaseNote(at, by, $"{by} tagged the case '{normalized}'.")];
        return Event(CaseEventNames.Tagged, at, normalized);
    }

    /// <summary>Takes a tag off the case; a note records who.</summary>
    public CaseEvent RemoveTag(string tag, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        var normalized = CaseTags.Normalize(tag);
        if (normalized is null || !Tags.Contains(normalized, StringComparer.Ordinal))
        {
            throw new InvalidCaseTransitionException($"Case {Id} is not tagged '{tag}'.");
        }

        Tags = [.. Tags.Where(t => !string.Equals(t, normalized, StringComparison.Ordinal))];
        Notes = [.. Notes, new CaseNote(at, by, $"{by} removed the tag '{normalized}'.")];
        return Event(CaseEventNames.Untagged, at, normalized);
    }

    private void Require(string transition, string hint, params CaseStatus[] allowed)
    {
        if (Array.IndexOf(allowed, Status) < 0)
        {
            throw new InvalidCaseTransitionException(Id, Status, transition, hint);
        }
    }

    private void RequireOpen(string transition) =>
        Require(transition, "The case is closed; a new message starts a new conversation.",
            CaseStatus.New, CaseStatus.Queued, CaseStatus.Assigned, CaseStatus.WaitingOnCustomer);

    private CaseEvent Event(string name, DateTimeOffset at, string? detail = null) => new(name, Id, at, detail);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
}
