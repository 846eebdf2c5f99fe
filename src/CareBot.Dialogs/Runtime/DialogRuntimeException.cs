namespace CareBot.Dialogs.Runtime;

/// <summary>
/// The state cannot run: it names a script version that is not available, or a node that does not exist. Validation
/// keeps this from happening with live scripts; it signals a lost archive or hand-edited state.
/// </summary>
public sealed class DialogRuntimeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DialogRuntimeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DialogRuntimeException()
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public DialogRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
