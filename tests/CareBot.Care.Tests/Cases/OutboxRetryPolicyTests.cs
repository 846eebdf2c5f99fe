using CareBot.Care.Stores;

namespace CareBot.Care.Tests.Cases;

public sealed class OutboxRetryPolicyTests
{
    private static readonly OutboxRetryPolicy Policy = new(5, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60));

    [Theory]
    [InlineData(1, 0.0, 5)]
    [InlineData(1, 0.5, 7.5)]
    [InlineData(2, 0.0, 10)]
    [InlineData(3, 0.0, 20)]
    [InlineData(4, 0.0, 30)]     // 80 s capped at 60, half of it
    [InlineData(4, 0.999, 59.97)]
    [InlineData(40, 0.0, 30)]    // no overflow for absurd counts
    public void The_delay_doubles_per_attempt_is_capped_and_jittered_over_its_upper_half(int attempts, double jitter, double seconds)
    {
        Assert.Equal(seconds, Policy.DelayAfter(attempts, jitter).TotalSeconds, precision: 2);
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(6, true)]
    public void A_message_is_dead_after_the_last_attempt(int attempts, bool exhausted)
    {
        Assert.Equal(exhausted, Policy.IsExhausted(attempts));
    }

    [Fact]
    public void Jitter_outside_0_to_1_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy.DelayAfter(1, 1.0));
    }
}
