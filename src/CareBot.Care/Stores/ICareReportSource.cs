using CareBot.Care.Cases;

namespace CareBot.Care.Stores;

/// <summary>
/// Read-only access to what the report is computed from: the stored conversation states and cases, as they are (no
/// second bookkeeping). Both reads return only rows changed at or after <c>since</c>: a conversation or case that began
/// in the report's range was necessarily written then or later. At most <c>limit</c> rows, newest first.
/// </summary>
public interface ICareReportSource
{
    /// <summary>Conversation state documents (keys <c>conversation/{channel}/{id}</c>) written at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<StateRecord>> ListConversationStatesAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken);

    /// <summary>Cases written at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<Case>> ListCasesChangedSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken);
}
