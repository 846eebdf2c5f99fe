namespace CareBot.Care.Cases;

/// <summary>One page of a case's transcript, oldest first.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Messages">The messages after <see cref="After"/>, at most the limit asked for.</param>
/// <param name="After">The position the page starts after (0 = from the first message).</param>
/// <param name="Next">The position to ask for the next page with; null when this page reached the end.</param>
/// <param name="Total">Messages in the whole transcript.</param>
public sealed record CaseMessagePage(string CaseId, IReadOnlyList<CaseMessage> Messages, int After, int? Next, int Total);
