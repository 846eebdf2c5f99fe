using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace CareBot.Protocol.Auth;

/// <summary>
/// Fetches and caches one issuer's signing keys: the OpenID metadata document, then its <c>jwks_uri</c>, read raw so
/// each key's <c>endorsements</c> array is kept with the key.
/// </summary>
/// <remarks>
/// Why not IdentityModel's <c>ConfigurationManager</c>: since 8.x it refreshes in the background once it has a
/// configuration, so a token signed with a just-rotated key would still fail on the request that asked for the refresh
/// (unless a process-wide AppContext switch is set), it reads the wall clock instead of <see cref="TimeProvider"/>, and
/// it drops the <c>endorsements</c> the protocol needs. The rules here are the same: keys are reused for
/// <c>refreshInterval</c>, a token with an unknown <c>kid</c> forces a fetch, at most one every <c>minimumRefreshInterval</c>,
/// and stale keys are better than none when a refresh fails.
/// </remarks>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The SemaphoreSlim never allocates its wait handle (only WaitAsync is used), so there is nothing to dispose.")]
internal sealed class OpenIdKeySource
{
    /// <summary>Name of the <see cref="HttpClient"/> used for metadata and key documents.</summary>
    public const string HttpClientName = "CareBot.Protocol.Auth.OpenIdMetadata";

    // While no keys were ever fetched, a failed fetch is retried at most this often, so a metadata outage plus a flood
    // of requests does not turn into a flood of fetches.
    private static readonly TimeSpan BootstrapRetryInterval = TimeSpan.FromSeconds(10);

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _refreshInterval;
    private readonly TimeSpan _minimumRefreshInterval;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _fetchLock = new(1, 1);

    private SigningKeySet? _current;
    private long _nextScheduledFetchTicks; // UTC ticks; a long so the lock-free read below cannot tear
    private DateTimeOffset _lastFetchAttempt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastForcedFetch = DateTimeOffset.MinValue;
    private Exception? _lastFailure;

    public OpenIdKeySource(
        Uri metadataUrl,
        IHttpClientFactory httpClientFactory,
        TimeProvider timeProvider,
        TimeSpan refreshInterval,
        TimeSpan minimumRefreshInterval,
        ILogger logger)
    {
        MetadataUrl = metadataUrl;
        _httpClientFactory = httpClientFactory;
        _timeProvider = timeProvider;
        _refreshInterval = refreshInterval;
        _minimumRefreshInterval = minimumRefreshInterval;
        _logger = logger;
    }

    public Uri MetadataUrl { get; }

    /// <summary>Returns the cached keys, fetching them first when there are none or they are due for a refresh.</summary>
    /// <exception cref="SigningKeysUnavailableException">No keys could ever be fetched.</exception>
    public async Task<SigningKeySet> GetKeysAsync(CancellationToken cancellationToken)
    {
        SigningKeySet? current = Volatile.Read(ref _current);
        if (current is not null && _timeProvider.GetUtcNow().UtcTicks < Volatile.Read(ref _nextScheduledFetchTicks))
        {
            return current;
        }

        await _fetchLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DateTimeOffset now = _timeProvider.GetUtcNow();
            if (_current is not null && now.UtcTicks < _nextScheduledFetchTicks)
            {
                return _current;
            }

            return await FetchOrKeepAsync(now, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fetchLock.Release();
        }
    }

    /// <summary>
    /// Called when a token names a key that <paramref name="seen"/> lacks: fetches again unless another request already
    /// did or the last fetch forced this way is younger than the minimum refresh interval.
    /// </summary>
    public async Task<SigningKeySet> GetKeysAfterUnknownKeyAsync(string keyId, SigningKeySet seen, CancellationToken cancellationToken)
    {
        await _fetchLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is not null && !ReferenceEquals(_current, seen))
            {
                return _current;
            }

            DateTimeOffset now = _timeProvider.GetUtcNow();
            if (now - _lastForcedFetch < _minimumRefreshInterval)
            {
                AuthLog.SigningKeysRefreshSuppressed(_logger, LogSanitizer.Sanitize(keyId), MetadataUrl, _lastForcedFetch);
                return seen;
            }

            _lastForcedFetch = now;
            AuthLog.SigningKeysForcedRefresh(_logger, LogSanitizer.Sanitize(keyId), MetadataUrl);
            return await FetchOrKeepAsync(now, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fetchLock.Release();
        }
    }

    private async Task<SigningKeySet> FetchOrKeepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_current is null && _lastFailure is not null && now - _lastFetchAttempt < BootstrapRetryInterval)
        {
            throw new SigningKeysUnavailableException(
                $"Signing keys from {MetadataUrl} are unavailable (last attempt {_lastFetchAttempt:O} failed).", _lastFailure);
        }

        _lastFetchAttempt = now;
        try
        {
            SigningKeySet fetched = await FetchAsync(now, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, fetched);
            Volatile.Write(ref _nextScheduledFetchTicks, (now + _refreshInterval).UtcTicks);
            _lastFailure = null;
            return fetched;
        }
        catch (Exception exception) when (IsFetchFailure(exception, cancellationToken))
        {
            _lastFailure = exception;
            if (_current is null)
            {
                throw new SigningKeysUnavailableException(
                    $"Could not fetch signing keys from {MetadataUrl}: {exception.Message}", exception);
            }

            AuthLog.SigningKeysRefreshFailed(_logger, exception, MetadataUrl, _current.Keys.Count, _current.FetchedAt);
            Volatile.Write(ref _nextScheduledFetchTicks, (now + _minimumRefreshInterval).UtcTicks);
            return _current;
        }
    }

    private static bool IsFetchFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or JsonException or InvalidDataException or ArgumentException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested); // HttpClient timeout

    private async Task<SigningKeySet> FetchAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        HttpClient client = _httpClientFactory.CreateClient(HttpClientName);

        Uri jwksUrl;
        using (JsonDocument metadata = await GetJsonAsync(client, MetadataUrl, cancellationToken).ConfigureAwait(false))
        {
            if (metadata.RootElement.ValueKind != JsonValueKind.Object
                || !metadata.RootElement.TryGetProperty("jwks_uri", out JsonElement jwksElement)
                || jwksElement.ValueKind != JsonValueKind.String
                || !Uri.TryCreate(jwksElement.GetString(), UriKind.Absolute, out Uri? parsed))
            {
                throw new InvalidDataException($"The OpenID metadata at {MetadataUrl} has no absolute 'jwks_uri'.");
            }

            jwksUrl = parsed;
        }

        if (jwksUrl.Scheme != Uri.UriSchemeHttps && !(jwksUrl.Scheme == Uri.UriSchemeHttp && jwksUrl.IsLoopback))
        {
            throw new InvalidDataException($"The OpenID metadata at {MetadataUrl} names a non-https jwks_uri {jwksUrl}.");
        }

        var keys = new Dictionary<string, JsonWebKey>(StringComparer.Ordinal);
        var endorsements = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        using (JsonDocument jwks = await GetJsonAsync(client, jwksUrl, cancellationToken).ConfigureAwait(false))
        {
            if (jwks.RootElement.ValueKind != JsonValueKind.Object
                || !jwks.RootElement.TryGetProperty("keys", out JsonElement keyArray)
                || keyArray.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"The key document at {jwksUrl} has no 'keys' array.");
            }

            foreach (JsonElement entry in keyArray.EnumerateArray())
            {
                ReadKey(entry, keys, endorsements);
            }
        }

        AuthLog.SigningKeysFetched(_logger, keys.Count, MetadataUrl, jwksUrl);
        return new SigningKeySet(keys, endorsements, now);
    }

    private static void ReadKey(
        JsonElement entry, Dictionary<string, JsonWebKey> keys, Dictionary<string, IReadOnlyList<string>> endorsements)
    {
        // Keys without an id cannot be matched to a token's kid (nor to endorsements); keys other than RSA (or meant for
        // encryption) cannot verify the algorithms the protocol allows. Both are skipped rather than failing the whole set.
        if (entry.ValueKind != JsonValueKind.Object
            || !entry.TryGetProperty("kid", out JsonElement kidElement)
            || kidElement.ValueKind != JsonValueKind.String
            || string.IsNullOrEmpty(kidElement.GetString())
            || !entry.TryGetProperty("kty", out JsonElement ktyElement)
            || ktyElement.ValueKind != JsonValueKind.String
            || ktyElement.GetString() != JsonWebAlgorithmsKeyTypes.RSA
            || (entry.TryGetProperty("use", out JsonElement useElement)
                && useElement.ValueKind == JsonValueKind.String
                && useElement.GetString() != JsonWebKeyUseNames.Sig))
        {
            return;
        }

        string kid = kidElement.GetString()!;
        keys[kid] = new JsonWebKey(entry.GetRawText());

        if (entry.TryGetProperty("endorsements", out JsonElement endorsementArray)
            && endorsementArray.ValueKind == JsonValueKind.Array)
        {
            endorsements[kid] = endorsementArray.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String)
                .Select(e => e.GetString()!)
                .ToArray();
        }
        else
        {
            endorsements.Remove(kid);
        }
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, Uri url, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await client.GetAsync(url, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            return await JsonDocument.ParseAsync(body, default, cancellationToken).ConfigureAwait(false);
        }
    }
}
