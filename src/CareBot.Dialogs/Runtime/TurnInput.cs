using System.Collections.Frozen;
using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime;

/// <summary>One turn as the dialog sees it: a customer message, an event, or (neither) the start of a conversation.</summary>
public sealed record TurnInput
{
    /// <summary>What the customer wrote; null for events and for <see cref="Begin"/>.</summary>
    public string? Text { get; init; }

    /// <summary>An event from the host (see <see cref="DialogEvents"/>); null for messages.</summary>
    public string? Event { get; init; }

    /// <summary>Whether the thread is public (a post or comment, a group chat).</summary>
    public bool IsPublic { get; init; }

    /// <summary>
    /// The customer's display name for <c>{user.name}</c>; null when the channel gives none (the texts are then fitted
    /// by <see cref="Templates.UnnamedCustomer"/>).
    /// </summary>
    public string? UserName { get; init; }

    /// <summary>The brand name for <c>{brand.name}</c>; null uses the script's <c>brand:</c>.</summary>
    public string? BrandName { get; init; }

    /// <summary>
    /// The case reference for <c>{case.id}</c>: the open case's, or one the host reserves before the turn so a hand-off
    /// message can name the case it is about to create. Null renders as "your case".
    /// </summary>
    public string? CaseId { get; init; }

    /// <summary>
    /// The brand's first-response target per priority (the cases' SLA), for <c>{case.reply_within}</c> in a hand-off.
    /// Null (script tests, hosts without cases): the hand-off promises no time.
    /// </summary>
    public IReadOnlyDictionary<Priority, TimeSpan>? FirstResponseTargets { get; init; }

    /// <summary>The time of the turn (for business hours).</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>
    /// The brand's opening hours and holidays saved by an admin; when set they win over the script's
    /// <c>timezone:</c> and <c>business_hours:</c> for <c>business_hours</c> conditions. Null uses the script's.
    /// </summary>
    public BusinessSchedule? Schedule { get; init; }

    /// <summary>What triage found in <see cref="Text"/>.</summary>
    public TriageAnnotations Triage { get; init; } = TriageAnnotations.None;

    /// <summary>
    /// A counter the host keeps per channel and passes for public threads, so that variants rotate across the channel's
    /// conversations and no two consecutive public replies on a channel read the same. Null picks variants by the
    /// conversation's own turn number (private threads, tests).
    /// </summary>
    public int? VariantRotation { get; init; }

    /// <summary>
    /// The integrations the host has configured (their names under <c>Integrations:</c>, case-insensitive), for
    /// <c>integration:</c> conditions. Empty (script tests without stubs, the studio's try, the chat verb): none.
    /// </summary>
    public IReadOnlySet<string> Integrations { get; init; } = FrozenSet<string>.Empty;

    /// <summary>
    /// Answers to the lookups made for this turn, by <see cref="LookupRequest.Key"/>. The host adds one each time a
    /// step returns a <see cref="StepResult.PendingLookup"/>, and runs the turn again from the same state.
    /// </summary>
    public IReadOnlyDictionary<string, LookupResult> Lookups { get; init; } = new Dictionary<string, LookupResult>();

    /// <summary>This input with one more lookup answered.</summary>
    public TurnInput WithLookup(LookupRequest request, LookupResult result)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        var lookups = new Dictionary<string, LookupResult>(Lookups, StringComparer.Ordinal) { [request.Key] = result };
        return this with { Lookups = lookups };
    }

    /// <summary>A customer message.</summary>
    public static TurnInput Message(string text, bool isPublic, DateTimeOffset now, TriageAnnotations? triage = null) =>
        new() { Text = text, IsPublic = isPublic, Now = now, Triage = triage ?? TriageAnnotations.None };

    /// <summary>An event from the host.</summary>
    public static TurnInput ForEvent(string name, bool isPublic, DateTimeOffset now) =>
        new() { Event = name, IsPublic = isPublic, Now = now };

    /// <summary>The start of a conversation the bot opens (e.g. the private one after take-offline).</summary>
    public static TurnInput Begin(bool isPublic, DateTimeOffset now) => new() { IsPublic = isPublic, Now = now };
}
