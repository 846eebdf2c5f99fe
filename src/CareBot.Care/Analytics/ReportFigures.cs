namespace CareBot.Care.Analytics;

/// <summary>
/// The social-care figures of one channel (or all) over a date range; see <see cref="CareReportService"/> for how each
/// is derived from the stored conversations and cases. Durations are in seconds.
/// </summary>
public sealed record ReportFigures
{
    /// <summary>Public posts (public threads) that began in the range.</summary>
    public int PublicPosts { get; init; }

    /// <summary>Private conversations (chats and the 1:1 conversations public posts moved to) that began in the range.</summary>
    public int PrivateConversations { get; init; }

    /// <summary>Public posts the bot answered in public.</summary>
    public required Share PublicAnswered { get; init; }

    /// <summary>From the customer's public post to the bot's first public reply.</summary>
    public required Percentiles TimeToPublicAcknowledgment { get; init; }

    /// <summary>Public posts that continued in a private chat (the customer wrote there) or by email (an address was captured).</summary>
    public required Share PublicToPrivate { get; init; }

    /// <summary>Conversations (private ones, and public ones that stayed public) the bot finished without a hand-off.</summary>
    public required Share Containment { get; init; }

    /// <summary>Hand-offs of those conversations by reason (the hand-off node, e.g. <c>care/handoff_heated</c>).</summary>
    public required IReadOnlyDictionary<string, Share> HandoffsByReason { get; init; }

    /// <summary>From a case's creation to its first claim by a person.</summary>
    public required Percentiles FirstHumanResponse { get; init; }

    /// <summary>From a case's creation to its resolution.</summary>
    public required Percentiles Resolution { get; init; }

    /// <summary>Per priority, cases whose first response and resolution were both in time, of cases whose outcome is known.</summary>
    public required IReadOnlyDictionary<string, Share> SlaMetByPriority { get; init; }

    public required CsatFigures Csat { get; init; }

    public required SentimentFigures Sentiment { get; init; }

    /// <summary>Conversations that stopped answering, by the dialog node that was waiting for them.</summary>
    public required IReadOnlyDictionary<string, int> DropOffByNode { get; init; }

    /// <summary>The most frequent complaint topics (the dialog's captured topic, or <c>unspecified</c>), most frequent first.</summary>
    public required IReadOnlyList<KeyValuePair<string, int>> TopComplaintReasons { get; init; }

    /// <summary>The average <see cref="CaseQualityScore"/> of the cases opened in the range; null when there were none.</summary>
    public double? AverageQualityScore { get; init; }
}
