using System.Net;
using System.Text.Json;
using CareBot.Server.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareBot.Server.Tests.Pages;

/// <summary>
/// Optional single sign-on for the console against a tiny local OpenID Connect stand-in (its discovery document only):
/// the button's path starts the code flow with PKCE at the provider, a bad section stops the start, and without the
/// section there is no single sign-on at all.
/// </summary>
public sealed class SingleSignOnTests
{
    [Fact]
    public async Task The_single_sign_on_path_redirects_to_the_providers_authorize_endpoint_with_PKCE_and_the_console_callback()
    {
        await using var provider = await StartProviderAsync();
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["AgentSignIn:Oidc:Authority"] = provider.Issuer,
            ["AgentSignIn:Oidc:ClientId"] = "carebot-console",
            ["AgentSignIn:Oidc:RequireHttpsMetadata"] = "false",
        });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        var response = await client.GetAsync(new Uri("/agent/signin/sso?returnUrl=%2Fagent%2Fcases%2FC-1001", UriKind.Relative));
        var signInPage = await client.GetStringAsync(new Uri("/agent/signin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(provider.Issuer + "/authorize", location.GetLeftPart(UriPartial.Path));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("carebot-console", query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(new Uri(server.BaseAddress, "/agent/signin/oidc").ToString(), query["redirect_uri"]);
        Assert.Contains("openid", query["scope"].ToString(), StringComparison.Ordinal);
        Assert.Contains("href=\"/agent/signin/sso", signInPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_section_there_is_no_single_sign_on()
    {
        await using var server = await CareBotTestServer.StartAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        var response = await client.GetAsync(new Uri("/agent/signin/sso", UriKind.Relative));
        var signInPage = await client.GetStringAsync(new Uri("/agent/signin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("sso_not_configured", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("/agent/signin/sso", signInPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authority_without_a_client_id_stops_the_start_with_the_setting_named()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["AgentSignIn:Oidc:Authority"] = "https://login.example.com/tenant/v2.0",
        }));

        Assert.Contains("AgentSignIn:Oidc", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<Provider> StartProviderAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        string? issuer = null;
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer!,
            ["authorization_endpoint"] = issuer + "/authorize",
            ["token_endpoint"] = issuer + "/token",
            ["jwks_uri"] = issuer + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
        await app.StartAsync();
        issuer = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        return new Provider(app, issuer);
    }

    private sealed record Provider(WebApplication App, string Issuer) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
