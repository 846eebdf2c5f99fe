using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CareBot.Care.Agents;
using CareBot.Server.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Playwright;

namespace CareBot.Server.Tests.Pages;

/// <summary>
/// Optional single sign-on for the console against a tiny local OpenID Connect stand-in (discovery, authorize with
/// form_post, token with PKCE, an RS256 id_token and its JWKS): the whole round trip in a browser, roles from the
/// token's claims, the redirect with PKCE, a bad section stopping the start, and no single sign-on without the section.
/// </summary>
public sealed class SingleSignOnTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    [Fact]
    public async Task The_browser_signs_in_through_the_provider_ends_on_the_inbox_and_the_tokens_role_claim_makes_the_account_a_supervisor()
    {
        await using var provider = await StartProviderAsync();
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["AgentSignIn:Oidc:Authority"] = provider.Issuer,
            ["AgentSignIn:Oidc:ClientId"] = "carebot-console",
            ["AgentSignIn:Oidc:RequireHttpsMetadata"] = "false",
            ["AgentSignIn:Oidc:StripDomain"] = "true",
            ["AgentSignIn:Oidc:RoleClaim"] = "roles",
            ["AgentSignIn:Oidc:Roles:Care.Supervisor"] = "supervisor",
        });
        var accounts = server.Services.GetRequiredService<IAgentAccountStore>();
        Assert.True(await accounts.AddAsync(
            new AgentAccount("ana", "Ana Lima", AgentRole.Agent, ["care"], false, new AgentPasswords().Hash("correct horse battery"), 0, null, DateTimeOffset.UtcNow),
            CancellationToken.None));
        var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);

        var trail = new ConcurrentQueue<string>();
        page.Response += (_, response) => trail.Enqueue($"{response.Status} {response.Request.Method} {response.Url}");
        await page.GotoAsync(new Uri(server.BaseAddress, "/agent/signin").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with single sign-on" }).ClickAsync();

        try
        {
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/agent");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The browser ended on {page.Url}: {await page.InnerTextAsync("body")}\n{string.Join("\n", trail)}");
        }

        await page.GetByRole(AriaRole.Heading, new() { Name = "Inbox" }).WaitForAsync();
        Assert.Equal(["ana"], provider.CodesRedeemed);
        Assert.Equal(AgentRole.Supervisor, (await accounts.GetAsync("ana", CancellationToken.None))!.Role);
        var board = await page.GotoAsync(new Uri(server.BaseAddress, "/agent/board").ToString());
        Assert.Equal(200, board!.Status);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Supervisor board" }).WaitForAsync();
        await context.DisposeAsync();
    }

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

    /// <summary>
    /// The stand-in provider: it signs in "ana" (with the role "Care.Supervisor") without asking, hands out a code by
    /// form_post, and redeems it once (checking the PKCE verifier) for an RS256 id_token carrying the request's nonce.
    /// </summary>
    private static async Task<Provider> StartProviderAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        string? issuer = null;
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: true)) { KeyId = "stand-in-1" };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)) { KeyId = key.KeyId });
        var codes = new ConcurrentDictionary<string, (string ClientId, string Nonce, string Challenge)>();
        var redeemed = new ConcurrentQueue<string>();
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
        app.MapGet("/jwks", () => Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } }));
        app.MapGet("/authorize", (HttpRequest request) =>
        {
            var query = request.Query;
            var code = Guid.NewGuid().ToString("N");
            codes[code] = (query["client_id"].ToString(), query["nonce"].ToString(), query["code_challenge"].ToString());
            var redirect = WebUtility.HtmlEncode(query["redirect_uri"].ToString());
            var state = WebUtility.HtmlEncode(query["state"].ToString());
            // response_mode=form_post (ASP.NET Core's default): the browser posts the code back to the console.
            return Results.Content(
                $"<html><body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\"{redirect}\">" +
                $"<input type=\"hidden\" name=\"code\" value=\"{code}\"><input type=\"hidden\" name=\"state\" value=\"{state}\"></form></body></html>",
                "text/html");
        });
        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (!codes.TryRemove(form["code"].ToString(), out var grant) || grant.ClientId != form["client_id"]
                || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != grant.Challenge)
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            var accessToken = Guid.NewGuid().ToString("N");
            var now = DateTime.UtcNow;
            var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = issuer,
                Audience = grant.ClientId,
                IssuedAt = now,
                NotBefore = now,
                Expires = now.AddMinutes(5),
                Claims = new Dictionary<string, object>
                {
                    ["sub"] = "ana-at-the-provider",
                    ["preferred_username"] = "Ana@Contoso.com",
                    ["nonce"] = grant.Nonce,
                    ["roles"] = new[] { "Care.Supervisor", "Something.Else" },
                    // The left half of the access token's SHA-256, as OpenID Connect asks for RS256.
                    ["at_hash"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]),
                },
                SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            });
            redeemed.Enqueue("ana");
            return Results.Json(new { access_token = accessToken, token_type = "Bearer", expires_in = 300, id_token = idToken });
        });
        await app.StartAsync();
        issuer = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        return new Provider(app, issuer, redeemed);
    }

    private sealed record Provider(WebApplication App, string Issuer, ConcurrentQueue<string> Redeemed) : IAsyncDisposable
    {
        public IReadOnlyList<string> CodesRedeemed => [.. Redeemed];

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
