using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Care.Conversations;
using CareBot.Care.Stores;
using CareBot.Dialogs.Runtime;

namespace CareBot.Care.Analytics;

/// <summary>
/// Computes the social-care report from what is stored, nothing else: the conversation states (their lines, triage and
/// dialog position) and the cases (their times, SLA due times, ratings). A conversation counts in the range it began
/// in (its first line on its own thread); a case in the range it was opened in.
/// </summary>
/// <remarks>
/// Definitions. A conversation is public when its lines are all on the public thread; a private conversation (a chat,
/// or the 1:1 conversation a public post moved to) has private lines. A public post is answered when a bot line follows
/// the customer's first public line; acknowledgment time is the time between them. It converted to private when its
/// 1:1 conversation heard from the customer, or the dialog captured an email address. Containment counts private
/// conversations plus public ones that stayed public: contained when the dialog ended and no case was opened. A
/// conversation dropped off when its dialog still waits for an answer, it opened no case, and its last line (the bot's)
/// is older than <see cref="DropOffQuietPeriod"/>.
/// </remarks>
public sealed class CareReportService(ICareReportSource source, TimeProvider time)
{
    /// <summary>The longest range one report covers.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(92);

    /// <summary>How long a conversation waiting for the customer must have been silent to count as a drop-off.</summary>
    public static readonly TimeSpan DropOffQuietPeriod = TimeSpan.FromMinutes(30);

    /// <summary>The most conversation states (and cases) one report reads, to bound its memory.</summary>
    public const int MaxRows = 100_000;

    private const string ConversationKeyPrefix = "conversation/";

    public async Task<CareReport> BuildAsync(DateTimeOffset from, DateTimeOffset to, string? channel, CancellationToken cancellationToken)
    {
        if (to <= from || to - from > MaxRange)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"The range must be positive and at most {MaxRange.TotalDays} days.");
        }

        var states = await source.ListConversationStatesAsync(from, MaxRows, cancellationToken).ConfigureAwait(false);
        var stored = await source.ListCasesChangedSinceAsync(from, MaxRows, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();

        var all = states.Select(Parse).OfType<ReportConversation>().ToList();
        var conversations = all.Where(c => c.Started >= from && c.Started < to && (channel is null || c.ChannelId == channel)).ToList();
        var cases = stored.Where(c => c.CreatedAt >= from && c.CreatedAt < to && (channel is null || c.Customer.ChannelId == channel)).ToList();
        var context = new ReportContext(all, stored, now);

        var byChannel = conversations.Select(c => c.ChannelId).Concat(cases.Select(c => c.Customer.ChannelId))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToDictionary(
                name => name,
                name => Figures(conversations.Where(c => c.ChannelId == name).ToList(), cases.Where(c => c.Customer.ChannelId == name).ToList(), context),
                StringComparer.Ordinal);
        var truncated = states.Count >= MaxRows || stored.Count >= MaxRows;
        return new CareReport(from, to, channel, Figures(conversations, cases, context), byChannel, truncated);
    }

    /// <summary>The quality score of one case, reopenings looked up among the cases changed since it was opened.</summary>
    public async Task<int> QualityScoreOfAsync(Case value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        var later = value.ResolvedAt is { } resolved
            ? await source.ListCasesChangedSinceAsync(resolved, MaxRows, cancellationToken).ConfigureAwait(false)
            : [];
        return CaseQualityScore.Compute(value, CaseQualityScore.ReopeningsOf(value, later), time.GetUtcNow());
    }

    private sealed record ReportContext(IReadOnlyList<ReportConversation> AllConversations, IReadOnlyList<Case> AllCases, DateTimeOffset Now);

    private sealed record ReportConversation(string ChannelId, string ConversationId, CareConversationState State, bool IsPublic, DateTimeOffset Started)
    {
        public IEnumerable<CaseMessage> OwnLines => State.Lines.Where(l => l.Thread == (IsPublic ? CaseThread.Public : CaseThread.Private));
    }

    private static ReportConversation? Parse(StateRecord record)
    {
        var rest = record.Key[ConversationKeyPrefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return null;
        }

        CareConversationState state;
        try
        {
            state = CareConversationState.FromJson(record.Utf8Json.Span);
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // a document this version can't read is left out, not guessed at
        }

        var isPublic = state.Lines.Count > 0 && state.Lines.All(l => l.Thread == CaseThread.Public);
        var own = state.Lines.Where(l => l.Thread == (isPublic ? CaseThread.Public : CaseThread.Private)).ToList();
        return own.Count == 0 ? null : new ReportConversation(rest[..slash], rest[(slash + 1)..], state, isPublic, own.Min(l => l.At));
    }

    private static ReportFigures Figures(IReadOnlyList<ReportConversation> conversations, IReadOnlyList<Case> cases, ReportContext context)
    {
        var publicPosts = conversations.Where(c => c.IsPublic).ToList();
        var acknowledgments = publicPosts.Select(AcknowledgmentSeconds).OfType<double>().ToList();
        var converted = publicPosts.Where(p => ContinuedPrivately(p, context.AllConversations)).ToList();

        // A public post that moved to a 1:1 conversation goes on there: count that conversation, not the post, once.
        var journeys = conversations.Where(c => !c.IsPublic || !MovedToPrivateChat(c, context.AllConversations)).ToList();
        var handedOff = journeys.Where(c => HandedOff(c, context.AllCases)).ToList();
        var contained = journeys.Count(c => c.State.Dialog?.Status == DialogStatus.Ended && !HandedOff(c, context.AllCases));
        var reasons = cases.GroupBy(c => ReasonKey(c.Reason), StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new Share(g.Count(), journeys.Count), StringComparer.Ordinal);

        var resolved = cases.Where(c => c.ResolvedAt is not null).ToList();
        var ratings = resolved.Select(c => c.Rating).OfType<int>().ToList();
        var distribution = Enumerable.Range(1, 5).Select(stars => ratings.Count(r => r == stars)).ToList();

        var triaged = journeys.Where(c => c.State.Triage.Count > 0).ToList();
        var dropOffs = journeys
            .Where(c => c.State.Dialog is { Status: DialogStatus.Waiting, ActiveNode: not null } && !HandedOff(c, context.AllCases))
            .Where(c => c.State.Lines.Count > 0 && c.State.Lines[^1].Author == CaseAuthor.Bot && c.State.Lines[^1].At <= context.Now - DropOffQuietPeriod)
            .GroupBy(c => c.State.Dialog!.ActiveNode!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var complaints = conversations
            .Where(c => c.State.Triage.Any(t => t.Signals.Contains("complaint", StringComparer.Ordinal)))
            .Where(c => !c.IsPublic || !MovedToPrivateChat(c, context.AllConversations))
            .GroupBy(c => c.State.Dialog?.Captured.TryGetValue("topic", out var topic) == true && !string.IsNullOrWhiteSpace(topic.Text) ? topic.Text : "unspecified", StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, int>(g.Key, g.Count()))
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(10)
            .ToList();
        var scores = cases.Select(c => CaseQualityScore.Compute(c, CaseQualityScore.ReopeningsOf(c, context.AllCases), context.Now)).ToList();

        return new ReportFigures
        {
            PublicPosts = publicPosts.Count,
            PrivateConversations = conversations.Count - publicPosts.Count,
            PublicAnswered = new Share(acknowledgments.Count, publicPosts.Count),
            TimeToPublicAcknowledgment = Percentiles.Of(acknowledgments),
            PublicToPrivate = new Share(converted.Count, publicPosts.Count),
            Containment = new Share(contained, journeys.Count),
            HandoffsByReason = reasons,
            FirstHumanResponse = Percentiles.Of(cases.Where(c => c.FirstRespondedAt is not null).Select(c => (c.FirstRespondedAt!.Value - c.CreatedAt).TotalSeconds)),
            Resolution = Percentiles.Of(resolved.Select(c => (c.ResolvedAt!.Value - c.CreatedAt).TotalSeconds)),
            SlaMetByPriority = SlaMet(cases, context.Now),
            Csat = new CsatFigures(ratings.Count == 0 ? null : Math.Round(ratings.Average(), 2), distribution, new Share(ratings.Count, resolved.Count)),
            Sentiment = new SentimentFigures(
                triaged.Count,
                triaged.Count == 0 ? null : Math.Round(triaged.Average(c => c.State.Triage[0].Compound), 3),
                triaged.Count == 0 ? null : Math.Round(triaged.Average(c => c.State.Triage[^1].Compound), 3)),
            DropOffByNode = dropOffs,
            TopComplaintReasons = complaints,
            AverageQualityScore = scores.Count == 0 ? null : Math.Round(scores.Average(), 1),
        };
    }

    private static double? AcknowledgmentSeconds(ReportConversation post)
    {
        var lines = post.OwnLines.ToList();
        var first = lines.FindIndex(l => l.Author == CaseAuthor.Customer);
        if (first < 0)
        {
            return null;
        }

        var reply = lines.Skip(first + 1).FirstOrDefault(l => l.Author != CaseAuthor.Customer);
        return reply is null ? null : Math.Max(0, (reply.At - lines[first].At).TotalSeconds);
    }

    private static bool MovedToPrivateChat(ReportConversation post, IReadOnlyList<ReportConversation> all) =>
        post.State.Dialog?.Status == DialogStatus.MovedPrivate || PrivateChatsOf(post, all).Any();

    private static bool ContinuedPrivately(ReportConversation post, IReadOnlyList<ReportConversation> all) =>
        post.State.Dialog?.Captured.ContainsKey("email") == true
        || PrivateChatsOf(post, all).Any(chat => chat.State.Dialog?.Captured.ContainsKey("email") == true
            || chat.State.Lines.Any(l => l.Thread == CaseThread.Private && l.Author == CaseAuthor.Customer));

    private static IEnumerable<ReportConversation> PrivateChatsOf(ReportConversation post, IReadOnlyList<ReportConversation> all) =>
        all.Where(c => !c.IsPublic && c.ChannelId == post.ChannelId
            && (c.State.PublicReference?.Conversation?.Id == post.ConversationId
                || c.State.LinkedConversationId == post.ConversationId
                || post.State.LinkedConversationId == c.ConversationId));

    private static bool HandedOff(ReportConversation conversation, IReadOnlyList<Case> cases) =>
        conversation.State.OpenCaseId is not null
        || conversation.State.Dialog?.Status == DialogStatus.HandedOff
        || cases.Any(c => c.Customer.ChannelId == conversation.ChannelId
            && (c.Origin.Private?.Conversation?.Id == conversation.ConversationId || c.Origin.Public?.Conversation?.Id == conversation.ConversationId));

    /// <summary>The hand-off node out of a case's reason (<c>care/handoff_heated; signals: ...</c>).</summary>
    private static string ReasonKey(string reason) => CaseReason.Node(reason) is { Length: > 0 } node ? node : "unspecified";

    private static Dictionary<string, Share> SlaMet(IReadOnlyList<Case> cases, DateTimeOffset now)
    {
        var result = new Dictionary<string, Share>(StringComparer.Ordinal);
        foreach (var group in cases.Where(c => c.Status != CaseStatus.HandedBack).GroupBy(c => c.Priority).OrderByDescending(g => g.Key))
        {
            int decided = 0, met = 0;
            foreach (var value in group)
            {
                var firstMissed = Missed(value.FirstRespondedAt, value.FirstResponseDue, now);
                var resolutionMissed = Missed(value.ResolvedAt, value.ResolutionDue, now);
                if (firstMissed || resolutionMissed)
                {
                    decided++;
                }
                else if (value.FirstRespondedAt is not null && value.ResolvedAt is not null)
                {
                    decided++;
                    met++;
                }
            }

            result[group.Key.ToString().ToLowerInvariant()] = new Share(met, decided);
        }

        return result;
    }

    // Missed when it happened after the due time, or has not happened and the due time passed.
    private static bool Missed(DateTimeOffset? happened, DateTimeOffset due, DateTimeOffset now) => (happened ?? (now > due ? now : null)) > due;
}
