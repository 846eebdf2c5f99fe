using System.Text.Json;
using CareBot.Care.Cases;
using CareBot.Care.Stores;

namespace CareBot.Storage.Sql;

/// <summary>How cases and outbox messages map to columns, shared by both engines.</summary>
internal static class CaseRows
{
    /// <summary>
    /// The statuses the partial indexes <c>ix_cases_open_*</c> hold, as SQL both engines read the same way. A list query
    /// repeats this condition literally so that the planner may walk those indexes (it cannot see into parameters).
    /// </summary>
    public const string OpenStatusesCondition = "status IN ('Queued', 'Assigned', 'WaitingOnCustomer')";

    private static readonly JsonSerializerOptions SummaryOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The <c>summary</c> column: what an inbox row shows, kept beside the document.</summary>
    public static string Summary(Case value) => JsonSerializer.Serialize(CaseSummary.Of(value), SummaryOptions);

    /// <summary>A row's summary; rows stored before the summary column existed are summarised from their document.</summary>
    public static CaseSummary ReadSummary(string? summary, string? json) =>
        summary is not null
            ? JsonSerializer.Deserialize<CaseSummary>(summary, SummaryOptions) ?? throw new JsonException("A stored case summary is 'null'.")
            : CaseSummary.Of(CaseJson.Deserialize(json ?? throw new InvalidOperationException("A case row has neither summary nor document.")));

    /// <summary>Whether every status asked for is one the open-case indexes hold.</summary>
    public static bool OnlyOpen(IReadOnlyList<CaseStatus> statuses) =>
        statuses.All(s => s is CaseStatus.Queued or CaseStatus.Assigned or CaseStatus.WaitingOnCustomer);

    /// <summary>The due time the queue orders by: first response until an agent responded, then resolution.</summary>
    public static DateTimeOffset SlaDue(Case value) => value.FirstRespondedAt is null ? value.FirstResponseDue : value.ResolutionDue;

    public static string Status(CaseStatus status) => status.ToString();

    /// <summary>
    /// Reads a summary page query's rows (summary, document), asked for one more row than <see cref="CaseListQuery.Limit"/>:
    /// that extra row only tells whether there is a next page.
    /// </summary>
    public static async Task<CaseSummaryPage> ReadSummaryPageAsync(System.Data.Common.DbDataReader reader, int limit, CancellationToken cancellationToken)
    {
        var summaries = new List<CaseSummary>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            summaries.Add(ReadSummary(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        var hasMore = summaries.Count > limit;
        return new CaseSummaryPage(hasMore ? summaries[..limit] : summaries, hasMore);
    }

    /// <summary>Reads the rows of the open-case count query (queue, status, assignee, count), the same on both engines.</summary>
    public static async Task<IReadOnlyList<OpenCaseCount>> ReadOpenCountsAsync(System.Data.Common.DbDataReader reader, CancellationToken cancellationToken)
    {
        var counts = new List<OpenCaseCount>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts.Add(new OpenCaseCount(
                reader.GetString(0), Enum.Parse<CaseStatus>(reader.GetString(1)), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt32(3)));
        }

        return counts;
    }

    public static string Kind(OutboxKind kind) => kind switch
    {
        OutboxKind.Email => "email",
        OutboxKind.Activity => "activity",
        OutboxKind.TakeOffline => "take_offline",
        OutboxKind.DialogEvent => "dialog_event",
        OutboxKind.ChannelEvent => "channel_event",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown outbox kind."),
    };

    public static OutboxKind ParseKind(string kind) => kind switch
    {
        "email" => OutboxKind.Email,
        "activity" => OutboxKind.Activity,
        "take_offline" => OutboxKind.TakeOffline,
        "dialog_event" => OutboxKind.DialogEvent,
        "channel_event" => OutboxKind.ChannelEvent,
        _ => throw new InvalidOperationException($"Unknown outbox kind '{kind}' in the database; is a newer CareBot writing to it?"),
    };

    public static string Status(OutboxStatus status) => status.ToString().ToLowerInvariant();

    public static OutboxStatus ParseStatus(string status) => Enum.Parse<OutboxStatus>(status, ignoreCase: true);

    public static long RequireNumber(string caseId) =>
        Case.TryParseId(caseId, out var number)
            ? number
            : throw new ArgumentException($"'{caseId}' is not a case id; case ids look like C-1042.", nameof(caseId));

    public static void Validate(TurnCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        StateWrites.Validate(commit.State);
        ArgumentNullException.ThrowIfNull(commit.NewCases);
        ArgumentNullException.ThrowIfNull(commit.Outbox);
        ArgumentNullException.ThrowIfNull(commit.CaseUpdates);
        Validate(commit.Outbox);
    }

    public static void Validate(IReadOnlyList<NewOutboxMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            ArgumentException.ThrowIfNullOrEmpty(message.IdempotencyKey, nameof(messages));
            ArgumentNullException.ThrowIfNull(message.PayloadJson, nameof(messages));
        }
    }
}
