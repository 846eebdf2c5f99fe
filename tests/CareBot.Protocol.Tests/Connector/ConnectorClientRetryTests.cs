using System.Net;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Schema;
using CareBot.Testing.Channel;

namespace CareBot.Protocol.Tests.Connector;

public sealed class ConnectorClientRetryTests
{
    private static readonly Activity Hello = new() { Type = ActivityTypes.Message, Text = "Hello" };

    [Fact]
    public async Task A_429_with_Retry_After_is_retried_after_the_wait_the_channel_asked_for()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Channel.FailNext(1, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(1));

        var response = await harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, default);

        Assert.Equal([429, 200], harness.Channel.Calls.Select(c => c.StatusCode));
        Assert.Contains(TimeSpan.FromSeconds(1), harness.Time.DueTimes);
        Assert.Equal("act-1", response.Id);
    }

    [Fact]
    public async Task A_500_is_retried_and_the_second_attempt_succeeds()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Channel.FailNext(1, HttpStatusCode.InternalServerError);

        var response = await harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, default);

        Assert.Equal([500, 200], harness.Channel.Calls.Select(c => c.StatusCode));
        Assert.Equal("act-1", response.Id);
    }

    [Fact]
    public async Task A_persistent_500_fails_transient_after_the_configured_retries()
    {
        await using var harness = await ConnectorHarness.StartAsync(settings: new Dictionary<string, string?> { ["Connector:MaxRetries"] = "2" });
        harness.Channel.FailNext(10, HttpStatusCode.InternalServerError, errorCode: "ServiceError");

        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, default));

        Assert.True(error.IsTransient);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal("ServiceError", error.ErrorCode);
        Assert.Equal(3, harness.Channel.Calls.Count);
    }

    [Fact]
    public async Task A_400_is_not_retried_and_carries_the_channel_error_code()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Channel.FailNext(1, HttpStatusCode.BadRequest, errorCode: "BadArgument");

        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, default));

        Assert.False(error.IsTransient);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("BadArgument", error.ErrorCode);
        Assert.Contains("BadArgument", error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Channel.Calls);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_cap_fails_transient_at_once_without_waiting()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Channel.FailNext(1, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(120));

        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, default));

        Assert.True(error.IsTransient);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Single(harness.Channel.Calls);
        Assert.DoesNotContain(TimeSpan.FromSeconds(120), harness.Time.DueTimes);
    }

    [Fact]
    public async Task A_channel_that_does_not_answer_in_time_fails_transient()
    {
        // The timeout must let the request reach the channel even on a busy machine (the first call of a cold
        // process once took over 300 ms in CI); the channel holds its answer for 30 s, far beyond it.
        await using var harness = await ConnectorHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Connector:Timeout"] = "00:00:02",
            ["Connector:MaxRetries"] = "0",
        });
        harness.Channel.DelayNext(1, TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, default));

        Assert.True(error.IsTransient);
        Assert.Null(error.StatusCode);
        Assert.Single(harness.Channel.Calls);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried()
    {
        // Generous timeout: the second attempt must beat it even on a busy machine; the first is held for 30 s.
        await using var harness = await ConnectorHarness.StartAsync(settings: new Dictionary<string, string?> { ["Connector:Timeout"] = "00:00:02" });
        harness.Channel.DelayNext(1, TimeSpan.FromSeconds(30));

        var response = await harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, default);

        Assert.Equal(2, harness.Channel.Calls.Count);
        Assert.NotNull(response.Id);
    }

    [Fact]
    public async Task An_unreachable_channel_fails_transient()
    {
        await using var harness = await ConnectorHarness.StartAsync(settings: new Dictionary<string, string?> { ["Connector:MaxRetries"] = "1" });
        var gone = await FakeChannel.StartAsync();
        var goneUrl = gone.ServiceUrl;
        await gone.DisposeAsync();

        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => harness.Client.SendToConversationAsync(goneUrl, "conv-1", Hello, default));

        Assert.True(error.IsTransient);
        Assert.Null(error.StatusCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task Cancelling_during_a_retry_wait_throws_OperationCanceled_and_makes_no_further_attempt()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Channel.FailNext(5, HttpStatusCode.ServiceUnavailable, retryAfter: TimeSpan.FromSeconds(20));
        using var cancellation = new CancellationTokenSource();

        var send = harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, cancellation.Token);
        await harness.Channel.WaitForCallsAsync(1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        Assert.Single(harness.Channel.Calls);
    }

    [Fact]
    public async Task Cancelling_while_the_channel_is_answering_throws_OperationCanceled_not_ConnectorException()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Channel.DelayNext(1, TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource();

        var send = harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, cancellation.Token);
        await harness.Channel.WaitForCallsAsync(1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        Assert.Single(harness.Channel.Calls);
    }

    [Fact]
    public async Task The_channels_correlating_operation_id_is_logged_for_failures_and_successes()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Channel.FailNext(1, HttpStatusCode.BadGateway);

        await harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, default);

        var logged = harness.Logs.Entries
            .Where(e => e.Fields.ContainsKey("CorrelatingOperationId"))
            .Select(e => (e.EventId.Id, e.Fields["CorrelatingOperationId"] as string))
            .ToList();
        Assert.Equal([(1301, "op-1"), (1300, "op-2")], logged);
    }
}
