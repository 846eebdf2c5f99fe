namespace CareBot.Dialogs.Validation;

/// <summary>The validator's codes. They are stable: the README lists them, and admins search for them.</summary>
public static class DiagnosticCodes
{
    /// <summary>The file is not valid YAML (or repeats a key).</summary>
    public const string YamlSyntax = "DLG001";

    /// <summary>A field the format does not know.</summary>
    public const string UnknownField = "DLG002";

    /// <summary>A node with no kind, an unknown kind, or several kinds.</summary>
    public const string NodeKind = "DLG003";

    /// <summary>A required field is missing.</summary>
    public const string MissingField = "DLG004";

    /// <summary>A field has a value of the wrong shape (not a number, unknown capture type...).</summary>
    public const string InvalidValue = "DLG005";

    /// <summary>A next/goto/fallback/start names a node that does not exist (or is missing).</summary>
    public const string UnknownTarget = "DLG006";

    /// <summary>Two nodes share an id (or two files share a dialog id).</summary>
    public const string DuplicateId = "DLG007";

    /// <summary>No path from start (or from an event) reaches the node.</summary>
    public const string Unreachable = "DLG008";

    /// <summary>A node that is neither an end nor leads anywhere.</summary>
    public const string DeadEnd = "DLG009";

    /// <summary>A placeholder that is not user.name, brand.name, case.id or a captured name.</summary>
    public const string UnknownPlaceholder = "DLG010";

    /// <summary>A branch without a default.</summary>
    public const string BranchWithoutDefault = "DLG011";

    /// <summary>A pattern that is not a valid regular expression.</summary>
    public const string InvalidRegex = "DLG012";

    /// <summary>A call to a dialog that does not exist.</summary>
    public const string UnknownDialog = "DLG013";

    /// <summary>An <c>on:</c> entry for an event the host never sends.</summary>
    public const string UnknownEvent = "DLG014";

    /// <summary>A text that can be said in public echoes a captured email, phone or order number.</summary>
    public const string PublicPrivateData = "DLG015";

    /// <summary>A test conversation that refers to something the script does not have.</summary>
    public const string InvalidTest = "DLG016";

    /// <summary>
    /// A lookup that could call somewhere other than its integration, or could not work: an integration name that is
    /// not a plain name, a path that is not relative to the integration's base URL, a placeholder other than a captured
    /// value in the request, a body on GET, or a response field path that is not a dotted path.
    /// </summary>
    public const string InvalidLookup = "DLG017";

    /// <summary>A <c>public.followup</c> handler reaches a node other than say, branch, extract or end.</summary>
    public const string FollowUpNode = "DLG018";
}
