using System.Net;
using System.Text;
using System.Text.Json;
using CareBot.Server.Tests.Hosting;

namespace CareBot.Server.Tests.Security;

/// <summary>
/// Per-address rate limits on the real server: chat page tokens, and wrong agent API keys (back-off, then lock-out).
/// Over a limit: 429, <c>Retry-After</c> and a short JSON error; another address is not affected.
/// </summary>
public sealed class RateLimitTests
{
    private const string AgentKey = "key-of-ana-0123456789";

    [Fact]
    public async Task Chat_tokens_over_the_limit_get_429_with_Retry_After_and_other_clients_still_get_theirs()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["RateLimits:ChatTokenPermitLimit"] = "2",
            ["RateLimits:ChatTokenWindow"] = "00:05:00",
        });
        using var other = SourceAddressClient.Create(server.BaseAddress, "127.0.0.2");

        using var first = await PostChatTokenAsync(server.Client);
        using var second = await PostChatTokenAsync(server.Client);
        using var third = await PostChatTokenAsync(server.Client);
        using var otherClient = await PostChatTokenAsync(other);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await AssertTooManyAsync(third, minimumSeconds: 1);
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
    }

    [Fact]
    public async Task Wrong_agent_keys_back_off_then_the_client_waits_even_with_a_good_key_while_others_go_on()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:ana"] = AgentKey,
            ["RateLimits:AgentKeyFailuresBeforeBackoff"] = "3",
            ["RateLimits:AgentKeyBackoff"] = "00:01:00",
        });
        using var other = SourceAddressClient.Create(server.BaseAddress, "127.0.0.2");

        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var wrong = await server.SendAsAgentAsync(HttpMethod.Get, "/api/cases", "guess-" + attempt);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        // The limiter refills its buckets in the background (every 100 ms): a fraction of a try must not be a try.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        using var fourth = await server.SendAsAgentAsync(HttpMethod.Get, "/api/cases", "guess-4");
        using var goodKeySameClient = await server.SendAsAgentAsync(HttpMethod.Get, "/api/cases", AgentKey);
        using var goodKeyOtherClient = await SendAsAgentAsync(other, AgentKey);

        await AssertTooManyAsync(fourth, minimumSeconds: 1);
        await AssertTooManyAsync(goodKeySameClient, minimumSeconds: 1);
        Assert.Equal(HttpStatusCode.OK, goodKeyOtherClient.StatusCode);
    }

    [Fact]
    public async Task Good_agent_keys_are_never_limited()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:ana"] = AgentKey,
            ["RateLimits:AgentKeyFailuresBeforeBackoff"] = "1",
        });

        for (var call = 0; call < 10; call++)
        {
            using var response = await server.SendAsAgentAsync(HttpMethod.Get, "/api/cases", AgentKey);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Too_many_wrong_agent_keys_in_the_window_lock_the_client_out_for_the_window()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:ana"] = AgentKey,
            ["RateLimits:AgentKeyFailuresBeforeBackoff"] = "10",
            ["RateLimits:AgentKeyFailuresBeforeLockout"] = "2",
            ["RateLimits:AgentKeyLockout"] = "01:00:00",
        });

        using var first = await server.SendAsAgentAsync(HttpMethod.Get, "/api/cases", "guess-1");
        using var second = await server.SendAsAgentAsync(HttpMethod.Get, "/api/cases", "guess-2");
        using var locked = await server.SendAsAgentAsync(HttpMethod.Get, "/api/cases", AgentKey);

        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        await AssertTooManyAsync(locked, minimumSeconds: 60);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response, int minimumSeconds)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"{(int)response.StatusCode}: {body}");
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.True(retryAfter >= TimeSpan.FromSeconds(minimumSeconds), $"Retry-After {retryAfter}");
        using var json = JsonDocument.Parse(body);
        Assert.Equal("TooManyRequests", json.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    private static Task<HttpResponseMessage> PostChatTokenAsync(HttpClient client) =>
        client.PostAsync("/chat/token", new StringContent("{\"public\":true}", Encoding.UTF8, "application/json"));

    private static Task<HttpResponseMessage> SendAsAgentAsync(HttpClient client, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/cases");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client.SendAsync(request);
    }
}
