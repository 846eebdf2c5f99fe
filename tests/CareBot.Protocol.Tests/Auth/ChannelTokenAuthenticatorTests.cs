using CareBot.Protocol.Auth;
using CareBot.Testing.Auth;
using Microsoft.Extensions.Logging;

namespace CareBot.Protocol.Tests.Auth;

// Shares one local OpenID server: these tests neither count its requests nor depend on which keys other tests added.
public sealed class ChannelTokenAuthenticatorTests(SharedOpenIdServer idp) : AuthenticatorTestBase(idp), IClassFixture<SharedOpenIdServer>
{
    [Fact]
    public async Task Valid_channel_token_is_accepted_with_caller_id_app_id_and_the_proven_service_url()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();

        ChannelIdentity identity = await AuthenticateAsync(authenticator, Bearer(Idp.IssueChannelToken(AppId, ServiceUrl)));

        Assert.True(identity.IsAuthenticated);
        Assert.Equal("urn:botframework:azure", identity.CallerId);
        Assert.Equal(AppId, identity.AppId);
        Assert.Equal(ServiceUrl, identity.ServiceUrl);
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("RS512")]
    public async Task Tokens_signed_with_the_other_allowed_rsa_algorithms_are_accepted(string algorithm)
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        string token = Idp.IssueToken(Idp.ChannelClaims(AppId, ServiceUrl), algorithm: algorithm);

        ChannelIdentity identity = await AuthenticateAsync(authenticator, Bearer(token));

        Assert.True(identity.IsAuthenticated);
    }

    [Fact]
    public async Task Us_government_cloud_accepts_its_own_issuer_and_stamps_its_caller_id()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator(
            configure: settings => settings["BotFrameworkAuthentication:UseUSGovernmentCloud"] = "true");
        Dictionary<string, object?> claims = Idp.ChannelClaims(AppId, ServiceUrl);
        claims["iss"] = "https://api.botframework.us";

        ChannelIdentity identity = await AuthenticateAsync(authenticator, Bearer(Idp.IssueToken(claims)));

        Assert.Equal("urn:botframework:azureusgov", identity.CallerId);
        Assert.Equal(ChannelAuthenticationFailure.UnknownIssuer,
            await RefusalReasonAsync(authenticator, Bearer(Idp.IssueChannelToken(AppId, ServiceUrl))));
    }

    [Fact]
    public async Task Wrong_issuer_is_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        Dictionary<string, object?> claims = Idp.ChannelClaims(AppId, ServiceUrl);
        claims["iss"] = "https://api.botframework.evil";

        Assert.Equal(ChannelAuthenticationFailure.UnknownIssuer,
            await RefusalReasonAsync(authenticator, Bearer(Idp.IssueToken(claims))));
    }

    [Fact]
    public async Task Wrong_audience_is_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        string token = Idp.IssueChannelToken("0b7d1d22-0000-4000-8000-000000000000", ServiceUrl);

        Assert.Equal(ChannelAuthenticationFailure.WrongAudience, await RefusalReasonAsync(authenticator, Bearer(token)));
    }

    [Fact]
    public async Task App_id_comparison_ignores_guid_case()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();

        ChannelIdentity identity = await AuthenticateAsync(authenticator, Bearer(Idp.IssueChannelToken(AppId.ToUpperInvariant(), ServiceUrl)));

        Assert.True(identity.IsAuthenticated);
    }

    [Fact]
    public async Task Token_expired_beyond_the_five_minute_skew_is_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        string token = Idp.IssueChannelToken(AppId, ServiceUrl, lifetime: TimeSpan.FromMinutes(10));

        Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.Equal(ChannelAuthenticationFailure.Expired, await RefusalReasonAsync(authenticator, Bearer(token)));
    }

    [Fact]
    public async Task Token_expired_within_the_five_minute_skew_is_accepted()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        string token = Idp.IssueChannelToken(AppId, ServiceUrl, lifetime: TimeSpan.FromMinutes(10));

        Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromMinutes(4));

        Assert.True((await AuthenticateAsync(authenticator, Bearer(token))).IsAuthenticated);
    }

    [Fact]
    public async Task Token_without_expiry_is_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        Dictionary<string, object?> claims = Idp.ChannelClaims(AppId, ServiceUrl);
        claims.Remove("exp");

        Assert.Equal(ChannelAuthenticationFailure.Expired, await RefusalReasonAsync(authenticator, Bearer(Idp.IssueToken(claims))));
    }

    [Fact]
    public async Task Token_not_yet_valid_beyond_the_skew_is_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        Dictionary<string, object?> claims = Idp.ChannelClaims(AppId, ServiceUrl);
        claims["nbf"] = TestJwt.ToEpochSeconds(Clock.GetUtcNow() + TimeSpan.FromMinutes(6));

        Assert.Equal(ChannelAuthenticationFailure.NotYetValid, await RefusalReasonAsync(authenticator, Bearer(Idp.IssueToken(claims))));
    }

    [Fact]
    public async Task Token_not_yet_valid_within_the_skew_is_accepted()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        Dictionary<string, object?> claims = Idp.ChannelClaims(AppId, ServiceUrl);
        claims["nbf"] = TestJwt.ToEpochSeconds(Clock.GetUtcNow() + TimeSpan.FromMinutes(4));

        Assert.True((await AuthenticateAsync(authenticator, Bearer(Idp.IssueToken(claims)))).IsAuthenticated);
    }

    [Fact]
    public async Task Token_signed_by_an_unpublished_key_under_a_published_key_id_is_refused_as_bad_signature()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        using TestSigningKey impostor = TestSigningKey.Create(Idp.ChannelKey.KeyId);

        string token = TestJwt.Sign(Idp.ChannelClaims(AppId, ServiceUrl), impostor);

        Assert.Equal(ChannelAuthenticationFailure.BadSignature, await RefusalReasonAsync(authenticator, Bearer(token)));
    }

    [Fact]
    public async Task Token_with_a_tampered_payload_is_refused_as_bad_signature()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        string genuine = Idp.IssueChannelToken(AppId, ServiceUrl);
        string tampered = TestJwt.ReplacePayload(genuine, Idp.ChannelClaims(AppId, "https://attacker.example/"));

        Assert.Equal(ChannelAuthenticationFailure.BadSignature,
            await RefusalReasonAsync(authenticator, Bearer(tampered), serviceUrl: "https://attacker.example/"));
    }

    [Fact]
    public async Task Token_signed_with_a_key_id_the_issuer_never_published_is_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        using TestSigningKey unknown = TestSigningKey.Create("never-published");

        string token = TestJwt.Sign(Idp.ChannelClaims(AppId, ServiceUrl), unknown);

        Assert.Equal(ChannelAuthenticationFailure.UnknownSigningKey, await RefusalReasonAsync(authenticator, Bearer(token)));
    }

    [Fact]
    public async Task Token_without_a_key_id_is_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();

        string token = TestJwt.Sign(Idp.ChannelClaims(AppId, ServiceUrl), Idp.ChannelKey, keyId: "");

        Assert.Equal(ChannelAuthenticationFailure.UnknownSigningKey, await RefusalReasonAsync(authenticator, Bearer(token)));
    }

    [Fact]
    public async Task Channel_the_signing_key_is_not_endorsed_for_is_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();

        Assert.Equal(ChannelAuthenticationFailure.ChannelNotEndorsed,
            await RefusalReasonAsync(authenticator, Bearer(Idp.IssueChannelToken(AppId, ServiceUrl)), channelId: "skype"));
    }

    [Fact]
    public async Task Channel_token_signed_by_a_key_without_endorsements_is_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        using TestSigningKey bare = TestSigningKey.Create("no-endorsements-" + Guid.NewGuid().ToString("N"));
        Idp.AddChannelKey(bare, endorsements: null);

        string token = TestJwt.Sign(Idp.ChannelClaims(AppId, ServiceUrl), bare);

        Assert.Equal(ChannelAuthenticationFailure.ChannelNotEndorsed, await RefusalReasonAsync(authenticator, Bearer(token)));
    }

    [Fact]
    public async Task Activity_without_channel_id_is_not_checked_against_endorsements_as_in_the_sdk()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();

        ChannelIdentity identity = await AuthenticateAsync(authenticator, Bearer(Idp.IssueChannelToken(AppId, ServiceUrl)), channelId: null);

        Assert.True(identity.IsAuthenticated);
    }

    [Fact]
    public async Task Service_url_different_from_the_token_claim_is_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();

        Assert.Equal(ChannelAuthenticationFailure.ServiceUrlMismatch,
            await RefusalReasonAsync(authenticator, Bearer(Idp.IssueChannelToken(AppId, ServiceUrl)), serviceUrl: "https://attacker.example/"));
    }

    [Fact]
    public async Task Service_url_without_the_claims_trailing_slash_is_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();

        Assert.Equal(ChannelAuthenticationFailure.ServiceUrlMismatch,
            await RefusalReasonAsync(authenticator, Bearer(Idp.IssueChannelToken(AppId, ServiceUrl)), serviceUrl: ServiceUrl.TrimEnd('/')));
    }

    [Fact]
    public async Task Service_url_differing_only_in_case_is_accepted()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();

        ChannelIdentity identity = await AuthenticateAsync(
            authenticator, Bearer(Idp.IssueChannelToken(AppId, ServiceUrl)), serviceUrl: ServiceUrl.ToUpperInvariant());

        Assert.Equal(ServiceUrl, identity.ServiceUrl);
    }

    [Fact]
    public async Task Channel_token_without_serviceurl_claim_is_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        Dictionary<string, object?> claims = Idp.ChannelClaims(AppId, ServiceUrl);
        claims.Remove("serviceurl");

        Assert.Equal(ChannelAuthenticationFailure.MissingServiceUrlClaim,
            await RefusalReasonAsync(authenticator, Bearer(Idp.IssueToken(claims))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Missing_token_is_refused_when_an_app_id_is_configured(string? header)
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();

        Assert.Equal(ChannelAuthenticationFailure.MissingToken, await RefusalReasonAsync(authenticator, header));
    }

    [Theory]
    [InlineData("{token}")]
    [InlineData("Basic dXNlcjpwYXNzd29yZA==")]
    [InlineData("Bearer {token} extra")]
    [InlineData("bearer {token}")]
    [InlineData("Bearer  {token}")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    public async Task Malformed_authorization_header_is_refused(string headerTemplate)
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        string header = headerTemplate.Replace("{token}", Idp.IssueChannelToken(AppId, ServiceUrl), StringComparison.Ordinal);

        Assert.Equal(ChannelAuthenticationFailure.MalformedHeader, await RefusalReasonAsync(authenticator, header));
    }

    [Theory]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b.c")]
    [InlineData("Bearer e30.e30")]
    [InlineData("Bearer e30.e30.e30.e30.e30")]
    [InlineData("Bearer %%%.%%%.%%%")]
    public async Task Garbage_bearer_value_is_refused_as_malformed_token(string header)
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();

        Assert.Equal(ChannelAuthenticationFailure.MalformedToken, await RefusalReasonAsync(authenticator, header));
    }

    [Theory]
    [InlineData("iss", 123)]
    [InlineData("iss", null)]
    [InlineData("aud", 42)]
    [InlineData("exp", "tomorrow")]
    [InlineData("nbf", "yesterday")]
    [InlineData("serviceurl", 7)]
    public async Task Claims_of_the_wrong_json_type_are_refused_not_crashing(string claim, object? value)
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        Dictionary<string, object?> claims = Idp.ChannelClaims(AppId, ServiceUrl);
        claims[claim] = value;

        await Assert.ThrowsAsync<ChannelAuthenticationException>(
            () => authenticator.AuthenticateAsync(Bearer(Idp.IssueToken(claims)), ChannelId, ServiceUrl, CancellationToken.None));
    }

    [Fact]
    public async Task Unsigned_token_with_alg_none_is_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        string token = TestJwt.WithoutSignature(Idp.ChannelClaims(AppId, ServiceUrl), Idp.ChannelKey.KeyId);

        Assert.Equal(ChannelAuthenticationFailure.UnsupportedAlgorithm, await RefusalReasonAsync(authenticator, Bearer(token)));
    }

    [Fact]
    public async Task Hmac_signed_token_is_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        byte[] secret = System.Text.Encoding.UTF8.GetBytes("a shared secret an attacker might guess or derive");
        string token = TestJwt.SignWithHmac(Idp.ChannelClaims(AppId, ServiceUrl), secret, Idp.ChannelKey.KeyId);

        Assert.Equal(ChannelAuthenticationFailure.UnsupportedAlgorithm, await RefusalReasonAsync(authenticator, Bearer(token)));
    }

    [Fact]
    public async Task Refusal_is_logged_with_its_reason_but_without_the_token()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        string token = Idp.IssueChannelToken(AppId, ServiceUrl);

        ChannelAuthenticationException refused = await Assert.ThrowsAsync<ChannelAuthenticationException>(
            () => authenticator.AuthenticateAsync(Bearer(token), ChannelId, "https://attacker.example/", CancellationToken.None));

        CollectingLoggerProvider.LogEntry entry = Assert.Single(Logs.Entries, e => e.EventId.Id == 1101);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains(nameof(ChannelAuthenticationFailure.ServiceUrlMismatch), entry.Message, StringComparison.Ordinal);
        Assert.Contains("https://attacker.example/", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[2], refused.Message, StringComparison.Ordinal);
    }
}
