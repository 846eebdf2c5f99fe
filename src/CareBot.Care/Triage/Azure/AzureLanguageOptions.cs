namespace CareBot.Care.Triage.Azure;

/// <summary>
/// Options of the Azure AI Language sentiment provider, bound from section <c>AzureLanguage</c>. The provider is used
/// only when both <see cref="Endpoint"/> and <see cref="Key"/> are set; otherwise the embedded VADER answers.
/// </summary>
public sealed class AzureLanguageOptions
{
    public const string SectionName = "AzureLanguage";

    /// <summary>The resource endpoint, e.g. https://my-language.cognitiveservices.azure.com. No default.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The resource key (sent as Ocp-Apim-Subscription-Key). No default.</summary>
    public string? Key { get; set; }

    /// <summary>REST API version. Default 2023-04-01.</summary>
    public string ApiVersion { get; set; } = "2023-04-01";

    /// <summary>Language hint sent with each document. Default "en".</summary>
    public string Language { get; set; } = "en";

    /// <summary>Ask the service for opinion mining (aspect-based sentiment). Default false.</summary>
    public bool OpinionMining { get; set; }

    /// <summary>Documents per request; the service accepts at most 10 for sentiment. Default 10.</summary>
    public int MaxDocumentsPerRequest { get; set; } = 10;

    /// <summary>Text elements per document the service accepts; longer texts are truncated (and say so). Default 5120.</summary>
    public int MaxDocumentLength { get; set; } = 5120;

    /// <summary>Retries after a transient failure (408, 429, 5xx, network). Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay, doubled each retry unless the service sends Retry-After. Default 0.8 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>Longest retry delay. Default 10 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of one try. Default 10 s.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Consecutive failed requests after which the service is skipped for <see cref="BreakDuration"/>. Default 5.</summary>
    public int FailuresBeforeBreak { get; set; } = 5;

    /// <summary>How long the service is skipped once the circuit opens. Default 1 minute.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>True when both endpoint and key are configured.</summary>
    public bool IsConfigured => Endpoint is not null && !string.IsNullOrWhiteSpace(Key);
}
