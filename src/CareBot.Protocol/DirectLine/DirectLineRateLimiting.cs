namespace CareBot.Protocol.DirectLine;

/// <summary>
/// The rate-limiter policy of the routes that hand out credentials or open conversations (token generate and refresh,
/// conversation start): <see cref="DirectLineOptions.TokenRequestsPerClient"/> per
/// <see cref="DirectLineOptions.TokenRequestWindow"/> per client IP address, then 429 with <c>Retry-After</c> and a short
/// JSON ErrorResponse. <see cref="DirectLineServiceCollectionExtensions.AddDirectLineChannel"/> registers it; the host
/// must call <c>app.UseRateLimiter()</c>. Other routes that mint tokens can share the budget with
/// <c>.RequireRateLimiting(DirectLineRateLimiting.PolicyName)</c>.
/// </summary>
public static class DirectLineRateLimiting
{
    /// <summary>The policy's name, for <c>RequireRateLimiting</c>.</summary>
    public const string PolicyName = "carebot-directline-tokens";
}
