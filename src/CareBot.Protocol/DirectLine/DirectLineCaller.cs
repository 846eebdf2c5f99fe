namespace CareBot.Protocol.DirectLine;

/// <summary>
/// Who is calling a Direct Line route: the holder of the secret (any conversation) or of a token (one conversation, as
/// the user the token names, if any).
/// </summary>
internal sealed record DirectLineCaller(bool HasSecret, DirectLineGrant? Grant, string Credential);
