using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CareBot.Care.Triage.Azure;

/// <summary>
/// Sends the resource key as <c>Ocp-Apim-Subscription-Key</c> on every try. Reads the credential each time, so a key
/// rotated with <see cref="AzureKeyCredential.Update"/> takes effect at once. (Azure.Core's own policy is internal.)
/// </summary>
internal sealed class SubscriptionKeyPolicy(AzureKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    public const string HeaderName = "Ocp-Apim-Subscription-Key";

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Request.Headers.SetValue(HeaderName, credential.Key);
    }
}
