using CareBot.Protocol.Auth;
using CareBot.Testing.Auth;

namespace CareBot.Protocol.Tests.Auth;

public sealed class SigningKeyCacheTests : AuthenticatorTestBase
{
    [Fact]
    public async Task Metadata_and_keys_are_fetched_once_for_many_requests()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();

        for (int i = 0; i < 3; i++)
        {
            await AuthenticateAsync(authenticator, Bearer(Idp.IssueChannelToken(AppId, ServiceUrl)));
        }

        Assert.Equal(1, Idp.ChannelMetadataRequests);
        Assert.Equal(1, Idp.ChannelKeysRequests);
    }

    [Fact]
    public async Task Concurrent_first_requests_share_one_fetch()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        string header = Bearer(Idp.IssueChannelToken(AppId, ServiceUrl));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => AuthenticateAsync(authenticator, header)));

        Assert.Equal(1, Idp.ChannelKeysRequests);
    }

    [Fact]
    public async Task Keys_are_fetched_again_after_the_refresh_interval()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        await AuthenticateAsync(authenticator, Bearer(Idp.IssueChannelToken(AppId, ServiceUrl)));

        Clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromSeconds(1));
        await AuthenticateAsync(authenticator, Bearer(Idp.IssueChannelToken(AppId, ServiceUrl)));

        Assert.Equal(2, Idp.ChannelKeysRequests);
    }

    [Fact]
    public async Task Token_signed_with_a_newly_rotated_key_triggers_one_refresh_and_is_accepted()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        await AuthenticateAsync(authenticator, Bearer(Idp.IssueChannelToken(AppId, ServiceUrl)));
        using TestSigningKey rotated = TestSigningKey.Create("channel-key-2");
        Idp.AddChannelKey(rotated, LocalOpenIdServer.DefaultEndorsements);

        ChannelIdentity identity = await AuthenticateAsync(
            authenticator, Bearer(TestJwt.Sign(Idp.ChannelClaims(AppId, ServiceUrl), rotated)));

        Assert.True(identity.IsAuthenticated);
        Assert.Equal(2, Idp.ChannelKeysRequests);
    }

    [Fact]
    public async Task Unknown_key_ids_force_at_most_one_refresh_per_minimum_interval()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        await AuthenticateAsync(authenticator, Bearer(Idp.IssueChannelToken(AppId, ServiceUrl)));
        using TestSigningKey unknown = TestSigningKey.Create("unknown-key");
        string header = Bearer(TestJwt.Sign(Idp.ChannelClaims(AppId, ServiceUrl), unknown));

        Assert.Equal(ChannelAuthenticationFailure.UnknownSigningKey, await RefusalReasonAsync(authenticator, header));
        Assert.Equal(ChannelAuthenticationFailure.UnknownSigningKey, await RefusalReasonAsync(authenticator, header));
        Assert.Equal(2, Idp.ChannelKeysRequests);

        Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(ChannelAuthenticationFailure.UnknownSigningKey, await RefusalReasonAsync(authenticator, header));
        Assert.Equal(2, Idp.ChannelKeysRequests);

        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ChannelAuthenticationFailure.UnknownSigningKey, await RefusalReasonAsync(authenticator, header));
        Assert.Equal(3, Idp.ChannelKeysRequests);
    }

    [Fact]
    public async Task Unreachable_metadata_on_first_use_is_refused_as_metadata_unavailable()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        Idp.Unavailable = true;

        Assert.Equal(ChannelAuthenticationFailure.MetadataUnavailable,
            await RefusalReasonAsync(authenticator, Bearer(Idp.IssueChannelToken(AppId, ServiceUrl))));
    }

    [Fact]
    public async Task Metadata_recovering_from_an_outage_is_fetched_again_after_a_short_wait()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        Idp.Unavailable = true;
        await RefusalReasonAsync(authenticator, Bearer(Idp.IssueChannelToken(AppId, ServiceUrl)));
        Idp.Unavailable = false;

        Clock.Advance(TimeSpan.FromSeconds(11));

        Assert.True((await AuthenticateAsync(authenticator, Bearer(Idp.IssueChannelToken(AppId, ServiceUrl)))).IsAuthenticated);
    }

    [Fact]
    public async Task Cached_keys_keep_working_when_a_scheduled_refresh_fails()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        await AuthenticateAsync(authenticator, Bearer(Idp.IssueChannelToken(AppId, ServiceUrl)));
        Idp.Unavailable = true;

        Clock.Advance(TimeSpan.FromHours(13));

        Assert.True((await AuthenticateAsync(authenticator, Bearer(Idp.IssueChannelToken(AppId, ServiceUrl)))).IsAuthenticated);
        Assert.Equal(2, Idp.ChannelMetadataRequests);
    }

    [Fact]
    public async Task Channel_and_emulator_keys_are_fetched_from_their_own_metadata()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator(emulatorTokensEnabled: true);

        await AuthenticateAsync(authenticator, Bearer(Idp.IssueChannelToken(AppId, ServiceUrl)));
        await AuthenticateAsync(authenticator, Bearer(Idp.IssueEmulatorToken(AppId)));

        Assert.Equal(1, Idp.ChannelMetadataRequests);
        Assert.Equal(1, Idp.EmulatorMetadataRequests);
    }
}
