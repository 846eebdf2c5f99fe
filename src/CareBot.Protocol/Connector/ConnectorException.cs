using System.Net;

namespace CareBot.Protocol.Connector;

/// <summary>
/// A Connector call failed. <see cref="IsTransient"/> tells whether retrying later may succeed (429, 5xx, timeouts);
/// <see cref="StatusCode"/> is null when no HTTP answer arrived.
/// </summary>
public sealed class ConnectorException : Exception
{
    /// <summary>The <see cref="ErrorCode"/> of a file longer than the caller allowed (not the channel's code: the bot stopped reading).</summary>
    public const string TooLargeCode = "TooLarge";

    public ConnectorException(string message, HttpStatusCode? statusCode, bool isTransient, string? errorCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        IsTransient = isTransient;
        ErrorCode = errorCode;
    }

    public ConnectorException()
        : this("The Connector call failed.", null, false)
    {
    }

    public ConnectorException(string message)
        : this(message, null, false)
    {
    }

    public ConnectorException(string message, Exception innerException)
        : this(message, null, false, null, innerException)
    {
    }

    public HttpStatusCode? StatusCode { get; }

    public bool IsTransient { get; }

    /// <summary>The channel's <c>error.code</c>, when its body was an ErrorResponse; <see cref="TooLargeCode"/> for a file too long.</summary>
    public string? ErrorCode { get; }

    /// <summary>
    /// The wait the channel asked for in <c>Retry-After</c> on a transient failure (429/503), when it gave one; a caller
    /// that reschedules the work (e.g. the outbox) should not retry sooner.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }
}
