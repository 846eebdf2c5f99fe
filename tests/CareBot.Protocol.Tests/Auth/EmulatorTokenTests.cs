using CareBot.Protocol.Auth;

namespace CareBot.Protocol.Tests.Auth;

public sealed class EmulatorTokenTests : AuthenticatorTestBase
{
    [Fact]
    public async Task Emulator_token_is_refused_when_emulator_tokens_are_disabled()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator(emulatorTokensEnabled: false);

        Assert.Equal(ChannelAuthenticationFailure.EmulatorNotAllowed,
            await RefusalReasonAsync(authenticator, Bearer(Idp.IssueEmulatorToken(AppId))));
        Assert.Equal(0, Idp.EmulatorMetadataRequests);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("2.0")]
    public async Task Emulator_token_is_accepted_when_enabled_without_a_proven_service_url(string version)
    {
        IChannelAuthenticator authenticator = CreateAuthenticator(emulatorTokensEnabled: true);

        ChannelIdentity identity = await AuthenticateAsync(
            authenticator, Bearer(Idp.IssueEmulatorToken(AppId, version)), channelId: "emulator", serviceUrl: "http://localhost:57231");

        Assert.True(identity.IsAuthenticated);
        Assert.Equal(AppId, identity.AppId);
        Assert.Equal("urn:botframework:azure", identity.CallerId);
        Assert.Null(identity.ServiceUrl);
    }

    [Fact]
    public async Task Emulator_token_obtained_by_another_app_is_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator(emulatorTokensEnabled: true);
        Dictionary<string, object?> claims = Idp.EmulatorClaims(AppId);
        claims["appid"] = "99999999-9999-4999-8999-999999999999";

        Assert.Equal(ChannelAuthenticationFailure.WrongAudience,
            await RefusalReasonAsync(authenticator, Bearer(Idp.IssueToken(claims, Idp.EmulatorKey))));
    }

    [Fact]
    public async Task Emulator_token_without_version_claim_is_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator(emulatorTokensEnabled: true);
        Dictionary<string, object?> claims = Idp.EmulatorClaims(AppId);
        claims.Remove("ver");

        Assert.Equal(ChannelAuthenticationFailure.WrongAudience,
            await RefusalReasonAsync(authenticator, Bearer(Idp.IssueToken(claims, Idp.EmulatorKey))));
    }

    [Theory]
    [InlineData("https://login.microsoftonline.com/{0}/v2.0")]
    [InlineData("https://sts.windows.net/{0}/")]
    public async Task Emulator_token_from_a_single_tenant_bots_own_tenant_is_accepted(string issuerTemplate)
    {
        const string tenant = "3e1b9c2a-7d4f-4a8e-b6c5-2f9d8e7a6b5c";
        IChannelAuthenticator authenticator = CreateAuthenticator(emulatorTokensEnabled: true, configure: SingleTenant(tenant));
        Dictionary<string, object?> claims = Idp.EmulatorClaims(AppId, "2.0");
        claims["iss"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, issuerTemplate, tenant);
        claims["tid"] = tenant;

        ChannelIdentity identity = await AuthenticateAsync(authenticator, Bearer(Idp.IssueToken(claims, Idp.EmulatorKey)));

        Assert.True(identity.IsAuthenticated);
    }

    [Fact]
    public async Task Emulator_token_from_a_tenant_that_is_not_the_configured_one_is_refused_even_when_it_names_itself()
    {
        // Anyone can get a validly signed Entra token from a tenant of their own: naming that tenant must not make it trusted.
        const string attackerTenant = "00000000-1111-4222-8333-444444444444";
        IChannelAuthenticator authenticator = CreateAuthenticator(
            emulatorTokensEnabled: true, configure: SingleTenant("3e1b9c2a-7d4f-4a8e-b6c5-2f9d8e7a6b5c"));
        Dictionary<string, object?> claims = Idp.EmulatorClaims(AppId, "2.0");
        claims["iss"] = $"https://login.microsoftonline.com/{attackerTenant}/v2.0";
        claims["tid"] = attackerTenant;

        Assert.Equal(ChannelAuthenticationFailure.UnknownIssuer,
            await RefusalReasonAsync(authenticator, Bearer(Idp.IssueToken(claims, Idp.EmulatorKey))));
    }

    [Fact]
    public async Task A_multi_tenant_bot_accepts_Emulator_tokens_only_from_the_Bot_Framework_tenants()
    {
        const string tenant = "3e1b9c2a-7d4f-4a8e-b6c5-2f9d8e7a6b5c";
        IChannelAuthenticator authenticator = CreateAuthenticator(
            emulatorTokensEnabled: true, configure: settings => settings["MicrosoftAppTenantId"] = tenant);
        Dictionary<string, object?> claims = Idp.EmulatorClaims(AppId, "2.0");
        claims["iss"] = $"https://login.microsoftonline.com/{tenant}/v2.0";
        claims["tid"] = tenant;

        Assert.Equal(ChannelAuthenticationFailure.UnknownIssuer,
            await RefusalReasonAsync(authenticator, Bearer(Idp.IssueToken(claims, Idp.EmulatorKey))));
    }

    [Fact]
    public async Task Entra_issuer_of_a_tenant_other_than_the_tokens_own_is_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator(emulatorTokensEnabled: true);
        Dictionary<string, object?> claims = Idp.EmulatorClaims(AppId, "2.0");
        claims["iss"] = "https://login.microsoftonline.com/3e1b9c2a-7d4f-4a8e-b6c5-2f9d8e7a6b5c/v2.0";
        claims["tid"] = "00000000-1111-4222-8333-444444444444";

        Assert.Equal(ChannelAuthenticationFailure.UnknownIssuer,
            await RefusalReasonAsync(authenticator, Bearer(Idp.IssueToken(claims, Idp.EmulatorKey))));
    }

    [Fact]
    public async Task Emulator_token_signed_with_a_bot_connector_key_is_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator(emulatorTokensEnabled: true);

        string token = Idp.IssueToken(Idp.EmulatorClaims(AppId), Idp.ChannelKey);

        Assert.Equal(ChannelAuthenticationFailure.UnknownSigningKey, await RefusalReasonAsync(authenticator, Bearer(token)));
    }

    private static Action<Dictionary<string, string?>> SingleTenant(string tenant) => settings =>
    {
        settings["MicrosoftAppType"] = "SingleTenant";
        settings["MicrosoftAppTenantId"] = tenant;
    };
}
