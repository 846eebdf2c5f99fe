using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CareBot.Testing.Turns;

namespace CareBot.Protocol.Tests.DirectLine;

public sealed class DirectLineRateLimitTests
{
    private static readonly Dictionary<string, string?> ThreePerMinute = new() { ["DirectLine:TokenRequestsPerClient"] = "3" };

    [Fact]
    public async Task Token_generation_beyond_the_clients_budget_gets_429_with_retry_after_and_a_json_error()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo(), ThreePerMinute);
        for (var i = 0; i < 3; i++)
        {
            var (status, _) = await host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", DirectLineHost.Secret);
            Assert.Equal(200, status);
        }

        using var response = await SendAsync(host, "/v3/directline/tokens/generate", DirectLineHost.Secret);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 60 }, "Retry-After must say when to come back");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("TooManyRequests", body.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Refreshes_and_conversation_starts_share_the_same_budget()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo(), ThreePerMinute);
        var (_, token, _) = await host.StartConversationAsync();
        var (refreshStatus, refreshed) = await host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
        Assert.Equal(200, refreshStatus);
        var (startStatus, _) = await host.SendAsync(HttpMethod.Post, "/v3/directline/conversations", DirectLineHost.Secret);
        Assert.Equal(201, startStatus);

        using var refused = await SendAsync(host, "/v3/directline/tokens/refresh", refreshed.GetProperty("token").GetString()!);
        using var startRefused = await SendAsync(host, "/v3/directline/conversations", DirectLineHost.Secret);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, startRefused.StatusCode);
    }

    [Fact]
    public async Task Reading_and_posting_are_not_limited_by_the_token_budget()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo(), new Dictionary<string, string?> { ["DirectLine:TokenRequestsPerClient"] = "1" });
        var (conversationId, token, _) = await host.StartConversationAsync();

        for (var i = 0; i < 5; i++)
        {
            var (status, _) = await host.PostMessageAsync(conversationId, token, "hello " + i);
            Assert.Equal(200, status);
        }

        var (activities, _) = await host.GetActivitiesAsync(conversationId, token);
        Assert.Equal(10, activities.Length);
    }

    private static async Task<HttpResponseMessage> SendAsync(DirectLineHost host, string path, string credential)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        return await host.Client.SendAsync(request);
    }
}
