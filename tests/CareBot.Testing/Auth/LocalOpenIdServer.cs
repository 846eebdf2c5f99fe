using System.Net;
using System.Security.Cryptography;
using CareBot.Protocol.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareBot.Testing.Auth;

/// <summary>
/// A local stand-in for the two token issuers a bot trusts, served over real HTTP by Kestrel on 127.0.0.1 (port 0):
/// the Bot Connector (<see cref="ChannelMetadataUrl"/>, keys with <c>endorsements</c>) and Entra for Emulator tokens
/// (<see cref="EmulatorMetadataUrl"/>, keys without). It issues tokens signed with its keys on its clock.
/// </summary>
/// <example>
/// <code>
/// await using var idp = await LocalOpenIdServer.StartAsync(timeProvider);
/// var configuration = new ConfigurationBuilder().AddInMemoryCollection(idp.ConfigurationFor(appId)).Build();
/// string header = "Bearer " + idp.IssueChannelToken(appId, serviceUrl);
/// </code>
/// </example>
public sealed class LocalOpenIdServer : IAsyncDisposable
{
    /// <summary>The channels the default channel key is endorsed for.</summary>
    public static readonly IReadOnlyList<string> DefaultEndorsements = ["msteams", "webchat", "directline", "emulator", "slack", "facebook", "test"];

    private const string ChannelMetadataPath = "/botframework/v1/.well-known/openidconfiguration";
    private const string ChannelKeysPath = "/botframework/v1/.well-known/keys";
    private const string EmulatorMetadataPath = "/entra/v2.0/.well-known/openid-configuration";
    private const string EmulatorKeysPath = "/entra/discovery/v2.0/keys";

    // RSA key generation is slow on a busy machine; every server publishes the same default key material (each server
    // and its tokens are independent), generated once per test process.
    private static readonly Lazy<RSAParameters> DefaultChannelKeyMaterial = new(TestSigningKey.GenerateParameters);
    private static readonly Lazy<RSAParameters> DefaultEmulatorKeyMaterial = new(TestSigningKey.GenerateParameters);

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    // Published keys are kept as their JWKS entries, so a test may dispose a key it added.
    private readonly List<Dictionary<string, object>> _channelKeys = [];
    private readonly List<Dictionary<string, object>> _emulatorKeys = [];
    private int _channelMetadataRequests;
    private int _channelKeysRequests;
    private int _emulatorMetadataRequests;
    private int _emulatorKeysRequests;

    private LocalOpenIdServer(WebApplication app, TimeProvider timeProvider)
    {
        _app = app;
        Clock = timeProvider;
        ChannelKey = TestSigningKey.FromParameters("channel-key-1", DefaultChannelKeyMaterial.Value);
        EmulatorKey = TestSigningKey.FromParameters("emulator-key-1", DefaultEmulatorKeyMaterial.Value);
        _channelKeys.Add(ChannelKey.ToJwk(DefaultEndorsements));
        _emulatorKeys.Add(EmulatorKey.ToJwk(null));
    }

    /// <summary>Base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>OpenID metadata of the local Bot Connector issuer (set <c>BotFrameworkAuthentication:ChannelOpenIdMetadataUrl</c> to it).</summary>
    public Uri ChannelMetadataUrl => new(BaseAddress, ChannelMetadataPath);

    /// <summary>OpenID metadata of the local Emulator issuer (set <c>BotFrameworkAuthentication:EmulatorOpenIdMetadataUrl</c> to it).</summary>
    public Uri EmulatorMetadataUrl => new(BaseAddress, EmulatorMetadataPath);

    /// <summary>The default Bot Connector key, endorsed for <see cref="DefaultEndorsements"/>.</summary>
    public TestSigningKey ChannelKey { get; }

    /// <summary>The default Emulator (Entra) key, published without endorsements.</summary>
    public TestSigningKey EmulatorKey { get; }

    /// <summary>How often the channel metadata document was requested.</summary>
    public int ChannelMetadataRequests => Volatile.Read(ref _channelMetadataRequests);

    /// <summary>How often the channel key document (JWKS) was requested.</summary>
    public int ChannelKeysRequests => Volatile.Read(ref _channelKeysRequests);

    /// <summary>How often the Emulator metadata document was requested.</summary>
    public int EmulatorMetadataRequests => Volatile.Read(ref _emulatorMetadataRequests);

    /// <summary>How often the Emulator key document was requested.</summary>
    public int EmulatorKeysRequests => Volatile.Read(ref _emulatorKeysRequests);

    /// <summary>The clock tokens are issued on (iat/nbf/exp); replaceable so one server can serve tests with their own clocks.</summary>
    public TimeProvider Clock { get; set; }

    /// <summary>While true, every document answers 503 (an outage of the issuer).</summary>
    public bool Unavailable { get; set; }

    /// <summary>Starts the server. Tokens use <paramref name="timeProvider"/> (default: the system clock) for iat/nbf/exp.</summary>
    public static async Task<LocalOpenIdServer> StartAsync(TimeProvider? timeProvider = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();

        var server = new LocalOpenIdServer(app, timeProvider ?? TimeProvider.System);
        server.MapRoutes();
        await app.StartAsync();

        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    /// <summary>Publishes another Bot Connector key (a rotation), endorsed for <paramref name="endorsements"/>; null = no endorsements entry.</summary>
    public void AddChannelKey(TestSigningKey key, IReadOnlyList<string>? endorsements)
    {
        ArgumentNullException.ThrowIfNull(key);
        Dictionary<string, object> jwk = key.ToJwk(endorsements);
        lock (_gate)
        {
            _channelKeys.Add(jwk);
        }
    }

    /// <summary>Stops publishing the channel key with id <paramref name="keyId"/>.</summary>
    public void RemoveChannelKey(string keyId)
    {
        lock (_gate)
        {
            _channelKeys.RemoveAll(jwk => (string)jwk["kid"] == keyId);
        }
    }

    /// <summary>Publishes another Emulator (Entra) key.</summary>
    public void AddEmulatorKey(TestSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Dictionary<string, object> jwk = key.ToJwk(null);
        lock (_gate)
        {
            _emulatorKeys.Add(jwk);
        }
    }

    /// <summary>
    /// Configuration for <c>AddBotFrameworkAuthentication</c> pointing at this server: app id and password at the
    /// root, metadata URLs in the <c>BotFrameworkAuthentication</c> section. A null app id gives auth-off configuration.
    /// </summary>
    public Dictionary<string, string?> ConfigurationFor(string? appId, bool emulatorTokensEnabled = false) => new()
    {
        ["MicrosoftAppId"] = appId,
        ["MicrosoftAppPassword"] = appId is null ? null : "test-secret",
        [$"{BotFrameworkAuthenticationOptions.SectionName}:ChannelOpenIdMetadataUrl"] = ChannelMetadataUrl.ToString(),
        [$"{BotFrameworkAuthenticationOptions.SectionName}:EmulatorOpenIdMetadataUrl"] = EmulatorMetadataUrl.ToString(),
        [$"{BotFrameworkAuthenticationOptions.SectionName}:EmulatorTokensEnabled"] = emulatorTokensEnabled ? "true" : "false",
    };

    /// <summary>
    /// The claims of a valid Bot Connector token for <paramref name="appId"/> and <paramref name="serviceUrl"/>, valid
    /// from now for <paramref name="lifetime"/> (default 1 hour). Change them and pass them to <see cref="IssueToken"/>.
    /// </summary>
    public Dictionary<string, object?> ChannelClaims(string appId, string serviceUrl, TimeSpan? lifetime = null)
    {
        DateTimeOffset now = Clock.GetUtcNow();
        return new Dictionary<string, object?>
        {
            ["iss"] = BotFrameworkAuthenticationConstants.ChannelTokenIssuer,
            ["aud"] = appId,
            ["serviceurl"] = serviceUrl,
            ["iat"] = TestJwt.ToEpochSeconds(now),
            ["nbf"] = TestJwt.ToEpochSeconds(now),
            ["exp"] = TestJwt.ToEpochSeconds(now + (lifetime ?? TimeSpan.FromHours(1))),
        };
    }

    /// <summary>
    /// The claims of a valid Emulator token (Entra v1 with <c>appid</c>, or v2 with <c>azp</c>) for <paramref name="appId"/>.
    /// </summary>
    public Dictionary<string, object?> EmulatorClaims(string appId, string version = "1.0")
    {
        DateTimeOffset now = Clock.GetUtcNow();
        bool v1 = version == "1.0";
        return new Dictionary<string, object?>
        {
            ["iss"] = v1
                ? "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/"
                : "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
            ["aud"] = appId,
            ["ver"] = version,
            [v1 ? "appid" : "azp"] = appId,
            ["tid"] = "d6d49420-f39b-4df7-a1dc-d59a935871db",
            ["iat"] = TestJwt.ToEpochSeconds(now),
            ["nbf"] = TestJwt.ToEpochSeconds(now),
            ["exp"] = TestJwt.ToEpochSeconds(now + TimeSpan.FromHours(1)),
        };
    }

    /// <summary>A valid Bot Connector token (signed with <see cref="ChannelKey"/>).</summary>
    public string IssueChannelToken(string appId, string serviceUrl, TimeSpan? lifetime = null) =>
        TestJwt.Sign(ChannelClaims(appId, serviceUrl, lifetime), ChannelKey);

    /// <summary>A valid Emulator token (signed with <see cref="EmulatorKey"/>).</summary>
    public string IssueEmulatorToken(string appId, string version = "1.0") =>
        TestJwt.Sign(EmulatorClaims(appId, version), EmulatorKey);

    /// <summary>A token with exactly <paramref name="claims"/>, signed with <paramref name="key"/> (default <see cref="ChannelKey"/>).</summary>
    public string IssueToken(IReadOnlyDictionary<string, object?> claims, TestSigningKey? key = null, string algorithm = "RS256") =>
        TestJwt.Sign(claims, key ?? ChannelKey, algorithm);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        ChannelKey.Dispose();
        EmulatorKey.Dispose();
    }

    private void MapRoutes()
    {
        _app.MapGet(ChannelMetadataPath, () =>
        {
            Interlocked.Increment(ref _channelMetadataRequests);
            return Unavailable ? Results.StatusCode(503) : Results.Json(Metadata(BotFrameworkAuthenticationConstants.ChannelTokenIssuer, ChannelKeysPath));
        });
        _app.MapGet(ChannelKeysPath, () =>
        {
            Interlocked.Increment(ref _channelKeysRequests);
            if (Unavailable)
            {
                return Results.StatusCode(503);
            }

            lock (_gate)
            {
                return Results.Json(new Dictionary<string, object> { ["keys"] = _channelKeys.ToArray() });
            }
        });
        _app.MapGet(EmulatorMetadataPath, () =>
        {
            Interlocked.Increment(ref _emulatorMetadataRequests);
            return Unavailable ? Results.StatusCode(503) : Results.Json(Metadata("https://login.microsoftonline.com/{tenantid}/v2.0", EmulatorKeysPath));
        });
        _app.MapGet(EmulatorKeysPath, () =>
        {
            Interlocked.Increment(ref _emulatorKeysRequests);
            if (Unavailable)
            {
                return Results.StatusCode(503);
            }

            lock (_gate)
            {
                return Results.Json(new Dictionary<string, object> { ["keys"] = _emulatorKeys.ToArray() });
            }
        });
    }

    private Dictionary<string, object> Metadata(string issuer, string keysPath) => new()
    {
        ["issuer"] = issuer,
        ["jwks_uri"] = new Uri(BaseAddress, keysPath).ToString(),
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
    };
}
