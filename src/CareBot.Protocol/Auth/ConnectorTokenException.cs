namespace CareBot.Protocol.Auth;

/// <summary>
/// The bot could not obtain its outbound (bot → Connector) token. <see cref="IsTransient"/> tells a sender whether a
/// retry later may succeed (token service busy or unreachable) or the configuration is wrong (bad secret, unknown app).
/// </summary>
public sealed class ConnectorTokenException : Exception
{
    public ConnectorTokenException(string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    public ConnectorTokenException()
        : this("Could not obtain a Bot Connector token.", isTransient: false)
    {
    }

    public ConnectorTokenException(string message)
        : this(message, isTransient: false)
    {
    }

    public ConnectorTokenException(string message, Exception innerException)
        : this(message, isTransient: false, innerException)
    {
    }

    /// <summary>True when retrying later may succeed (HTTP 429, 5xx, network failure).</summary>
    public bool IsTransient { get; }
}
