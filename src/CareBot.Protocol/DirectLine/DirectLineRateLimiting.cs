namespace CareBot.Protocol.DirectLine;

/// <summary>
/// The rate-limiter policies of the built-in Direct Line channel, each a fixed window per client IP address, then 429
/// with <c>Retry-After</c> and a short JSON ErrorResponse. <see cref="DirectLineServiceCollectionExtensions.AddDirectLineChannel"/>
/// registers them; the host must call <c>app.UseRateLimiter()</c>.
/// </summary>
public static class DirectLineRateLimiting
{
    /// <summary>
    /// The routes that hand out credentials or open conversations (token generate and refresh, conversation start):
    /// <see cref="DirectLineOptions.TokenRequestsPerClient"/> per <see cref="DirectLineOptions.TokenRequestWindow"/>.
    /// Other routes that mint tokens can share the budget with <c>.RequireRateLimiting(DirectLineRateLimiting.PolicyName)</c>.
    /// </summary>
    public const string PolicyName = "carebot-directline-tokens";

    /// <summary>File uploads: <see cref="DirectLineOptions.UploadsPerClient"/> per <see cref="DirectLineOptions.UploadWindow"/>.</summary>
    public const string UploadPolicyName = "carebot-directline-uploads";
}
