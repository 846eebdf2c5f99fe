namespace CareBot.Web.Console;

/// <summary>Why a console action was refused, so that the JSON API answers with the matching HTTP status.</summary>
public enum ConsoleRefusal
{
    /// <summary>Not refused.</summary>
    None,

    /// <summary>The action is not possible in the case's status, or someone else holds the case (409).</summary>
    NotPossible,

    /// <summary>There is no such case (404).</summary>
    NotFound,

    /// <summary>The account may not do this: disabled, the wrong role, or a queue it does not work (403).</summary>
    NotAllowed,

    /// <summary>What was asked for is not valid: an unknown agent or priority, an empty text (400).</summary>
    BadInput,
}
