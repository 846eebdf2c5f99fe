using CareBot.Care.Triage.Azure;
using CareBot.Care.Triage.Sentiment;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CareBot.Care.Tests.Triage.Azure;

/// <summary>The Azure AI Language provider against a local HTTP server that answers like the documented service.</summary>
public sealed class AzureLanguageSentimentAnalyzerTests : IAsyncLifetime
{
    private FakeLanguageService service = null!;
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-05T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public async Task InitializeAsync() => service = await FakeLanguageService.StartAsync();

    public async Task DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task Success_returns_the_service_label_sentences_and_vader_scores()
    {
        var analyzer = Create();

        var result = await analyzer.AnalyzeAsync("This is bad, really bad.", CancellationToken.None);

        Assert.Equal(AzureLanguageSentimentAnalyzer.ProviderName, result.Provider);
        Assert.Null(result.Fallback);
        Assert.Equal(SentimentLabel.Negative, result.Label);
        Assert.Equal(0.97, result.Confidence.Negative);
        var sentence = Assert.Single(result.Sentences);
        Assert.Equal((0, 24), (sentence.Offset, sentence.Length));
        Assert.True(result.Vader.Compound < 0, "VADER scores are filled in alongside the service's label");
    }

    [Fact]
    public async Task Requests_follow_the_documented_contract()
    {
        var analyzer = Create(o => o.OpinionMining = true);

        await analyzer.AnalyzeAsync("Lovely staff", CancellationToken.None);

        var request = Assert.Single(service.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/language/:analyze-text", request.Path);
        Assert.Equal("?api-version=2023-04-01", request.Query);
        Assert.Equal(FakeLanguageService.Key, request.Key);
        Assert.Equal("SentimentAnalysis", request.Json["kind"]!.GetValue<string>());
        Assert.Equal("Utf16CodeUnit", request.Json["parameters"]!["stringIndexType"]!.GetValue<string>());
        Assert.True(request.Json["parameters"]!["opinionMining"]!.GetValue<bool>());
        Assert.Equal("en", request.Documents[0]["language"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_batch_is_split_into_requests_of_at_most_ten_documents_and_keeps_its_order()
    {
        var analyzer = Create();
        var texts = Enumerable.Range(0, 23).Select(i => i % 2 == 0 ? $"good {i}" : $"bad {i}").ToList();

        var results = await analyzer.AnalyzeBatchAsync(texts, CancellationToken.None);

        Assert.Equal([10, 10, 3], service.Requests.Select(r => r.Documents.Count));
        Assert.Equal(23, results.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            Assert.Equal(i % 2 == 0 ? SentimentLabel.Positive : SentimentLabel.Negative, results[i].Label);
        }
    }

    [Fact]
    public async Task A_rejected_document_falls_back_to_vader_while_the_others_use_the_service()
    {
        var analyzer = Create();

        var results = await analyzer.AnalyzeBatchAsync(["good day", "please reject me", "bad day"], CancellationToken.None);

        Assert.Equal(AzureLanguageSentimentAnalyzer.ProviderName, results[0].Provider);
        Assert.Equal(VaderSentimentAnalyzer.ProviderName, results[1].Provider);
        Assert.Contains("InvalidArgument/UnsupportedLanguageCode", results[1].Fallback, StringComparison.Ordinal);
        Assert.Equal(SentimentLabel.Negative, results[2].Label);
    }

    [Fact]
    public async Task A_wrong_key_falls_back_without_retrying()
    {
        var analyzer = Create(o => o.Key = "wrong");

        var result = await analyzer.AnalyzeAsync("good", CancellationToken.None);

        Assert.Equal(VaderSentimentAnalyzer.ProviderName, result.Provider);
        Assert.Contains("HTTP 401", result.Fallback, StringComparison.Ordinal);
        Assert.Single(service.Requests);
    }

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_retry_after_delay()
    {
        var calls = 0;
        service.Respond = async (context, request) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers.RetryAfter = "0";
                await FakeLanguageService.WriteErrorAsync(context, 429, "429", "Rate limit is exceeded. Try again in 0 seconds.");
                return;
            }

            await FakeLanguageService.AnswerDocumentsAsync(context, request);
        };
        var analyzer = Create();

        var result = await analyzer.AnalyzeAsync("good", CancellationToken.None);

        Assert.Equal(2, service.Requests.Count);
        Assert.Equal(AzureLanguageSentimentAnalyzer.ProviderName, result.Provider);
        Assert.Null(result.Fallback);
    }

    [Fact]
    public async Task A_server_error_is_retried_then_falls_back()
    {
        service.Respond = (context, _) => FakeLanguageService.WriteErrorAsync(context, 500, "InternalServerError", "Internal error.");
        var analyzer = Create(o => o.MaxRetries = 2);

        var result = await analyzer.AnalyzeAsync("bad", CancellationToken.None);

        Assert.Equal(3, service.Requests.Count);
        Assert.Equal(VaderSentimentAnalyzer.ProviderName, result.Provider);
        Assert.Contains("HTTP 500", result.Fallback, StringComparison.Ordinal);
        Assert.Equal(SentimentLabel.Negative, result.Label);
    }

    [Fact]
    public async Task A_slow_service_times_out_and_falls_back()
    {
        service.Respond = async (context, request) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
            await FakeLanguageService.AnswerDocumentsAsync(context, request);
        };
        var analyzer = Create(o =>
        {
            o.MaxRetries = 0;
            o.NetworkTimeout = TimeSpan.FromMilliseconds(200);
        });

        var result = await analyzer.AnalyzeAsync("good", CancellationToken.None);

        Assert.Equal(VaderSentimentAnalyzer.ProviderName, result.Provider);
        Assert.Contains("timed out", result.Fallback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_repeated_failures_the_circuit_opens_and_closes_again_after_the_break()
    {
        var failing = true;
        service.Respond = (context, request) => failing
            ? FakeLanguageService.WriteErrorAsync(context, 503, "ServiceUnavailable", "Down.")
            : FakeLanguageService.AnswerDocumentsAsync(context, request);
        var analyzer = Create(o =>
        {
            o.MaxRetries = 0;
            o.FailuresBeforeBreak = 2;
            o.BreakDuration = TimeSpan.FromMinutes(1);
        });

        await analyzer.AnalyzeAsync("good", CancellationToken.None);
        await analyzer.AnalyzeAsync("good", CancellationToken.None);
        var skipped = await analyzer.AnalyzeAsync("good", CancellationToken.None);

        Assert.Equal(2, service.Requests.Count);
        Assert.Contains("circuit open", skipped.Fallback, StringComparison.Ordinal);

        failing = false;
        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var recovered = await analyzer.AnalyzeAsync("good", CancellationToken.None);

        Assert.Equal(3, service.Requests.Count);
        Assert.Equal(AzureLanguageSentimentAnalyzer.ProviderName, recovered.Provider);
    }

    [Fact]
    public async Task A_text_over_the_document_limit_is_truncated_and_says_so()
    {
        var analyzer = Create(o => o.MaxDocumentLength = 100);
        var text = string.Concat(Enumerable.Repeat("Good service. ", 20));

        var result = await analyzer.AnalyzeAsync(text, CancellationToken.None);

        Assert.True(service.Requests.Single().Documents[0]["text"]!.GetValue<string>().Length <= 100);
        Assert.Contains(result.Warnings, w => w.Contains("truncated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_text_is_not_sent_to_the_service()
    {
        var analyzer = Create();

        var result = await analyzer.AnalyzeAsync("", CancellationToken.None);

        Assert.Empty(service.Requests);
        Assert.Equal(SentimentLabel.Neutral, result.Label);
    }

    private AzureLanguageSentimentAnalyzer Create(Action<AzureLanguageOptions>? configure = null)
    {
        var options = new AzureLanguageOptions
        {
            Endpoint = service.Endpoint,
            Key = FakeLanguageService.Key,
            RetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(5),
            NetworkTimeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        return new AzureLanguageSentimentAnalyzer(Options.Create(options), new VaderSentimentAnalyzer(), time);
    }
}
