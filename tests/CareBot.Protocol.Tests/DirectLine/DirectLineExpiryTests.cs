using CareBot.Testing.Turns;

namespace CareBot.Protocol.Tests.DirectLine;

public sealed class DirectLineExpiryTests
{
    [Fact]
    public async Task A_refreshed_token_replaces_the_old_one()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (conversationId, token, _) = await host.StartConversationAsync();
        var tokensBefore = host.Channel.Diagnostics().Tokens;

        var (status, refreshed) = await host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
        var (oldStatus, _) = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token);
        var (newStatus, _) = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", refreshed.GetProperty("token").GetString());

        Assert.Equal(200, status);
        Assert.Equal(401, oldStatus);
        Assert.Equal(200, newStatus);
        Assert.Equal(tokensBefore, host.Channel.Diagnostics().Tokens);
    }

    [Fact]
    public async Task A_conversation_idle_longer_than_the_idle_timeout_is_forgotten_with_its_tokens()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo(), new Dictionary<string, string?>
        {
            ["DirectLine:TokenLifetime"] = "00:30:00",
            ["DirectLine:ConversationIdleTimeout"] = "01:00:00",
        });
        var (conversationId, token, _) = await host.StartConversationAsync();
        await host.PostMessageAsync(conversationId, token, "hello");

        host.Time.Advance(TimeSpan.FromMinutes(59));
        var (stillThere, _) = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", DirectLineHost.Secret);
        host.Time.Advance(TimeSpan.FromMinutes(61));
        var (gone, body) = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", DirectLineHost.Secret);
        var (tokenStatus, _) = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token);

        Assert.Equal(200, stillThere); // the read at 59 minutes counts as use
        Assert.Equal(404, gone);
        Assert.Equal("NotFound", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(401, tokenStatus);
        Assert.Equal(0, host.Channel.Diagnostics().Conversations);
    }

    [Fact]
    public async Task An_idle_timeout_shorter_than_the_token_lifetime_is_refused_at_start()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => DirectLineHost.StartAsync(DelegateBot.Echo(), new Dictionary<string, string?>
        {
            ["DirectLine:TokenLifetime"] = "00:30:00",
            ["DirectLine:ConversationIdleTimeout"] = "00:10:00",
        }));

        Assert.Contains("ConversationIdleTimeout", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_the_conversation_limit_the_least_recently_used_conversation_is_forgotten()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo(), new Dictionary<string, string?> { ["DirectLine:MaxConversations"] = "3" });
        var (oldest, oldestToken, _) = await host.StartConversationAsync();
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var (second, secondToken, _) = await host.StartConversationAsync();
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await host.StartConversationAsync();
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await host.PostMessageAsync(oldest, oldestToken, "still here"); // now the oldest is the most recently used

        host.Time.Advance(TimeSpan.FromSeconds(1));
        await host.StartConversationAsync();

        var (oldestStatus, _) = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{oldest}/activities", oldestToken);
        var (secondStatus, _) = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{second}/activities", secondToken);
        Assert.Equal(200, oldestStatus);
        Assert.Equal(401, secondStatus);
        Assert.Equal(3, host.Channel.Diagnostics().Conversations);
    }
}
