namespace CareBot.Protocol.Auth;

/// <summary>
/// An inbound request failed authentication. The endpoint answers 401 and logs <see cref="Reason"/>; the reason is never
/// returned to the caller.
/// </summary>
public sealed class ChannelAuthenticationException : Exception
{
    public ChannelAuthenticationException(ChannelAuthenticationFailure reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public ChannelAuthenticationException()
        : this(ChannelAuthenticationFailure.Unknown, "Channel authentication failed.")
    {
    }

    public ChannelAuthenticationException(string message)
        : this(ChannelAuthenticationFailure.Unknown, message)
    {
    }

    public ChannelAuthenticationException(string message, Exception innerException)
        : this(ChannelAuthenticationFailure.Unknown, message, innerException)
    {
    }

    public ChannelAuthenticationFailure Reason { get; }
}
