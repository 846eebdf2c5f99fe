namespace CareBot.Protocol.Auth;

/// <summary>Why an inbound request was refused; logged, never returned.</summary>
public enum ChannelAuthenticationFailure
{
    Unknown = 0,
    MissingToken,
    MalformedHeader,
    UnknownIssuer,
    BadSignature,
    UnknownSigningKey,
    Expired,
    NotYetValid,
    WrongAudience,
    ChannelNotEndorsed,
    ServiceUrlMismatch,
    MissingServiceUrlClaim,
    EmulatorNotAllowed,
    MetadataUnavailable,

    /// <summary>The bearer value is not a compact signed JWT (three base64url parts with a JSON header and payload).</summary>
    MalformedToken,

    /// <summary>The token's <c>alg</c> is not RS256, RS384 or RS512 (e.g. <c>none</c> or HS256).</summary>
    UnsupportedAlgorithm,
}
