using CareBot.Protocol.Auth;

namespace CareBot.Protocol.Tests.Auth;

public sealed class AuthenticationOffTests : AuthenticatorTestBase
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Without_app_id_a_request_without_header_is_anonymous(string? header)
    {
        IChannelAuthenticator authenticator = CreateAuthenticator(appId: null);

        ChannelIdentity identity = await AuthenticateAsync(authenticator, header, serviceUrl: "http://localhost:3978/");

        Assert.Same(ChannelIdentity.Anonymous, identity);
        Assert.False(identity.IsAuthenticated);
        Assert.Null(identity.CallerId);
        Assert.Equal(0, Idp.ChannelMetadataRequests);
    }

    [Fact]
    public async Task Without_app_id_a_request_with_a_valid_looking_token_is_still_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator(appId: null);

        Assert.Equal(ChannelAuthenticationFailure.WrongAudience,
            await RefusalReasonAsync(authenticator, Bearer(Idp.IssueChannelToken(AppId, ServiceUrl))));
    }

    [Fact]
    public async Task Without_app_id_a_token_with_an_empty_audience_is_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator(appId: null);

        Assert.Equal(ChannelAuthenticationFailure.WrongAudience,
            await RefusalReasonAsync(authenticator, Bearer(Idp.IssueChannelToken("", ServiceUrl))));
    }

    [Fact]
    public async Task Without_app_id_a_malformed_header_is_refused()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator(appId: null);

        Assert.Equal(ChannelAuthenticationFailure.MalformedHeader, await RefusalReasonAsync(authenticator, "Basic abc"));
    }
}
