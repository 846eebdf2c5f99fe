namespace CareBot.Care.Stores;

/// <summary>A case update presented a stale version: someone else changed the case first. Reload it and retry.</summary>
public sealed class CaseConflictException : Exception
{
    public CaseConflictException(string caseId, long expectedVersion)
        : base($"Case {caseId} was changed by someone else (expected version {expectedVersion}) or does not exist. Reload it and retry.")
    {
        CaseId = caseId;
        ExpectedVersion = expectedVersion;
    }

    public CaseConflictException()
        : this(string.Empty)
    {
    }

    public CaseConflictException(string message)
        : base(message)
    {
        CaseId = string.Empty;
    }

    public CaseConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        CaseId = string.Empty;
    }

    public string CaseId { get; }

    public long ExpectedVersion { get; }
}
