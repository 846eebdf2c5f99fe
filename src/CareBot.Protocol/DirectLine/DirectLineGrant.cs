namespace CareBot.Protocol.DirectLine;

/// <summary>What a Direct Line token allows: one conversation, as one user when the token names one, until it expires.</summary>
internal sealed record DirectLineGrant(string ConversationId, string? UserId, DateTimeOffset ExpiresAt);
