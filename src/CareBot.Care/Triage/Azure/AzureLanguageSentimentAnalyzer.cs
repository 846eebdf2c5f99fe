using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using CareBot.Care.Triage.Sentiment;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Triage.Azure;

/// <summary>
/// Sentiment from Azure AI Language (REST <c>:analyze-text</c>, kind SentimentAnalysis) over an Azure.Core pipeline:
/// key credential, retries with Retry-After, per-try timeout. Documents go in batches within the service's limits.
/// Whenever the service cannot answer (error, timeout, rejected document, open circuit) the embedded VADER answers
/// and the result says why in <see cref="SentimentResult.Fallback"/>. VADER's four scores are always filled in.
/// </summary>
public sealed class AzureLanguageSentimentAnalyzer : ISentimentAnalyzer
{
    /// <summary>The provider name reported in <see cref="SentimentResult.Provider"/>.</summary>
    public const string ProviderName = "azure-language";

    private readonly AzureLanguageOptions options;
    private readonly VaderSentimentAnalyzer fallback;
    private readonly HttpPipeline pipeline;
    private readonly CircuitBreaker breaker;
    private readonly ILogger logger;
    private readonly Uri requestUri;

    public AzureLanguageSentimentAnalyzer(
        IOptions<AzureLanguageOptions> options,
        VaderSentimentAnalyzer fallback,
        TimeProvider time,
        ILogger<AzureLanguageSentimentAnalyzer>? logger = null)
        : this(options, fallback, time, logger, transport: null)
    {
    }

    internal AzureLanguageSentimentAnalyzer(
        IOptions<AzureLanguageOptions> options,
        VaderSentimentAnalyzer fallback,
        TimeProvider time,
        ILogger? logger,
        HttpPipelineTransport? transport)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fallback);
        ArgumentNullException.ThrowIfNull(time);
        this.options = options.Value;
        if (!this.options.IsConfigured)
        {
            throw new ArgumentException("AzureLanguage:Endpoint and AzureLanguage:Key must both be set to use Azure AI Language.", nameof(options));
        }

        if (this.options.MaxDocumentsPerRequest is < 1 or > 10)
        {
            throw new ArgumentException($"AzureLanguage:MaxDocumentsPerRequest must be 1..10 (the service's limit), not {this.options.MaxDocumentsPerRequest}.", nameof(options));
        }

        this.fallback = fallback;
        this.logger = logger ?? NullLogger.Instance;
        breaker = new CircuitBreaker(Math.Max(1, this.options.FailuresBeforeBreak), this.options.BreakDuration, time);
        pipeline = HttpPipelineBuilder.Build(
            new AzureLanguageClientOptions(this.options, transport),
            [new SubscriptionKeyPolicy(new AzureKeyCredential(this.options.Key!))],
            [],
            new ResponseClassifier());
        var endpoint = this.options.Endpoint!.ToString().TrimEnd('/');
        requestUri = new Uri($"{endpoint}/language/:analyze-text?api-version={Uri.EscapeDataString(this.options.ApiVersion)}");
    }

    public async Task<SentimentResult> AnalyzeAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var results = await AnalyzeBatchAsync([text], cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    public async Task<IReadOnlyList<SentimentResult>> AnalyzeBatchAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var local = new SentimentResult[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            local[i] = fallback.Analyze(texts[i] ?? throw new ArgumentException("Texts must not be null.", nameof(texts)));
        }

        var results = new SentimentResult[texts.Count];
        var pending = new List<int>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(texts[i]))
            {
                // The service rejects empty documents; there is nothing to ask it.
                results[i] = local[i];
            }
            else
            {
                pending.Add(i);
            }
        }

        for (var chunk = 0; chunk < pending.Count; chunk += options.MaxDocumentsPerRequest)
        {
            var batch = pending.GetRange(chunk, Math.Min(options.MaxDocumentsPerRequest, pending.Count - chunk));
            await AnalyzeChunkAsync(texts, batch, local, results, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    private async Task AnalyzeChunkAsync(
        IReadOnlyList<string> texts, List<int> batch, SentimentResult[] local, SentimentResult[] results, CancellationToken cancellationToken)
    {
        if (breaker.IsOpen(out var until))
        {
            var reason = string.Create(CultureInfo.InvariantCulture, $"Azure AI Language skipped: circuit open until {until:O} after repeated failures");
            foreach (var index in batch)
            {
                results[index] = local[index] with { Fallback = reason };
            }

            return;
        }

        var warnings = new Dictionary<int, string>();
        var body = BuildRequest(texts, batch, warnings);
        string? failure = null;
        Dictionary<string, JsonElement>? documents = null;
        Dictionary<string, string>? errors = null;
        try
        {
            using var message = pipeline.CreateMessage();
            message.Request.Method = RequestMethod.Post;
            message.Request.Uri.Reset(requestUri);
            message.Request.Headers.Add("Content-Type", "application/json");
            message.Request.Headers.Add("Accept", "application/json");
            message.Request.Content = RequestContent.Create(body);
            await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var response = message.Response;
            if (response.Status == 200)
            {
                (documents, errors) = ParseResponse(response.Content.ToMemory());
            }
            else
            {
                failure = $"HTTP {response.Status}{ErrorCode(response.Content.ToMemory())}";
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is RequestFailedException or OperationCanceledException or JsonException or IOException)
        {
            failure = ex is OperationCanceledException
                ? $"timed out after {options.NetworkTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s"
                : ex.Message;
            Log.AzureLanguageFailed(logger, failure, ex);
        }

        if (failure is not null || documents is null)
        {
            failure ??= "unreadable response";
            if (breaker.RecordFailure(out var openUntil))
            {
                Log.AzureLanguageCircuitOpened(logger, options.FailuresBeforeBreak, openUntil);
            }

            foreach (var index in batch)
            {
                results[index] = local[index] with { Fallback = "Azure AI Language failed: " + failure };
            }

            return;
        }

        breaker.RecordSuccess();
        foreach (var index in batch)
        {
            var id = index.ToString(CultureInfo.InvariantCulture);
            IReadOnlyList<string> extra = warnings.TryGetValue(index, out var warning) ? [warning] : [];
            if (documents.TryGetValue(id, out var document))
            {
                results[index] = FromDocument(document, local[index], extra);
            }
            else
            {
                var code = errors is not null && errors.TryGetValue(id, out var error) ? error : "no result for the document";
                Log.AzureLanguageDocumentError(logger, id, code);
                results[index] = local[index] with { Fallback = "Azure AI Language rejected the text: " + code, Warnings = extra };
            }
        }
    }

    private byte[] BuildRequest(IReadOnlyList<string> texts, List<int> batch, Dictionary<int, string> warnings)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("kind", "SentimentAnalysis");
            json.WriteStartObject("parameters");
            json.WriteBoolean("opinionMining", options.OpinionMining);
            json.WriteString("stringIndexType", "Utf16CodeUnit");
            json.WriteEndObject();
            json.WriteStartObject("analysisInput");
            json.WriteStartArray("documents");
            foreach (var index in batch)
            {
                json.WriteStartObject();
                json.WriteString("id", index.ToString(CultureInfo.InvariantCulture));
                json.WriteString("language", options.Language);
                json.WriteString("text", Truncate(texts[index], index, warnings));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Keeps the first MaxDocumentLength text elements (the service's unit), cut at a sentence end if one is near.</summary>
    private string Truncate(string text, int index, Dictionary<int, string> warnings)
    {
        var info = new StringInfo(text);
        if (info.LengthInTextElements <= options.MaxDocumentLength)
        {
            return text;
        }

        var cut = info.SubstringByTextElements(0, options.MaxDocumentLength);
        var sentenceEnd = cut.LastIndexOfAny(['.', '!', '?', '\n']);
        if (sentenceEnd > cut.Length / 2)
        {
            cut = cut[..(sentenceEnd + 1)];
        }

        warnings[index] = string.Create(CultureInfo.InvariantCulture,
            $"text of {info.LengthInTextElements} characters truncated to its first {cut.Length} for Azure AI Language (limit {options.MaxDocumentLength}); the label covers that part");
        return cut;
    }

    private static (Dictionary<string, JsonElement> Documents, Dictionary<string, string> Errors) ParseResponse(ReadOnlyMemory<byte> content)
    {
        using var document = JsonDocument.Parse(content);
        var results = document.RootElement.GetProperty("results");
        var documents = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var item in results.GetProperty("documents").EnumerateArray())
        {
            documents[item.GetProperty("id").GetString() ?? string.Empty] = item.Clone();
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (results.TryGetProperty("errors", out var errorArray))
        {
            foreach (var item in errorArray.EnumerateArray())
            {
                var error = item.GetProperty("error");
                var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                var detail = error.TryGetProperty("innererror", out var inner) && inner.TryGetProperty("code", out var ic) ? ic.GetString() : null;
                var text = error.TryGetProperty("message", out var m) ? m.GetString() : null;
                errors[item.GetProperty("id").GetString() ?? string.Empty] = $"{code}{(detail is null ? string.Empty : "/" + detail)}: {text}";
            }
        }

        return (documents, errors);
    }

    private static string ErrorCode(ReadOnlyMemory<byte> content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code)
                ? " " + code.GetString()
                : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    private static SentimentResult FromDocument(JsonElement document, SentimentResult local, IReadOnlyList<string> warnings)
    {
        var sentences = new List<SentenceSentiment>();
        if (document.TryGetProperty("sentences", out var sentenceArray))
        {
            foreach (var sentence in sentenceArray.EnumerateArray())
            {
                sentences.Add(new SentenceSentiment(
                    sentence.TryGetProperty("text", out var t) ? t.GetString() ?? string.Empty : string.Empty,
                    sentence.GetProperty("offset").GetInt32(),
                    sentence.GetProperty("length").GetInt32(),
                    ParseLabel(sentence.GetProperty("sentiment").GetString()),
                    ParseConfidence(sentence.GetProperty("confidenceScores"))));
            }
        }

        var allWarnings = new List<string>(warnings);
        if (document.TryGetProperty("warnings", out var warningArray))
        {
            foreach (var warning in warningArray.EnumerateArray())
            {
                allWarnings.Add(warning.TryGetProperty("message", out var m) ? m.GetString() ?? string.Empty : warning.ToString());
            }
        }

        return new SentimentResult
        {
            Label = ParseLabel(document.GetProperty("sentiment").GetString()),
            Confidence = ParseConfidence(document.GetProperty("confidenceScores")),
            Sentences = sentences,
            Vader = local.Vader,
            Provider = ProviderName,
            Warnings = allWarnings,
        };
    }

    private static SentimentLabel ParseLabel(string? label) => label switch
    {
        "positive" => SentimentLabel.Positive,
        "negative" => SentimentLabel.Negative,
        "mixed" => SentimentLabel.Mixed,
        _ => SentimentLabel.Neutral,
    };

    private static SentimentConfidence ParseConfidence(JsonElement scores) => new(
        scores.GetProperty("positive").GetDouble(),
        scores.GetProperty("neutral").GetDouble(),
        scores.GetProperty("negative").GetDouble());
}
