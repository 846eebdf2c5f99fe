using CareBot.Dialogs.Model;

namespace CareBot.Web.Console;

/// <summary>What an agent looks at in the inbox, saved per agent so it is there again at the next sign-in.</summary>
/// <param name="View">Mine, Unassigned or All.</param>
/// <param name="Queue">One queue only; null for every queue the agent works.</param>
/// <param name="MinPriority">Only cases at least this urgent; null for any.</param>
public sealed record InboxFilter(InboxView View = InboxView.All, string? Queue = null, Priority? MinPriority = null);
