using CareBot.Care.Triage.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Embeddings;

/// <summary>
/// DI registration of the MiniLM second stage of triage. Configuration shape (all optional; the band and threshold
/// default to the head file's):
/// <code>
/// "Triage": { "Embeddings": { "Enabled": true, "UnsureFrom": 0.15, "UnsureTo": 0.55, "Threshold": 0.40 } }
/// </code>
/// </summary>
public static class EmbeddingsServiceCollectionExtensions
{
    /// <summary>
    /// When <c>Triage:Embeddings:Enabled</c> is true (the default), registers the <see cref="IComplaintSecondStage"/>
    /// that <c>AddCareBotTriage</c>'s triage asks, and a start-up task that loads the encoder in the background so the
    /// first customer does not wait for it; otherwise registers nothing, so MiniLM and ONNX Runtime are never loaded.
    /// Invalid options stop start-up here with a message naming the key.
    /// </summary>
    public static IServiceCollection AddCareBotTriageEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(TriageEmbeddingsOptions.SectionName).Get<TriageEmbeddingsOptions>() ?? new TriageEmbeddingsOptions();
        if (!options.Enabled)
        {
            return services;
        }

        if (options.Problem(EmbeddingHead.Embedded) is { } problem)
        {
            throw new OptionsValidationException(TriageEmbeddingsOptions.SectionName, typeof(TriageEmbeddingsOptions), [problem]);
        }

        services.TryAddSingleton(provider => new MiniLmComplaintStage(
            options,
            EmbeddingHead.Embedded,
            provider.GetService<ILogger<MiniLmComplaintStage>>()));
        services.TryAddSingleton<IComplaintSecondStage>(provider => provider.GetRequiredService<MiniLmComplaintStage>());
        services.AddHostedService<EncoderWarmUp>();
        return services;
    }
}
