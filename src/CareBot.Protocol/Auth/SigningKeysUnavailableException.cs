namespace CareBot.Protocol.Auth;

/// <summary>The signing keys of an issuer could not be fetched (and none were fetched before).</summary>
internal sealed class SigningKeysUnavailableException : Exception
{
    public SigningKeysUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public SigningKeysUnavailableException()
        : this("Signing keys are unavailable.")
    {
    }

    public SigningKeysUnavailableException(string message)
        : this(message, null)
    {
    }
}
