using System.Net;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Schema;
using CareBot.Testing.Channel;
using Moq;

namespace CareBot.Protocol.Tests.Connector;

public sealed class ConnectorClientTrustTests
{
    private const string Token = "bot-token-123";
    private static readonly Activity Hello = new() { Type = ActivityTypes.Message, Text = "Hello" };

    [Fact]
    public async Task With_auth_on_an_unproven_serviceUrl_gets_nothing_not_even_a_request()
    {
        await using var harness = await ConnectorHarness.StartAsync(Token);

        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, default));

        Assert.False(error.IsTransient);
        Assert.Contains("not proven by a channel token nor allow-listed", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Channel.Calls);
    }

    [Fact]
    public async Task With_auth_on_a_proven_serviceUrl_gets_the_bearer_token()
    {
        await using var harness = await ConnectorHarness.StartAsync(Token);
        harness.Channel.RequireBearerToken(Token);
        var serviceUrl = harness.Channel.ServiceUrlWithPath("amer");
        harness.TrustedServiceUrls.Trust(serviceUrl.TrimEnd('/').ToUpperInvariant());

        await harness.Client.SendToConversationAsync(serviceUrl, "conv-1", Hello, default);

        var call = Assert.Single(harness.Channel.Calls);
        Assert.Equal(Token, call.BearerToken);
        Assert.Equal(200, call.StatusCode);
    }

    [Fact]
    public async Task Trust_of_one_path_does_not_extend_to_another_path_on_the_same_host()
    {
        await using var harness = await ConnectorHarness.StartAsync(Token);
        harness.TrustedServiceUrls.Trust(harness.Channel.ServiceUrlWithPath("amer"));

        await Assert.ThrowsAsync<ConnectorException>(
            () => harness.Client.SendToConversationAsync(harness.Channel.ServiceUrlWithPath("emea"), "conv-1", Hello, default));

        Assert.Empty(harness.Channel.Calls);
    }

    [Fact]
    public async Task With_auth_on_an_allow_listed_serviceUrl_gets_the_bearer_token()
    {
        var channel = await FakeChannel.StartAsync();
        await using (channel)
        {
            var settings = new Dictionary<string, string?> { ["Connector:AllowedServiceUrls:0"] = channel.ServiceUrlWithPath("teams") };
            await using var harness = await ConnectorHarness.StartAsync(Token, settings);

            await harness.Client.SendToConversationAsync(channel.ServiceUrlWithPath("teams"), "conv-1", Hello, default);

            Assert.Equal(Token, Assert.Single(channel.Calls).BearerToken);
        }
    }

    [Fact]
    public async Task With_auth_off_any_http_serviceUrl_is_called_without_an_Authorization_header()
    {
        await using var harness = await ConnectorHarness.StartAsync(token: null);

        await harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, default);

        Assert.Null(Assert.Single(harness.Channel.Calls).Authorization);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_so_the_token_never_reaches_the_other_host()
    {
        await using var harness = await ConnectorHarness.StartAsync(Token);
        await using var elsewhere = await FakeChannel.StartAsync();
        harness.TrustedServiceUrls.Trust(harness.Channel.ServiceUrl);
        harness.Channel.RedirectNext(elsewhere.ServiceUrl + "v3/conversations/conv-1/activities");

        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, default));

        Assert.False(error.IsTransient);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, error.StatusCode);
        Assert.Single(harness.Channel.Calls);
        Assert.Empty(elsewhere.Calls);
    }

    [Fact]
    public async Task A_401_from_the_channel_is_not_retried()
    {
        await using var harness = await ConnectorHarness.StartAsync(Token);
        harness.TrustedServiceUrls.Trust(harness.Channel.ServiceUrl);
        harness.Channel.RequireBearerToken("another-token");

        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, default));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Single(harness.Channel.Calls);
    }

    [Fact]
    public async Task The_token_is_read_again_for_each_attempt()
    {
        await using var harness = await ConnectorHarness.StartAsync(Token);
        harness.TrustedServiceUrls.Trust(harness.Channel.ServiceUrl);
        harness.Channel.FailNext(1, HttpStatusCode.ServiceUnavailable);

        await harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, default);

        harness.Tokens.Verify(t => t.GetTokenAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task An_unreachable_token_service_is_retried_like_a_transient_channel_failure()
    {
        await using var harness = await ConnectorHarness.StartAsync(Token);
        harness.TrustedServiceUrls.Trust(harness.Channel.ServiceUrl);
        harness.Tokens.SetupSequence(t => t.GetTokenAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("login.microsoftonline.com unreachable"))
            .ReturnsAsync(Token);

        await harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, default);

        Assert.Equal(Token, Assert.Single(harness.Channel.Calls).BearerToken);
    }

    [Fact]
    public async Task A_token_failure_that_retrying_cannot_fix_is_a_non_transient_ConnectorException_and_nothing_is_sent()
    {
        await using var harness = await ConnectorHarness.StartAsync(Token);
        harness.TrustedServiceUrls.Trust(harness.Channel.ServiceUrl);
        harness.Tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("AADSTS7000215: Invalid client secret provided."));

        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, default));

        Assert.False(error.IsTransient);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Empty(harness.Channel.Calls);
    }
}
