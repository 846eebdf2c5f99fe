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

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddCareBotTriage(configuration).BuildServiceProvider();
    }
}
