using CareBot.Care.Cases;

namespace CareBot.Web.Console;

/// <summary>One page of the inbox, most urgent first, and whether more cases match than were loaded.</summary>
public sealed record InboxPage(IReadOnlyList<Case> Cases, bool HasMore);
