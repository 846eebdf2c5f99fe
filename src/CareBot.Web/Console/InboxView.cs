namespace CareBot.Web.Console;

/// <summary>The inbox's views: my open cases, the queue's unclaimed cases, every open case.</summary>
public enum InboxView
{
    Mine,
    Unassigned,
    All,
}
