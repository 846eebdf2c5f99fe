using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CareBot.Protocol.Auth;

/// <summary>
/// Validates the channel's <c>Authorization: Bearer &lt;JWT&gt;</c> header as the Bot Framework protocol prescribes:
/// issuer-based profile (Bot Connector or Emulator), RS256/384/512 signature against the issuer's published keys,
/// lifetime with clock skew, audience (or <c>ver</c> + <c>appid</c>/<c>azp</c> for Emulator tokens), channel
/// endorsement of the signing key, and the <c>serviceurl</c> claim against the activity's <c>serviceUrl</c>.
/// </summary>
/// <remarks>
/// With no <c>MicrosoftAppId</c> configured, authentication is off: a request without a header is anonymous. A request
/// WITH a header is still validated and always fails (no app id can match), as in the Bot Framework SDK.
/// </remarks>
public sealed class ChannelTokenAuthenticator : IChannelAuthenticator
{
    private const string BearerScheme = "Bearer";

    private static readonly JsonWebTokenHandler TokenHandler = new();

    private readonly BotFrameworkAuthenticationOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ChannelTokenAuthenticator> _logger;
    private readonly OpenIdKeySource _channelKeys;
    private readonly OpenIdKeySource _emulatorKeys;

    /// <summary>Creates the authenticator; metadata is fetched lazily, on the first request that needs it.</summary>
    public ChannelTokenAuthenticator(
        IOptions<BotFrameworkAuthenticationOptions> options,
        IHttpClientFactory httpClientFactory,
        TimeProvider timeProvider,
        ILogger<ChannelTokenAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _channelKeys = new OpenIdKeySource(
            _options.EffectiveChannelOpenIdMetadataUrl, httpClientFactory, timeProvider,
            _options.SigningKeyRefreshInterval, _options.SigningKeyMinimumRefreshInterval, logger);
        _emulatorKeys = new OpenIdKeySource(
            _options.EffectiveEmulatorOpenIdMetadataUrl, httpClientFactory, timeProvider,
            _options.SigningKeyRefreshInterval, _options.SigningKeyMinimumRefreshInterval, logger);
    }

    private enum TokenProfile
    {
        BotConnector,
        Emulator,
    }

    /// <inheritdoc />
    public async Task<ChannelIdentity> AuthenticateAsync(
        string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        var attempt = new Attempt(channelId, serviceUrl);
        try
        {
            if (string.IsNullOrWhiteSpace(authorizationHeader) && !_options.IsAuthenticationEnabled)
            {
                AuthLog.AcceptedAnonymously(_logger, LogSanitizer.Sanitize(channelId));
                return ChannelIdentity.Anonymous;
            }

            try
            {
                return await ValidateAsync(authorizationHeader, attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException or System.Text.Json.JsonException
                or SecurityTokenException)
            {
                // A claim of an unexpected shape that IdentityModel refused while we read it: bad input, never a 500.
                throw Fail(ChannelAuthenticationFailure.MalformedToken, $"The token could not be read: {exception.GetType().Name}.", exception);
            }
        }
        catch (ChannelAuthenticationException exception)
        {
            // Everything here but the reason comes from the request (the message quotes the token's claims).
            AuthLog.Refused(_logger, exception.Reason, LogSanitizer.Sanitize(exception.Message, LogSanitizer.DetailMaxLength),
                LogSanitizer.Sanitize(channelId), LogSanitizer.Sanitize(serviceUrl), LogSanitizer.Sanitize(attempt.Issuer),
                LogSanitizer.Sanitize(attempt.KeyId));
            throw;
        }
    }

    private async Task<ChannelIdentity> ValidateAsync(string? header, Attempt attempt, CancellationToken cancellationToken)
    {
        JsonWebToken token = ReadBearerToken(header);
        attempt.Issuer = token.Issuer;
        attempt.KeyId = token.Kid;

        // Step 1: the algorithm, before any key is looked at, so 'none' and HMAC tokens never reach a validator.
        if (!BotFrameworkAuthenticationConstants.AllowedSigningAlgorithms.Contains(token.Alg, StringComparer.Ordinal))
        {
            throw Fail(ChannelAuthenticationFailure.UnsupportedAlgorithm,
                $"The token's alg '{token.Alg}' is not one of RS256, RS384, RS512.");
        }

        // Step 2: the (still unverified) issuer picks the profile and thus the keys that must have signed the token.
        TokenProfile profile = ChooseProfile(token);
        if (profile == TokenProfile.Emulator && !_options.EmulatorTokensEnabled)
        {
            throw Fail(ChannelAuthenticationFailure.EmulatorNotAllowed,
                $"Emulator token from issuer '{token.Issuer}' refused: BotFrameworkAuthentication:EmulatorTokensEnabled is false.");
        }

        OpenIdKeySource keySource = profile == TokenProfile.BotConnector ? _channelKeys : _emulatorKeys;

        // Step 3: the signature, with the key the token names.
        (JsonWebKey key, SigningKeySet keySet) = await FindSigningKeyAsync(token, keySource, cancellationToken).ConfigureAwait(false);
        await VerifySignatureAsync(token, key).ConfigureAwait(false);

        // Step 4: lifetime, with clock skew, on the injected clock.
        CheckLifetime(token);

        // Step 5: the token was issued for this bot.
        string appId = CheckAudience(token, profile);

        // Step 6: the signing key is endorsed for the activity's channel.
        CheckEndorsement(token.Kid, keySet, attempt.ChannelId, profile);

        // Step 7: the channel proved the serviceUrl replies will go to (Bot Connector tokens only).
        string? provenServiceUrl = null;
        if (profile == TokenProfile.BotConnector)
        {
            provenServiceUrl = CheckServiceUrl(token, attempt.ServiceUrl);
        }

        AuthLog.Authenticated(_logger, profile.ToString(), LogSanitizer.Sanitize(appId), LogSanitizer.Sanitize(attempt.ChannelId),
            LogSanitizer.Sanitize(provenServiceUrl));
        return new ChannelIdentity(true, _options.CallerId, appId, provenServiceUrl);
    }

    private static JsonWebToken ReadBearerToken(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            throw Fail(ChannelAuthenticationFailure.MissingToken, "The request has no Authorization header.");
        }

        string[] parts = header.Split(' ');
        if (parts.Length != 2 || !string.Equals(parts[0], BearerScheme, StringComparison.Ordinal) || parts[1].Length == 0)
        {
            // Only a short first part is named in the message: a long one is likely a credential sent without a scheme.
            string scheme = parts.Length > 1 && parts[0].Length <= 16 ? parts[0] : "(none or not shown)";
            throw Fail(ChannelAuthenticationFailure.MalformedHeader,
                $"The Authorization header is not 'Bearer <token>' (scheme '{scheme}', {parts.Length} part(s)).");
        }

        string compact = parts[1];

        // A signed JWT has exactly three parts; a JWE (five) or anything else is not something a channel sends.
        if (compact.Count(c => c == '.') != 2)
        {
            throw Fail(ChannelAuthenticationFailure.MalformedToken, "The bearer value is not a compact JWS (three dot-separated parts).");
        }

        try
        {
            return new JsonWebToken(compact);
        }
        catch (Exception exception) when (exception is ArgumentException or SecurityTokenMalformedException)
        {
            throw Fail(ChannelAuthenticationFailure.MalformedToken, "The bearer value is not a readable JWT.", exception);
        }
    }

    private TokenProfile ChooseProfile(JsonWebToken token)
    {
        string issuer = token.Issuer;
        if (string.Equals(issuer, _options.ChannelTokenIssuer, StringComparison.Ordinal))
        {
            return TokenProfile.BotConnector;
        }

        // As in the SDK: the Bot Framework tenants' issuers, and for a SingleTenant bot its own tenant's. Never a tenant
        // the token names itself ('tid'): anyone can get a validly signed Entra token from a tenant of their own.
        if (BotFrameworkAuthenticationConstants.EmulatorTokenIssuers.Contains(issuer, StringComparer.Ordinal)
            || (_options.MicrosoftAppType == BotAppType.SingleTenant && IsTenantIssuer(issuer, _options.MicrosoftAppTenantId)))
        {
            return TokenProfile.Emulator;
        }

        throw Fail(ChannelAuthenticationFailure.UnknownIssuer, $"The token's issuer '{issuer}' is not a Bot Framework issuer.");
    }

    // Entra v1 and v2 issuers of one tenant: a single-tenant Emulator setup gets tokens from the bot's own tenant.
    private bool IsTenantIssuer(string issuer, string? tenantId)
    {
        if (string.IsNullOrWhiteSpace(tenantId) || !Guid.TryParse(tenantId, out _))
        {
            return false;
        }

        string loginHost = _options.UseUSGovernmentCloud
            ? BotFrameworkAuthenticationConstants.GovernmentLoginHost
            : BotFrameworkAuthenticationConstants.LoginHost;
        return string.Equals(issuer, $"https://sts.windows.net/{tenantId}/", StringComparison.Ordinal)
            || string.Equals(issuer, $"{loginHost}/{tenantId}/v2.0", StringComparison.Ordinal);
    }

    private static async Task<(JsonWebKey Key, SigningKeySet KeySet)> FindSigningKeyAsync(
        JsonWebToken token, OpenIdKeySource keySource, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token.Kid))
        {
            throw Fail(ChannelAuthenticationFailure.UnknownSigningKey, "The token's header has no 'kid'.");
        }

        try
        {
            SigningKeySet keySet = await keySource.GetKeysAsync(cancellationToken).ConfigureAwait(false);
            if (!keySet.Keys.TryGetValue(token.Kid, out JsonWebKey? key))
            {
                // The issuer may have rotated its keys since the last fetch.
                keySet = await keySource.GetKeysAfterUnknownKeyAsync(token.Kid, keySet, cancellationToken).ConfigureAwait(false);
                if (!keySet.Keys.TryGetValue(token.Kid, out key))
                {
                    throw Fail(ChannelAuthenticationFailure.UnknownSigningKey,
                        $"The token's key '{token.Kid}' is not published at {keySource.MetadataUrl}.");
                }
            }

            return (key, keySet);
        }
        catch (SigningKeysUnavailableException exception)
        {
            throw Fail(ChannelAuthenticationFailure.MetadataUnavailable, exception.Message, exception);
        }
    }

    private static async Task VerifySignatureAsync(JsonWebToken token, JsonWebKey key)
    {
        // Only the signature is checked here; issuer, lifetime and audience are checked by hand after it, each with
        // its own reason and the injected clock.
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = BotFrameworkAuthenticationConstants.AllowedSigningAlgorithms,
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = false,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ValidateIssuerSigningKey = false,
        };

        TokenValidationResult result = await TokenHandler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            throw Fail(ChannelAuthenticationFailure.BadSignature,
                $"The token's signature does not verify with key '{token.Kid}' ({result.Exception?.GetType().Name}).",
                result.Exception);
        }
    }

    private void CheckLifetime(JsonWebToken token)
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        TimeSpan skew = _options.ClockSkew;

        if (!token.TryGetPayloadValue(JwtRegisteredClaimNames.Exp, out object? _))
        {
            throw Fail(ChannelAuthenticationFailure.Expired, "The token has no 'exp'.");
        }

        var expires = new DateTimeOffset(token.ValidTo, TimeSpan.Zero);
        if (now > expires + skew)
        {
            throw Fail(ChannelAuthenticationFailure.Expired, $"The token expired at {expires:O} (now {now:O}, skew {skew}).");
        }

        if (token.TryGetPayloadValue(JwtRegisteredClaimNames.Nbf, out object? _))
        {
            var notBefore = new DateTimeOffset(token.ValidFrom, TimeSpan.Zero);
            if (now + skew < notBefore)
            {
                throw Fail(ChannelAuthenticationFailure.NotYetValid,
                    $"The token is valid from {notBefore:O} (now {now:O}, skew {skew}).");
            }
        }
    }

    private string CheckAudience(JsonWebToken token, TokenProfile profile)
    {
        string? ourAppId = _options.MicrosoftAppId;

        string? tokenAppId;
        if (profile == TokenProfile.BotConnector)
        {
            tokenAppId = token.Audiences.FirstOrDefault(a => AppIdsEqual(a, ourAppId));
            if (tokenAppId is null)
            {
                throw Fail(ChannelAuthenticationFailure.WrongAudience,
                    $"The token's audience '{string.Join(",", token.Audiences)}' is not this bot's app id '{ourAppId}'.");
            }

            return tokenAppId;
        }

        // Emulator tokens are Entra tokens the Emulator obtained with the bot's own credentials: the app id is the
        // client that asked for the token ('appid' in v1 tokens, 'azp' in v2 tokens).
        token.TryGetPayloadValue("ver", out string? version);
        string? claim = version switch
        {
            "1.0" => "appid",
            "2.0" => "azp",
            _ => throw Fail(ChannelAuthenticationFailure.WrongAudience,
                $"The Emulator token's 'ver' is '{version}', expected 1.0 or 2.0."),
        };
        token.TryGetPayloadValue(claim, out tokenAppId);
        if (!AppIdsEqual(tokenAppId, ourAppId))
        {
            throw Fail(ChannelAuthenticationFailure.WrongAudience,
                $"The Emulator token's '{claim}' '{tokenAppId}' is not this bot's app id '{ourAppId}'.");
        }

        return tokenAppId!;
    }

    // App ids are GUIDs, whose case carries no meaning. No configured app id (auth off) never matches.
    private static bool AppIdsEqual(string? tokenAppId, string? ourAppId) =>
        !string.IsNullOrWhiteSpace(ourAppId) && string.Equals(tokenAppId, ourAppId, StringComparison.OrdinalIgnoreCase);

    private static void CheckEndorsement(string keyId, SigningKeySet keySet, string? channelId, TokenProfile profile)
    {
        if (!keySet.Endorsements.TryGetValue(keyId, out IReadOnlyList<string>? endorsements))
        {
            // Entra keys carry no endorsements; a Bot Connector key always does.
            if (profile == TokenProfile.Emulator)
            {
                return;
            }

            throw Fail(ChannelAuthenticationFailure.ChannelNotEndorsed,
                $"The signing key '{keyId}' carries no endorsements, so it is not endorsed for channel '{channelId}'.");
        }

        // As in the SDK: an activity without a channelId is not checked against the endorsements.
        if (!string.IsNullOrEmpty(channelId) && !endorsements.Contains(channelId, StringComparer.Ordinal))
        {
            throw Fail(ChannelAuthenticationFailure.ChannelNotEndorsed,
                $"The signing key '{keyId}' is not endorsed for channel '{channelId}' (endorsed: {string.Join(",", endorsements)}).");
        }
    }

    private static string CheckServiceUrl(JsonWebToken token, string? activityServiceUrl)
    {
        if (!token.TryGetPayloadValue("serviceurl", out string? claimed) || string.IsNullOrEmpty(claimed))
        {
            throw Fail(ChannelAuthenticationFailure.MissingServiceUrlClaim, "The channel token has no 'serviceurl' claim.");
        }

        if (!string.Equals(claimed, activityServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            throw Fail(ChannelAuthenticationFailure.ServiceUrlMismatch,
                $"The token's serviceurl '{claimed}' differs from the activity's serviceUrl '{activityServiceUrl}'.");
        }

        return claimed;
    }

    private static ChannelAuthenticationException Fail(
        ChannelAuthenticationFailure reason, string message, Exception? innerException = null) =>
        new(reason, message, innerException);

    // What is known about the request so far, for the log line of a refusal.
    private sealed class Attempt(string? channelId, string? serviceUrl)
    {
        public string? ChannelId { get; } = channelId;

        public string? ServiceUrl { get; } = serviceUrl;

        public string? Issuer { get; set; }

        public string? KeyId { get; set; }
    }
}
