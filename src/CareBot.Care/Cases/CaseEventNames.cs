namespace CareBot.Care.Cases;

/// <summary>The dotted names of <see cref="CaseEvent"/>s.</summary>
public static class CaseEventNames
{
    public const string Created = "case.created";
    public const string Queued = "case.queued";
    public const string Assigned = "case.assigned";
    public const string WaitingOnCustomer = "case.waiting_on_customer";
    public const string CustomerReplied = "case.customer_replied";
    public const string MessageAdded = "case.message_added";
    public const string Resolved = "case.resolved";
    public const string HandedBack = "case.handed_back";
    public const string Rated = "case.rated";
    public const string NoteAdded = "case.note_added";
    public const string Triaged = "case.triaged";
    public const string Escalated = "case.escalated";
    public const string Reassigned = "case.reassigned";
    public const string PriorityChanged = "case.priority_changed";
    public const string Tagged = "case.tagged";
    public const string Untagged = "case.untagged";

    /// <summary>The case joined an open incident when it opened; the detail is the incident id.</summary>
    public const string IncidentAttached = "case.incident_attached";

    /// <summary>An internal note mentioned an agent (<c>@name</c>); the detail is the mentioned user name.</summary>
    public const string Mentioned = "case.mentioned";
}
