namespace CareBot.Protocol.Middleware;

/// <summary>What the endpoint answered for a processed activity: the HTTP status and the JSON body, if any.</summary>
public sealed record StoredTurnOutcome(int StatusCode, string? BodyJson);
