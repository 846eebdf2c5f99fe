using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Identity.Client;

namespace CareBot.Testing.Auth;

/// <summary>
/// A local Entra token endpoint (<c>POST /{tenant}/oauth2/v2.0/token</c>, client credentials) over https on 127.0.0.1
/// with a self-signed certificate, for testing MSAL-based token providers. MSAL only accepts https authorities:
/// give it <see cref="Authority"/> and <see cref="MsalHttpClientFactory"/> (whose client trusts the certificate).
/// </summary>
public sealed class LocalTokenServer : IAsyncDisposable
{
    private static readonly int[] InvalidClientErrorCodes = [7000215];

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _requests = new();
    private int _issued;

    private LocalTokenServer(WebApplication app, X509Certificate2 certificate, string tenant)
    {
        _app = app;
        _certificate = certificate;
        Tenant = tenant;
        MsalHttpClientFactory = new TrustingMsalHttpClientFactory(certificate);
    }

    /// <summary>The tenant path segment of <see cref="Authority"/>.</summary>
    public string Tenant { get; }

    /// <summary>E.g. <c>https://127.0.0.1:41234/my-tenant</c>: set it as <c>BotFrameworkAuthentication:TokenAuthority</c>.</summary>
    public Uri Authority { get; private set; } = null!;

    /// <summary>An <see cref="IMsalHttpClientFactory"/> whose client trusts this server's certificate.</summary>
    public IMsalHttpClientFactory MsalHttpClientFactory { get; }

    /// <summary>The form fields of every token request received, in order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Requests => _requests.ToArray();

    /// <summary>The <c>expires_in</c> of issued tokens, in seconds. Default 3600.</summary>
    public int ExpiresInSeconds { get; set; } = 3600;

    /// <summary>When set, every request is answered with this HTTP status and Entra-style error body.</summary>
    public (int StatusCode, string Error, string Description)? FailWith { get; set; }

    /// <summary>Starts the server for <paramref name="tenant"/>.</summary>
    public static async Task<LocalTokenServer> StartAsync(string tenant = "carebot-test-tenant")
    {
        X509Certificate2 certificate = SelfSignedCertificate.CreateForLoopback();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        WebApplication app = builder.Build();

        var server = new LocalTokenServer(app, certificate, tenant);
        app.MapPost("/{tenant}/oauth2/v2.0/token", server.HandleTokenRequestAsync);
        await app.StartAsync();

        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();
        server.Authority = new Uri(new Uri(address), tenant);
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        ((IDisposable)MsalHttpClientFactory).Dispose();
        _certificate.Dispose();
    }

    private async Task<IResult> HandleTokenRequestAsync(string tenant, HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return Results.Json(new Dictionary<string, object> { ["error"] = "invalid_request" }, statusCode: 400);
        }

        IFormCollection form = await request.ReadFormAsync();
        _requests.Enqueue(form.ToDictionary(f => f.Key, f => f.Value.ToString()));

        if (!string.Equals(tenant, Tenant, StringComparison.Ordinal))
        {
            return Results.Json(new Dictionary<string, object>
            {
                ["error"] = "invalid_tenant",
                ["error_description"] = $"AADSTS90002: Tenant '{tenant}' not found.",
            }, statusCode: 400);
        }

        if (FailWith is { } failure)
        {
            return Results.Json(new Dictionary<string, object>
            {
                ["error"] = failure.Error,
                ["error_description"] = failure.Description,
                ["error_codes"] = InvalidClientErrorCodes,
            }, statusCode: failure.StatusCode);
        }

        int number = Interlocked.Increment(ref _issued);
        return Results.Json(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = ExpiresInSeconds,
            ["ext_expires_in"] = ExpiresInSeconds,
            ["access_token"] = $"local-access-token-{number}",
        });
    }

    private sealed class TrustingMsalHttpClientFactory(X509Certificate2 certificate) : IMsalHttpClientFactory, IDisposable
    {
        private readonly HttpClient _client = new(SelfSignedCertificate.TrustingHandler(certificate), disposeHandler: true);

        public HttpClient GetHttpClient() => _client;

        public void Dispose() => _client.Dispose();
    }
}
