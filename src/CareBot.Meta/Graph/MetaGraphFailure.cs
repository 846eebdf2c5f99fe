namespace CareBot.Meta.Graph;

/// <summary>What a Graph API error means for the message (from Meta's error-handling and Messenger error-code docs).</summary>
public enum MetaGraphFailure
{
    /// <summary>Rate limited (codes 4, 17, 32, 613, 80001-80014): not sent; pause the page and retry later.</summary>
    RateLimited,

    /// <summary>The page token expired or was revoked (code 190, or 102): not sent; operators must renew it; retry later.</summary>
    TokenRejected,

    /// <summary>Meta won't take this message at all (already replied privately, outside the window, person unavailable): never retry.</summary>
    NotAllowed,

    /// <summary>A temporary fault (codes 1, 2, HTTP 5xx): retry; whether it went out is not known.</summary>
    Transient,

    /// <summary>No answer at all (timeout, connection lost mid-request): it may or may not have gone out.</summary>
    OutcomeUnknown,

    /// <summary>Any other refusal (bad request, missing permission): never retry.</summary>
    Permanent,
}
