using System.Net;
using System.Net.Http.Headers;
using CareBot.Meta.Graph;
using Microsoft.Extensions.Time.Testing;

namespace CareBot.Meta.Tests.Graph;

public sealed class MetaGraphErrorTests
{
    [Theory]
    [InlineData(4, null, MetaGraphFailure.RateLimited)]
    [InlineData(17, null, MetaGraphFailure.RateLimited)]
    [InlineData(32, null, MetaGraphFailure.RateLimited)]
    [InlineData(613, null, MetaGraphFailure.RateLimited)]
    [InlineData(80001, null, MetaGraphFailure.RateLimited)]
    [InlineData(190, 463, MetaGraphFailure.TokenRejected)]
    [InlineData(10, 2018278, MetaGraphFailure.NotAllowed)]
    [InlineData(551, 1545041, MetaGraphFailure.NotAllowed)]
    [InlineData(10900, null, MetaGraphFailure.NotAllowed)]
    [InlineData(2, null, MetaGraphFailure.Transient)]
    [InlineData(100, null, MetaGraphFailure.Permanent)]
    public void Meta_error_codes_mean_what_Meta_documents(int code, int? subcode, MetaGraphFailure expected) =>
        Assert.Equal(expected, MetaGraphException.Classify(HttpStatusCode.BadRequest, code, subcode));

    [Fact]
    public void A_server_error_without_a_code_is_transient() =>
        Assert.Equal(MetaGraphFailure.Transient, MetaGraphException.Classify(HttpStatusCode.BadGateway, null, null));

    [Fact]
    public void The_business_use_case_header_pauses_for_the_time_to_regain_access()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("X-Business-Use-Case-Usage", "{\"1111\":[{\"type\":\"pages\",\"call_count\":100,\"total_cputime\":25,\"total_time\":25,\"estimated_time_to_regain_access\":19}]}");

        Assert.Equal(TimeSpan.FromMinutes(19), MetaRateGate.PauseFrom(response.Headers, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void App_usage_at_100_percent_pauses_for_the_fallback_and_below_it_not_at_all()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), MetaRateGate.PauseFrom(Headers("X-App-Usage", "{\"call_count\":100,\"total_time\":20,\"total_cputime\":20}"), TimeSpan.FromMinutes(5)));
        Assert.Null(MetaRateGate.PauseFrom(Headers("X-App-Usage", "{\"call_count\":80,\"total_time\":20,\"total_cputime\":20}"), TimeSpan.FromMinutes(5)));
        Assert.Null(MetaRateGate.PauseFrom(Headers("X-App-Usage", "not json"), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void A_paused_page_waits_until_the_pause_ends()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var gate = new MetaRateGate(time);

        gate.Pause("111", TimeSpan.FromMinutes(2));
        Assert.NotNull(gate.PausedUntil("111"));
        Assert.Null(gate.PausedUntil("222"));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(gate.PausedUntil("111"));
    }

    private static HttpResponseHeaders Headers(string name, string value)
    {
        var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation(name, value);
        return response.Headers;
    }
}
