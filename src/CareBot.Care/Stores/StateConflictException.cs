namespace CareBot.Care.Stores;

/// <summary>A state write presented a stale ETag: someone else wrote the key first. The turn should reload and retry.</summary>
public sealed class StateConflictException : Exception
{
    public StateConflictException(string key, string? expectedETag)
        : base($"State '{key}' was changed by someone else (expected ETag '{expectedETag ?? "<none: new key>"}'). Reload it and retry the turn.")
    {
        Key = key;
        ExpectedETag = expectedETag;
    }

    public StateConflictException()
        : this(string.Empty, (string?)null)
    {
    }

    public StateConflictException(string message)
        : base(message)
    {
        Key = string.Empty;
    }

    public StateConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = string.Empty;
    }

    public string Key { get; }

    public string? ExpectedETag { get; }
}
