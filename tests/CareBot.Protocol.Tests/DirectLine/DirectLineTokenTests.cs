using System.Net;
using CareBot.Protocol.DirectLine;
using CareBot.Testing.Turns;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Protocol.Tests.DirectLine;

public sealed class DirectLineTokenTests
{
    [Fact]
    public async Task Generate_with_the_secret_gives_a_token_that_starts_its_conversation_once()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());

        var (status, generated) = await host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", DirectLineHost.Secret,
            """{"user":{"id":"dl_alice","name":"Alice"}}""");
        Assert.Equal(200, status);
        var token = generated.GetProperty("token").GetString()!;
        var conversationId = generated.GetProperty("conversationId").GetString()!;
        Assert.Equal(1800, generated.GetProperty("expires_in").GetInt32());

        var (firstStatus, first) = await host.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        var (secondStatus, second) = await host.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);

        Assert.Equal(201, firstStatus);
        Assert.Equal(200, secondStatus);
        Assert.Equal(conversationId, first.GetProperty("conversationId").GetString());
        Assert.Equal(conversationId, second.GetProperty("conversationId").GetString());
        Assert.StartsWith($"ws://127.0.0.1:{host.BaseAddress.Port}/v3/directline/conversations/{conversationId}/stream?t=", first.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_with_a_token_is_forbidden()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (_, token, _) = await host.StartConversationAsync();

        var (status, body) = await host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", token);

        Assert.Equal(403, status);
        Assert.Equal("Forbidden", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_refreshed_token_works_for_the_same_conversation()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (conversationId, token, _) = await host.StartConversationAsync();

        var (status, refreshed) = await host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token);

        Assert.Equal(200, status);
        var newToken = refreshed.GetProperty("token").GetString()!;
        Assert.NotEqual(token, newToken);
        Assert.Equal(conversationId, refreshed.GetProperty("conversationId").GetString());
        var (activities, _) = await host.GetActivitiesAsync(conversationId, newToken);
        Assert.Empty(activities);
    }

    [Fact]
    public async Task An_expired_token_answers_403_TokenExpired_and_cannot_be_refreshed()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo(), new Dictionary<string, string?> { ["DirectLine:TokenLifetime"] = "00:05:00" });
        var (conversationId, token, _) = await host.StartConversationAsync();

        host.Time.Advance(TimeSpan.FromMinutes(5));

        var (getStatus, getBody) = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token);
        var (refreshStatus, refreshBody) = await host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
        Assert.Equal(403, getStatus);
        Assert.Equal("TokenExpired", getBody.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(403, refreshStatus);
        Assert.Equal("TokenExpired", refreshBody.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Missing_or_unknown_credentials_answer_401()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (conversationId, _, _) = await host.StartConversationAsync();

        var (missingStatus, missing) = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", null);
        var (unknownStatus, unknown) = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", "not-a-token");

        Assert.Equal(401, missingStatus);
        Assert.Equal("MissingAuthorization", missing.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(401, unknownStatus);
        Assert.Equal("Unauthorized", unknown.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_token_of_another_conversation_answers_403()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (_, tokenA, _) = await host.StartConversationAsync();
        var (conversationB, _, _) = await host.StartConversationAsync();

        var (status, body) = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationB}/activities", tokenA);

        Assert.Equal(403, status);
        Assert.Equal("Forbidden", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Reconnect_gives_a_fresh_stream_url_with_the_watermark()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (conversationId, token, _) = await host.StartConversationAsync();

        var (status, body) = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}?watermark=3", token);

        Assert.Equal(200, status);
        Assert.Equal(conversationId, body.GetProperty("conversationId").GetString());
        Assert.EndsWith("&watermark=3", body.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chat_page_token_route_opens_a_conversation_with_a_user_and_no_secret()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());

        var (status, body) = await host.SendAsync(HttpMethod.Post, "/chat/token", null, """{"public":true}""");

        Assert.Equal(200, status);
        Assert.StartsWith("dl_", body.GetProperty("userId").GetString(), StringComparison.Ordinal);
        var token = body.GetProperty("token").GetString()!;
        var (startStatus, _) = await host.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        Assert.Equal(201, startStatus);
    }

    [Fact]
    public async Task Without_a_configured_secret_only_loopback_clients_are_served()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo(), new Dictionary<string, string?> { ["DirectLine:Secret"] = "" });
        var channel = host.Services.GetRequiredService<DirectLineChannel>();
        var remote = new DefaultHttpContext();
        remote.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.10");
        var local = new DefaultHttpContext();
        local.Connection.RemoteIpAddress = IPAddress.Loopback;

        Assert.True(channel.Tokens.IsDevelopmentSecret);
        Assert.Equal(403, DirectLineAuthorization.CheckLoopback(remote, channel)?.StatusCode);
        Assert.Null(DirectLineAuthorization.CheckLoopback(local, channel));
        var (status, _) = await host.SendAsync(HttpMethod.Post, "/chat/token", null);
        Assert.Equal(200, status);
    }
}
