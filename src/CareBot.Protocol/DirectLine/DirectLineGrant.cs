namespace CareBot.Protocol.DirectLine;

/// <summary>What a Direct Line token allows: one conversation, as one user when the token names one, until it expires.</summary>
/// <param name="ConversationId">The conversation the token opens.</param>
/// <param name="UserId">The user every activity posted with the token is from, when the token names one.</param>
/// <param name="ExpiresAt">When the token stops working (it answers 403 <c>TokenExpired</c> after).</param>
public sealed record DirectLineGrant(string ConversationId, string? UserId, DateTimeOffset ExpiresAt);
