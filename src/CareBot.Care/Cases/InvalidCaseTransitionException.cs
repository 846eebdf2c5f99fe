namespace CareBot.Care.Cases;

/// <summary>A case was asked to make a move its status does not allow (e.g. resolve a case nobody claimed).</summary>
public sealed class InvalidCaseTransitionException : Exception
{
    public InvalidCaseTransitionException(string caseId, CaseStatus status, string transition, string hint)
        : base($"Case {caseId} cannot '{transition}' while it is {status}. {hint}")
    {
        CaseId = caseId;
        Status = status;
        Transition = transition;
    }

    public InvalidCaseTransitionException()
        : this(string.Empty)
    {
    }

    public InvalidCaseTransitionException(string message)
        : base(message)
    {
        CaseId = string.Empty;
        Transition = string.Empty;
    }

    public InvalidCaseTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        CaseId = string.Empty;
        Transition = string.Empty;
    }

    public string CaseId { get; }

    public CaseStatus Status { get; }

    public string Transition { get; }
}
