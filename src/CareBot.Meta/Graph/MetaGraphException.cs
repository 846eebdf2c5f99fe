using System.Net;

namespace CareBot.Meta.Graph;

/// <summary>A Graph API call that failed, with Meta's error code and what it means for the message.</summary>
public sealed class MetaGraphException : Exception
{
    public MetaGraphException(string message, MetaGraphFailure failure, HttpStatusCode? statusCode = null, int? code = null, int? subcode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        StatusCode = statusCode;
        Code = code;
        Subcode = subcode;
    }

    public MetaGraphException()
    {
    }

    public MetaGraphException(string message)
        : base(message)
    {
    }

    public MetaGraphException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MetaGraphFailure Failure { get; } = MetaGraphFailure.Permanent;

    public HttpStatusCode? StatusCode { get; }

    /// <summary>Meta's <c>error.code</c>.</summary>
    public int? Code { get; }

    /// <summary>Meta's <c>error.error_subcode</c>.</summary>
    public int? Subcode { get; }

    /// <summary>Meta certainly did not deliver the message (so trying again cannot make a second one).</summary>
    public bool CertainlyNotSent => Failure is MetaGraphFailure.RateLimited or MetaGraphFailure.TokenRejected or MetaGraphFailure.NotAllowed or MetaGraphFailure.Permanent;

    /// <summary>Classifies Meta's error code and subcode.</summary>
    public static MetaGraphFailure Classify(HttpStatusCode status, int? code, int? subcode) => code switch
    {
        4 or 17 or 32 or 613 or (>= 80001 and <= 80014) => MetaGraphFailure.RateLimited,
        190 or 102 => MetaGraphFailure.TokenRejected,
        // 10 / 2018278: outside the allowed window; 551: person unavailable; 10900: already replied; 10903: can't be replied to.
        10 or 551 or 10900 or 10903 or 2018278 or 2018108 => MetaGraphFailure.NotAllowed,
        1 or 2 => MetaGraphFailure.Transient,
        _ when subcode is 2018278 or 2018108 or 1545041 => MetaGraphFailure.NotAllowed,
        _ when (int)status >= 500 => MetaGraphFailure.Transient,
        _ => MetaGraphFailure.Permanent,
    };
}
