namespace CareBot.Care.Incidents;

/// <summary>
/// A spike of similar public complaints grouped under one: its topic (the key words the posts share), when it was
/// first and last seen, example posts, the attached customers, the known-issue public reply an admin set, and the
/// updates sent to everyone. Stored as one JSON document.
/// </summary>
public sealed record Incident
{
    /// <summary>How many example posts are kept.</summary>
    public const int MaxExamples = 5;

    /// <summary>Ids look like <c>I-20261110-0930-a1b2</c>.</summary>
    public required string Id { get; init; }

    public required IReadOnlyList<string> KeyWords { get; init; }

    public string Topic => string.Join(' ', KeyWords);

    public IncidentStatus Status { get; init; } = IncidentStatus.Open;

    public required DateTimeOffset FirstSeen { get; init; }

    public required DateTimeOffset LastSeen { get; init; }

    public IReadOnlyList<string> Examples { get; init; } = [];

    public IReadOnlyList<IncidentMember> Members { get; init; } = [];

    /// <summary>The short public reply matching posts get; null until an admin sets one.</summary>
    public string? KnownIssueReply { get; init; }

    public IReadOnlyList<IncidentUpdate> Updates { get; init; } = [];

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>The cases opened for attached customers (instead of paging an agent each), in the order they opened.</summary>
    public IReadOnlyList<string> CaseIds { get; init; } = [];

    public int Count => Members.Count;

    /// <summary>Adds a customer's post (once per customer and conversation) and keeps a few examples.</summary>
    public Incident Attach(IncidentMember member, string text)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (HasMember(member.ChannelId, member.ConversationId, member.UserId))
        {
            return this;
        }

        return this with
        {
            Members = [.. Members, member],
            LastSeen = member.At > LastSeen ? member.At : LastSeen,
            Examples = Examples.Count < MaxExamples ? [.. Examples, text] : Examples,
        };
    }

    /// <summary>Lists a case opened for an attached customer (once).</summary>
    public Incident ListCase(string caseId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseId);
        return CaseIds.Contains(caseId, StringComparer.Ordinal) ? this : this with { CaseIds = [.. CaseIds, caseId] };
    }

    /// <summary>Whether this customer's public post is attached.</summary>
    public bool HasMember(string channelId, string conversationId, string userId) =>
        Members.Any(m => m.ChannelId == channelId && m.ConversationId == conversationId && m.UserId == userId);
}
