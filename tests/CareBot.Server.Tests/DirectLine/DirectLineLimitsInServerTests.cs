using System.Net;
using System.Net.Http.Headers;
using CareBot.Server.Tests.Hosting;

namespace CareBot.Server.Tests.DirectLine;

/// <summary>The Direct Line limits as CareBotHost wires them (the rate limiter needs the host's <c>UseRateLimiter</c>).</summary>
public sealed class DirectLineLimitsInServerTests
{
    [Fact]
    public async Task The_server_answers_429_with_retry_after_once_a_client_spent_its_token_budget()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = "server-limits-secret",
            ["DirectLine:TokenRequestsPerClient"] = "2",
        });

        var statuses = new List<HttpStatusCode>();
        TimeSpan? retryAfter = null;
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "server-limits-secret");
            using var response = await server.Client.SendAsync(request);
            statuses.Add(response.StatusCode);
            retryAfter ??= response.Headers.RetryAfter?.Delta;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.NotNull(retryAfter);
    }
}
