using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CareBot.Care.Integrations;

/// <summary>
/// Makes the dialog's lookups over HTTP: only to configured integrations, only below their base URL, with their
/// configured headers, through the timeout, retry and circuit-breaker pipeline registered for each. Every failure
/// becomes a <see cref="LookupStatus.Failed"/> answer (the dialog takes its fallback); nothing is invented.
/// </summary>
public sealed class HttpLookupClient(
    IHttpClientFactory clients,
    IOptionsMonitor<IntegrationOptions> integrations,
    TimeProvider time,
    ILogger<HttpLookupClient> logger,
    IReadOnlySet<string> configured) : ILookupClient
{
    /// <inheritdoc />
    public IReadOnlySet<string> Integrations => configured;

    /// <summary>The name of an integration's HttpClient (and its options): <c>CareBot.Integration.</c> plus the lower-case name.</summary>
    public static string ClientName(string integration) => "CareBot.Integration." + NameOf(integration);

    /// <summary>Integration names are case-insensitive (<c>lookup: orders</c> uses <c>Integrations:Orders</c>).</summary>
    public static string NameOf(string integration) => (integration ?? throw new ArgumentNullException(nameof(integration))).ToLowerInvariant();

    /// <inheritdoc />
    public async ValueTask<LookupResult> LookupAsync(LookupRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = integrations.Get(NameOf(request.Integration));
        if (options.BaseUrl is null)
        {
            IntegrationLog.NotConfigured(logger, request.Integration, request.ScriptId, request.NodeId);
            return LookupResult.Failed($"the integration '{request.Integration}' is not configured");
        }

        if (Resolve(options.BaseUrl, request.Path) is not { } url)
        {
            return Fail(request, "the path leaves the integration's base URL", null);
        }

        var started = time.GetTimestamp();
        var result = await SendAsync(request, options, url, cancellationToken).ConfigureAwait(false);
        var elapsed = time.GetElapsedTime(started);
        IntegrationLog.LookupDone(logger, request.Integration, request.Method, request.ScriptId, request.NodeId, result.Status, elapsed);
        return result;
    }

    /// <summary>The base URL with the path appended, or null when the result would not be below the base URL.</summary>
    public static Uri? Resolve(Uri baseUrl, string path)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal)
            || !Uri.TryCreate(baseUrl.AbsoluteUri.TrimEnd('/') + path, UriKind.Absolute, out var url))
        {
            return null;
        }

        // Uri removes dot segments: compare the result with the base, so nothing a script or a customer wrote can leave it.
        var basePath = baseUrl.AbsolutePath.TrimEnd('/') + "/";
        return url.Scheme == baseUrl.Scheme && url.IdnHost == baseUrl.IdnHost && url.Port == baseUrl.Port
            && (url.AbsolutePath + "/").StartsWith(basePath, StringComparison.Ordinal)
            ? url
            : null;
    }

    private async Task<LookupResult> SendAsync(LookupRequest request, IntegrationOptions options, Uri url, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), url);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in options.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.Body.Count > 0)
        {
            message.Content = JsonContent.Create(request.Body);
        }

        try
        {
            var client = clients.CreateClient(ClientName(request.Integration));
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return LookupResult.NothingFound("HTTP 404");
            }

            if (!response.IsSuccessStatusCode)
            {
                return Fail(request, $"HTTP {(int)response.StatusCode}", null);
            }

            await response.Content.LoadIntoBufferAsync(options.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), default, cancellationToken).ConfigureAwait(false);
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (capture, path) in request.Fields)
            {
                if (ResponseFields.Read(json.RootElement, path) is not { } value)
                {
                    return Fail(request, $"the answer has no field '{path}'", null);
                }

                values[capture] = value;
            }

            return LookupResult.Found(values);
        }
        catch (HttpRequestException ex)
        {
            return Fail(request, "the call failed: " + ex.Message, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            return Fail(request, "timed out", ex);
        }
        catch (BrokenCircuitException ex)
        {
            return Fail(request, "the circuit is open after repeated failures", ex);
        }
        catch (JsonException ex)
        {
            return Fail(request, "the answer is not JSON", ex);
        }
        catch (InvalidOperationException ex)
        {
            // JsonDocument reports invalid UTF-8 in a string this way, and the content's buffer limit too.
            return Fail(request, "the answer could not be read", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(request, "timed out", ex);
        }
    }

    private LookupResult Fail(LookupRequest request, string reason, Exception? exception)
    {
        IntegrationLog.LookupFailed(logger, request.Integration, request.ScriptId, request.NodeId, reason, exception);
        return LookupResult.Failed(reason);
    }
}
