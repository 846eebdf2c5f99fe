namespace CareBot.Care.Triage;

/// <summary>How soon a person should look at a message; handoff queues order by it.</summary>
public enum Priority
{
    Low,
    Normal,
    High,
    Urgent,
}
