using CareBot.Care.Triage;
using CareBot.Care.Triage.Azure;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Care.Tests.Triage;

public sealed class TriageRegistrationTests
{
    [Fact]
    public async Task Without_azure_settings_the_embedded_vader_answers()
    {
        await using var provider = Build(new Dictionary<string, string?>());

        Assert.IsType<VaderSentimentAnalyzer>(provider.GetRequiredService<ISentimentAnalyzer>());
        var result = await provider.GetRequiredService<ITriageService>().TriageAsync("Thanks for nothing", CancellationToken.None);
        Assert.True(result.Complaint.Detected);
    }

    [Fact]
    public async Task With_endpoint_and_key_azure_ai_language_is_chosen()
    {
        await using var provider = Build(new Dictionary<string, string?>
        {
            ["AzureLanguage:Endpoint"] = "https://example.cognitiveservices.azure.com",
            ["AzureLanguage:Key"] = "k",
        });

        Assert.IsType<AzureLanguageSentimentAnalyzer>(provider.GetRequiredService<ISentimentAnalyzer>());
    }

    [Fact]
    public async Task A_missing_cue_file_falls_back_to_the_embedded_copy()
    {
        await using var provider = Build(new Dictionary<string, string?> { ["Triage:CuesPath"] = "/nonexistent/triage.yaml" });

        Assert.Equal(TriageCueLoader.EmbeddedSource, provider.GetRequiredService<TriageCues>().Source);
    }

    [Fact]
    public async Task An_invalid_cue_file_stops_resolution_with_its_diagnostics()
    {
        var path = Path.Combine(Path.GetTempPath(), $"triage-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, "version: 1\nsignals: {}\n");
        try
        {
            await using var provider = Build(new Dictionary<string, string?> { ["Triage:CuesPath"] = path });

            var error = Assert.Throws<TriageCueException>(() => provider.GetRequiredService<ITriageService>());
            Assert.All(error.Diagnostics, d => Assert.Equal(path, d.File));
        }
        finally
        {
            File.Delete(path);
        }
    }

    // No cue matches it, and the care model gives it 0.44: just below its threshold (0.45) for half complaints.
    private const string Unsure = "what a surprise";

    [Theory]
    [InlineData(null, false)]
    [InlineData("0.5", false)]
    [InlineData("0.7", true)]
    public async Task Where_complaints_are_the_usual_business_the_model_calls_an_unsure_message_one(string? share, bool complaint)
    {
        await using var provider = Build(share is null ? [] : new Dictionary<string, string?> { ["Triage:ComplaintShare"] = share });

        var result = await provider.GetRequiredService<ITriageService>().TriageAsync(Unsure, CancellationToken.None);

        Assert.Equal(complaint, result.Complaint.Detected);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.99")]
    [InlineData("-1")]
    public async Task An_impossible_complaint_share_stops_resolution_naming_the_setting(string share)
    {
        await using var provider = Build(new Dictionary<string, string?> { ["Triage:ComplaintShare"] = share });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<ITriageService>());
        Assert.Contains("Triage:ComplaintShare", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddCareBotTriage(configuration).BuildServiceProvider();
    }
}
