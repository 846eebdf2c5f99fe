using CareBot.Protocol.Auth;
using CareBot.Testing.Auth;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CareBot.Protocol.Tests.Auth;

/// <summary>MSAL against a local https token endpoint (self-signed certificate trusted only by the test's HTTP client).</summary>
public sealed class MsalConnectorTokenProviderTests : IAsyncLifetime
{
    private const string AppId = "5c0d7d7e-2a55-4d3c-9f5e-0c1f3b6a9d21";
    private const string Secret = "s3cr3t~with.special+chars";

    private LocalTokenServer _tokenServer = null!;

    public async Task InitializeAsync() => _tokenServer = await LocalTokenServer.StartAsync("3e1b9c2a-7d4f-4a8e-b6c5-2f9d8e7a6b5c");

    public async Task DisposeAsync() => await _tokenServer.DisposeAsync();

    [Fact]
    public async Task Token_is_obtained_by_client_credentials_with_the_connector_scope()
    {
        using MsalConnectorTokenProvider provider = CreateProvider();

        string? token = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal("local-access-token-1", token);
        IReadOnlyDictionary<string, string> form = Assert.Single(_tokenServer.Requests);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal(AppId, form["client_id"]);
        Assert.Equal(Secret, form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", form["scope"]);
    }

    [Fact]
    public async Task Token_is_reused_from_the_cache_while_valid()
    {
        using MsalConnectorTokenProvider provider = CreateProvider();

        string? first = await provider.GetTokenAsync(CancellationToken.None);
        string? second = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Single(_tokenServer.Requests);
    }

    [Fact]
    public async Task Concurrent_requests_for_a_token_make_one_token_request()
    {
        using MsalConnectorTokenProvider provider = CreateProvider();

        string?[] tokens = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => provider.GetTokenAsync(CancellationToken.None)));

        Assert.All(tokens, t => Assert.Equal("local-access-token-1", t));
        Assert.Single(_tokenServer.Requests);
    }

    [Fact]
    public async Task Token_about_to_expire_is_replaced_by_a_new_one()
    {
        // MSAL treats a token that expires within five minutes as expired, so a 60-second token is never reused.
        _tokenServer.ExpiresInSeconds = 60;
        using MsalConnectorTokenProvider provider = CreateProvider();

        string? first = await provider.GetTokenAsync(CancellationToken.None);
        string? second = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal("local-access-token-1", first);
        Assert.Equal("local-access-token-2", second);
        Assert.Equal(2, _tokenServer.Requests.Count);
    }

    [Fact]
    public async Task Refusal_by_the_token_service_is_a_clear_non_transient_error()
    {
        _tokenServer.FailWith = (401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
        using MsalConnectorTokenProvider provider = CreateProvider();

        ConnectorTokenException error = await Assert.ThrowsAsync<ConnectorTokenException>(
            () => provider.GetTokenAsync(CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Contains("invalid_client", error.Message, StringComparison.Ordinal);
        Assert.Contains("MicrosoftAppPassword", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_service_busy_is_a_transient_error()
    {
        _tokenServer.FailWith = (429, "temporarily_unavailable", "AADSTS50196: The server terminated an operation because it encountered a client request loop.");
        using MsalConnectorTokenProvider provider = CreateProvider();

        ConnectorTokenException error = await Assert.ThrowsAsync<ConnectorTokenException>(
            () => provider.GetTokenAsync(CancellationToken.None));

        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task Unknown_tenant_is_reported_with_the_authority()
    {
        using var provider = new MsalConnectorTokenProvider(
            Options.Create(Settings(new Uri(_tokenServer.Authority, "/wrong-tenant"))),
            NullLogger<MsalConnectorTokenProvider>.Instance,
            _tokenServer.MsalHttpClientFactory);

        ConnectorTokenException error = await Assert.ThrowsAsync<ConnectorTokenException>(
            () => provider.GetTokenAsync(CancellationToken.None));

        Assert.Contains("wrong-tenant", error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid_tenant", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Provider_without_credentials_is_a_programming_error()
    {
        var settings = new BotFrameworkAuthenticationOptions { MicrosoftAppId = AppId };

        Assert.Throws<ArgumentException>(() => new MsalConnectorTokenProvider(
            Options.Create(settings), NullLogger<MsalConnectorTokenProvider>.Instance));
    }

    [Fact]
    public async Task No_credentials_provider_never_returns_a_token()
    {
        Assert.Null(await NoCredentialsTokenProvider.Instance.GetTokenAsync(CancellationToken.None));
    }

    private MsalConnectorTokenProvider CreateProvider() => new(
        Options.Create(Settings(_tokenServer.Authority)),
        NullLogger<MsalConnectorTokenProvider>.Instance,
        _tokenServer.MsalHttpClientFactory);

    private static BotFrameworkAuthenticationOptions Settings(Uri authority) => new()
    {
        MicrosoftAppType = BotAppType.SingleTenant,
        MicrosoftAppId = AppId,
        MicrosoftAppPassword = Secret,
        MicrosoftAppTenantId = "3e1b9c2a-7d4f-4a8e-b6c5-2f9d8e7a6b5c",
        TokenAuthority = authority,
    };
}
