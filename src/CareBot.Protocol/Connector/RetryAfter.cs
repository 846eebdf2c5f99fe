using System.Net.Http.Headers;

namespace CareBot.Protocol.Connector;

/// <summary>Reads the <c>Retry-After</c> header, in either of its forms (delta-seconds or HTTP-date).</summary>
internal static class RetryAfter
{
    /// <summary>The wait the server asked for, never negative; null when there is no usable header.</summary>
    public static TimeSpan? Read(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
