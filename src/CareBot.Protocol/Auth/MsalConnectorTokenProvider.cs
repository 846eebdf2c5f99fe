using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace CareBot.Protocol.Auth;

/// <summary>
/// Obtains the bot's Connector token by client credentials (app id + client secret) with MSAL. MSAL's in-memory app
/// token cache reuses a token until shortly before it expires and then fetches a new one; acquisitions are serialized
/// so a burst of replies makes one token request, not one each.
/// </summary>
public sealed class MsalConnectorTokenProvider : IConnectorTokenProvider, IDisposable
{
    private readonly IConfidentialClientApplication _application;
    private readonly string[] _scopes;
    private readonly string _appId;
    private readonly Uri _authority;
    private readonly ILogger<MsalConnectorTokenProvider> _logger;
    private readonly SemaphoreSlim _acquireLock = new(1, 1);

    /// <summary>Creates the provider.</summary>
    /// <param name="options">Credentials; <c>MicrosoftAppId</c> and <c>MicrosoftAppPassword</c> must be set.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="httpClientFactory">The HTTP client MSAL uses; null for MSAL's own.</param>
    public MsalConnectorTokenProvider(
        IOptions<BotFrameworkAuthenticationOptions> options,
        ILogger<MsalConnectorTokenProvider> logger,
        IMsalHttpClientFactory? httpClientFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);

        BotFrameworkAuthenticationOptions settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.MicrosoftAppId) || string.IsNullOrEmpty(settings.MicrosoftAppPassword))
        {
            throw new ArgumentException(
                "MsalConnectorTokenProvider needs MicrosoftAppId and MicrosoftAppPassword; with no app id use NoCredentialsTokenProvider.",
                nameof(options));
        }

        _appId = settings.MicrosoftAppId;
        _authority = settings.EffectiveTokenAuthority;
        _scopes = [settings.EffectiveOAuthScope];
        _logger = logger;

        // A configured authority (a sovereign cloud, a proxy, a test server) is not in MSAL's list of known hosts:
        // validating it or asking Entra's instance discovery about it would fail, so both are off in that case.
        bool knownAuthority = settings.TokenAuthority is null;
        ConfidentialClientApplicationBuilder builder = ConfidentialClientApplicationBuilder
            .Create(settings.MicrosoftAppId)
            .WithClientSecret(settings.MicrosoftAppPassword)
            .WithAuthority(_authority.ToString(), validateAuthority: knownAuthority)
            .WithInstanceDiscovery(knownAuthority);
        if (httpClientFactory is not null)
        {
            builder = builder.WithHttpClientFactory(httpClientFactory);
        }

        _application = builder.Build();
    }

    /// <inheritdoc />
    /// <exception cref="ConnectorTokenException">The token service refused or could not be reached.</exception>
    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        await _acquireLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            AuthenticationResult result = await _application
                .AcquireTokenForClient(_scopes)
                .ExecuteAsync(cancellationToken)
                .ConfigureAwait(false);
            AuthLog.ConnectorTokenAcquired(
                _logger, _appId, result.AuthenticationResultMetadata.TokenSource.ToString(), result.ExpiresOn);
            return result.AccessToken;
        }
        catch (MsalServiceException exception)
        {
            AuthLog.ConnectorTokenFailed(_logger, exception, _appId, _authority, exception.ErrorCode, exception.StatusCode);
            bool transient = exception.StatusCode is (int)HttpStatusCode.TooManyRequests or >= 500 || exception.IsRetryable;
            throw new ConnectorTokenException(
                $"The token service at {_authority} refused a Connector token for app '{_appId}' with {exception.ErrorCode} "
                + $"(HTTP {exception.StatusCode}). {(transient ? "It may succeed later." : "Check MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType and MicrosoftAppTenantId.")}",
                transient, exception);
        }
        catch (MsalClientException exception)
        {
            AuthLog.ConnectorTokenFailed(_logger, exception, _appId, _authority, exception.ErrorCode, 0);
            throw new ConnectorTokenException(
                $"Could not obtain a Connector token for app '{_appId}' from {_authority}: {exception.ErrorCode}: {exception.Message}",
                isTransient: exception.InnerException is HttpRequestException, exception);
        }
        catch (HttpRequestException exception)
        {
            AuthLog.ConnectorTokenFailed(_logger, exception, _appId, _authority, "network_error", 0);
            throw new ConnectorTokenException(
                $"Could not reach the token service at {_authority} for app '{_appId}': {exception.Message}",
                isTransient: true, exception);
        }
        finally
        {
            _acquireLock.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _acquireLock.Dispose();
}
