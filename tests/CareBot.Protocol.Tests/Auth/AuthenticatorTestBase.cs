using CareBot.Protocol.Auth;
using CareBot.Testing.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CareBot.Protocol.Tests.Auth;

/// <summary>
/// Each test gets its own local OpenID server (real HTTP on 127.0.0.1), a manual clock shared by the server's tokens and
/// the authenticator, and an authenticator built through <c>AddBotFrameworkAuthentication</c> as the host builds it.
/// </summary>
public abstract class AuthenticatorTestBase : IAsyncLifetime
{
    protected const string AppId = "5c0d7d7e-2a55-4d3c-9f5e-0c1f3b6a9d21";
    protected const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    protected const string ChannelId = "msteams";

    private readonly List<ServiceProvider> _providers = [];
    private readonly LocalOpenIdServer? _sharedIdp;

    /// <summary>Each test starts its own server (tests that count requests or change keys need that).</summary>
    protected AuthenticatorTestBase()
    {
    }

    /// <summary>Tests share <paramref name="sharedIdp"/> (started once per class); its clock becomes this test's clock.</summary>
    protected AuthenticatorTestBase(SharedOpenIdServer sharedIdp)
    {
        ArgumentNullException.ThrowIfNull(sharedIdp);
        _sharedIdp = sharedIdp.Server;
    }

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    protected LocalOpenIdServer Idp { get; private set; } = null!;

    protected CollectingLoggerProvider Logs { get; } = new();

    public async Task InitializeAsync()
    {
        if (_sharedIdp is not null)
        {
            _sharedIdp.Clock = Clock;
            Idp = _sharedIdp;
        }
        else
        {
            Idp = await LocalOpenIdServer.StartAsync(Clock);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (ServiceProvider provider in _providers)
        {
            await provider.DisposeAsync();
        }

        if (_sharedIdp is null)
        {
            await Idp.DisposeAsync();
        }
    }

    protected ServiceProvider BuildServices(
        string? appId = AppId, bool emulatorTokensEnabled = false, Action<Dictionary<string, string?>>? configure = null)
    {
        Dictionary<string, string?> settings = Idp.ConfigurationFor(appId, emulatorTokensEnabled);
        configure?.Invoke(settings);
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddBotFrameworkAuthentication(configuration);
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    protected IChannelAuthenticator CreateAuthenticator(
        string? appId = AppId, bool emulatorTokensEnabled = false, Action<Dictionary<string, string?>>? configure = null) =>
        BuildServices(appId, emulatorTokensEnabled, configure).GetRequiredService<IChannelAuthenticator>();

    protected static Task<ChannelIdentity> AuthenticateAsync(
        IChannelAuthenticator authenticator, string? header, string? channelId = ChannelId, string? serviceUrl = ServiceUrl) =>
        authenticator.AuthenticateAsync(header, channelId, serviceUrl, CancellationToken.None);

    protected static async Task<ChannelAuthenticationFailure> RefusalReasonAsync(
        IChannelAuthenticator authenticator, string? header, string? channelId = ChannelId, string? serviceUrl = ServiceUrl)
    {
        ChannelAuthenticationException refused = await Assert.ThrowsAsync<ChannelAuthenticationException>(
            () => authenticator.AuthenticateAsync(header, channelId, serviceUrl, CancellationToken.None));
        return refused.Reason;
    }

    protected static string Bearer(string token) => "Bearer " + token;
}
