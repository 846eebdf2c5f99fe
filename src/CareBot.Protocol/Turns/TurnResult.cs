namespace CareBot.Protocol.Turns;

/// <summary>What a processed activity answers: the HTTP status and, when there is one, the JSON body.</summary>
public sealed record TurnResult(int StatusCode, string? BodyJson)
{
    /// <summary>200 with no body: the replies, if any, travelled to the channel separately.</summary>
    public static TurnResult Ok { get; } = new(200, null);

    /// <summary>For a 503: how long the caller should wait before it retries (sent as <c>Retry-After</c>); else null.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
