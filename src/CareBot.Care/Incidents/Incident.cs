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

    public int Count => Members.Count;

    /// <summary>Adds a customer's post (once per customer and conversation) and keeps a few examples.</summary>
    public Incident Attach(IncidentMember member, string text)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (Members.Any(m => m.ChannelId == member.ChannelId && m.ConversationId == member.ConversationId && m.UserId == member.UserId))
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
}
