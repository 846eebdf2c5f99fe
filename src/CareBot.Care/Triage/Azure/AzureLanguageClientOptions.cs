using Azure.Core;
using Azure.Core.Pipeline;

namespace CareBot.Care.Triage.Azure;

/// <summary>Azure.Core pipeline options (retries honouring Retry-After, per-try timeout) built from <see cref="AzureLanguageOptions"/>.</summary>
internal sealed class AzureLanguageClientOptions : ClientOptions
{
    public AzureLanguageClientOptions(AzureLanguageOptions options, HttpPipelineTransport? transport)
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = options.MaxRetries;
        Retry.Delay = options.RetryDelay;
        Retry.MaxDelay = options.MaxRetryDelay;
        Retry.NetworkTimeout = options.NetworkTimeout;
        Diagnostics.IsDistributedTracingEnabled = false;
        if (transport is not null)
        {
            Transport = transport;
        }
    }
}
