using System.Net.Http.Headers;
using CareBot.Protocol.Connector;

namespace CareBot.Protocol.Tests.Connector;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Delta_seconds_are_the_wait() =>
        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfter.Read(RetryConditionHeaderValue.Parse("7"), Now));

    [Fact]
    public void An_http_date_is_the_wait_until_that_time() =>
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfter.Read(RetryConditionHeaderValue.Parse("Sun, 22 Nov 2026 12:01:30 GMT"), Now));

    [Fact]
    public void An_http_date_in_the_past_means_retry_now() =>
        Assert.Equal(TimeSpan.Zero, RetryAfter.Read(RetryConditionHeaderValue.Parse("Sun, 22 Nov 2026 11:00:00 GMT"), Now));

    [Fact]
    public void No_header_means_no_wait_was_asked_for() => Assert.Null(RetryAfter.Read(null, Now));
}
