namespace CareBot.Care.Cases;

/// <summary>
/// Reads a case's reason as the dialog engine writes it at a hand-off: the hand-off node, then what triage said of the
/// message the hand-off happened on ("care/handoff_heated; signals: pii; sentiment 0.00; language en"). That message is
/// often only an email address, so its facts are not why the case has its priority.
/// </summary>
public static class CaseReason
{
    /// <summary>The hand-off node ("care/handoff_heated"), or the whole reason when it has no details.</summary>
    public static string Node(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var end = reason.IndexOf(';', StringComparison.Ordinal);
        return (end < 0 ? reason : reason[..end]).Trim();
    }

    /// <summary>What triage said of the message the hand-off happened on ("signals: pii; sentiment 0.00"), or null.</summary>
    public static string? LastMessage(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var end = reason.IndexOf(';', StringComparison.Ordinal);
        return end < 0 || reason[(end + 1)..].Trim() is not { Length: > 0 } details ? null : details;
    }
}
