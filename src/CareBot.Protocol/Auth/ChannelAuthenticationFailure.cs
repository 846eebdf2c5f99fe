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
}
