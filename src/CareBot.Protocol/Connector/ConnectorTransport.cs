using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using CareBot.Protocol.Auth;
using CareBot.Protocol.Diagnostics;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Logging;

namespace CareBot.Protocol.Connector;

/// <summary>
/// Sends one <see cref="ConnectorRequest"/>: the trust check, the bearer token, a timeout per attempt, and bounded
/// retries of transient failures.
/// </summary>
/// <remarks>
/// The retry loop is written by hand rather than with Polly: the rules are protocol rules (Retry-After in both forms,
/// giving up when a channel asks for longer than we are willing to hold a call, the token re-read per attempt, the trust
/// check that must stop the call before anything is sent) and reading them in one loop is simpler than spreading them
/// over a resilience pipeline's strategies, predicates and context properties.
/// A retried POST after a timeout may post the activity twice if the channel did act on the first attempt; channels
/// offer no idempotency key, and the SDK accepts the same risk.
/// </remarks>
internal sealed class ConnectorTransport
{
    private readonly HttpClient _httpClient;
    private readonly ILogger _logger;
    private readonly ConnectorOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly IConnectorTokenProvider _tokenProvider;
    private readonly ITrustedServiceUrls _trustedServiceUrls;

    public ConnectorTransport(
        HttpClient httpClient,
        IConnectorTokenProvider tokenProvider,
        ITrustedServiceUrls trustedServiceUrls,
        ConnectorOptions options,
        TimeProvider timeProvider,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(tokenProvider);
        ArgumentNullException.ThrowIfNull(trustedServiceUrls);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _httpClient = httpClient;
        _tokenProvider = tokenProvider;
        _trustedServiceUrls = trustedServiceUrls;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Returns the body of the first successful answer. Throws <see cref="ConnectorException"/> for a non-transient
    /// failure at once, for a transient one after <see cref="ConnectorOptions.MaxRetries"/> retries, and
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled (also while waiting).
    /// </summary>
    public async Task<byte[]> SendAsync(ConnectorRequest request, CancellationToken cancellationToken)
    {
        // One span per Connector call, around its retries (HttpClient's own spans, when enabled, show each attempt).
        using var span = CareBotTelemetry.Source.StartActivity("connector " + request.Operation, ActivityKind.Client);
        for (var retry = 0; ; retry++)
        {
            var attempt = await AttemptAsync(request, retry + 1, cancellationToken).ConfigureAwait(false);
            if (attempt.Failure is null)
            {
                return attempt.Body;
            }

            if (!attempt.Failure.IsTransient || retry >= _options.MaxRetries)
            {
                span?.SetStatus(ActivityStatusCode.Error, attempt.Failure.Message);
                throw attempt.Failure;
            }

            if (attempt.Failure.RetryAfter > _options.MaxRetryAfter)
            {
                ConnectorLog.RetryAfterTooLong(_logger, request.Operation, request.Uri, attempt.Failure.RetryAfter.Value, _options.MaxRetryAfter);
                throw attempt.Failure;
            }

            var delay = attempt.Failure.RetryAfter ?? Backoff(retry);
            ConnectorLog.Retrying(_logger, request.Operation, request.Uri, delay, retry + 1, _options.MaxRetries, attempt.Failure.RetryAfter is not null);
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Attempt> AttemptAsync(ConnectorRequest request, int attemptNumber, CancellationToken cancellationToken)
    {
        // Read per attempt: a retry after a long Retry-After must not send a token that expired meanwhile.
        string? token;
        try
        {
            token = await _tokenProvider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not ConnectorException)
        {
            // The token service being unreachable is worth retrying; anything else (e.g. a wrong secret) is not.
            var isTransient = exception is HttpRequestException or TimeoutException;
            ConnectorLog.NoAnswer(_logger, request.Operation, request.Method.Method, request.Uri, attemptNumber, "could not get the bot's Connector token", exception);
            return new Attempt([], new ConnectorException(
                $"{request.Operation} {request.Uri} was not sent: could not get the bot's Connector token ({exception.Message}).",
                null,
                isTransient,
                innerException: exception));
        }

        if (token is not null && !_trustedServiceUrls.IsTrusted(request.ServiceUrl))
        {
            // A forged serviceUrl must never receive the bot's token, nor make the bot call into an internal network.
            ConnectorLog.UntrustedServiceUrl(_logger, request.Operation, LogSanitizer.Sanitize(request.ServiceUrl));
            throw new ConnectorException(
                $"The serviceUrl '{request.ServiceUrl}' was not proven by a channel token nor allow-listed, so {request.Operation} was not sent. " +
                "Use the serviceUrl of an authenticated activity (or a reference saved from one), or add it to Connector:AllowedServiceUrls.",
                null,
                isTransient: false);
        }

        using var message = new HttpRequestMessage(request.Method, request.Uri);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(request.MaxResponseBytes is null ? "application/json" : "*/*"));
        if (token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            // JSON answers are buffered within the client's MaxResponseContentBufferSize; a file is streamed up to its own bound.
            var completion = request.MaxResponseBytes is null ? HttpCompletionOption.ResponseContentRead : HttpCompletionOption.ResponseHeadersRead;
            using var response = await _httpClient.SendAsync(message, completion, linked.Token).ConfigureAwait(false);
            var body = await ReadBodyAsync(request, response, linked.Token).ConfigureAwait(false);
            if (body is null)
            {
                var tooLarge = new ConnectorException(
                    $"The channel answered {request.Operation} {request.Uri} with more than {request.MaxResponseBytes} bytes; the answer was not read further.",
                    response.StatusCode,
                    isTransient: false,
                    ConnectorException.TooLargeCode);
                ConnectorLog.NoAnswer(_logger, request.Operation, request.Method.Method, request.Uri, attemptNumber, "the answer is too large", null);
                return new Attempt([], tooLarge);
            }

            // The channel's answer is outside input too: its correlation id and error code are logged sanitized.
            var correlatingOperationId = LogSanitizer.Sanitize(
                response.Headers.TryGetValues("X-Correlating-OperationId", out var values) ? values.FirstOrDefault() : null);
            if (request.SuccessCodes.Contains(response.StatusCode))
            {
                ConnectorLog.Succeeded(_logger, request.Operation, request.Method.Method, request.Uri, (int)response.StatusCode, correlatingOperationId);
                return new Attempt(body, null);
            }

            var failure = ToException(request, response, body);
            ConnectorLog.Failed(_logger, request.Operation, request.Method.Method, request.Uri, attemptNumber, failure.StatusCode, LogSanitizer.Sanitize(failure.ErrorCode), failure.IsTransient, correlatingOperationId);
            return new Attempt([], failure);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested)
        {
            var reason = $"no answer within Connector:Timeout {_options.Timeout}";
            ConnectorLog.NoAnswer(_logger, request.Operation, request.Method.Method, request.Uri, attemptNumber, reason, null);
            return new Attempt([], new ConnectorException($"{request.Operation} {request.Uri} failed: {reason}.", null, isTransient: true, innerException: exception));
        }
        catch (HttpRequestException exception)
        {
            var reason = $"network error ({exception.HttpRequestError}): {exception.Message}";
            ConnectorLog.NoAnswer(_logger, request.Operation, request.Method.Method, request.Uri, attemptNumber, reason, exception);
            return new Attempt([], new ConnectorException($"{request.Operation} {request.Uri} failed: {reason}", null, isTransient: true, innerException: exception));
        }
    }

    /// <summary>The answer's bytes; null when a file's answer is longer than the request allows (read no further).</summary>
    private static async Task<byte[]?> ReadBodyAsync(ConnectorRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (request.MaxResponseBytes is not { } limit)
        {
            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }

        if (response.Content.Headers.ContentLength > limit)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await BoundedRead.AtMostAsync(stream, limit, cancellationToken).ConfigureAwait(false);
    }

    private ConnectorException ToException(ConnectorRequest request, HttpResponseMessage response, byte[] body)
    {
        var status = response.StatusCode;
        var code = (int)status;
        if (code is >= 300 and < 400)
        {
            // Auto-redirects are off so the token can't follow a redirect to another host; a channel doesn't redirect.
            return new ConnectorException(
                $"The channel answered {request.Operation} {request.Uri} with {code} {status} to '{response.Headers.Location}'; redirects are not followed.",
                status,
                isTransient: false);
        }

        var error = TryReadError(body);
        var isTransient = status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || code >= 500;
        var detail = error is null ? string.Empty : $": {error.Code}: {error.Message}";
        return new ConnectorException($"The channel answered {request.Operation} {request.Uri} with {code} {status}{detail}", status, isTransient, error?.Code)
        {
            RetryAfter = isTransient ? RetryAfter.Read(response.Headers.RetryAfter, _timeProvider.GetUtcNow()) : null,
        };
    }

    private static ErrorDetail? TryReadError(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return ActivityJson.Deserialize<ErrorResponse>(body)?.Error;
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // Not an ErrorResponse (e.g. a proxy's HTML page): the status code says enough.
        }
    }

    /// <summary>BaseRetryDelay · 2^retry plus up to 50 % jitter (so retrying bots don't arrive in step), capped.</summary>
    private TimeSpan Backoff(int retry)
    {
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        var jitter = 1 + (Random.Shared.NextDouble() / 2);
#pragma warning restore CA5394
        var delay = _options.BaseRetryDelay * Math.Pow(2, Math.Min(retry, 16)) * jitter;
        return delay < _options.MaxRetryAfter ? delay : _options.MaxRetryAfter;
    }

    private readonly record struct Attempt(byte[] Body, ConnectorException? Failure);
}
