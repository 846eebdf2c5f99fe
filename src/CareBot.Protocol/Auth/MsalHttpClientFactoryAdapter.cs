using Microsoft.Identity.Client;

namespace CareBot.Protocol.Auth;

/// <summary>Gives MSAL its <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> (pooled handlers, DNS refresh).</summary>
internal sealed class MsalHttpClientFactoryAdapter(IHttpClientFactory httpClientFactory) : IMsalHttpClientFactory
{
    /// <summary>Name of the <see cref="HttpClient"/> MSAL uses for token requests.</summary>
    public const string HttpClientName = "CareBot.Protocol.Auth.Msal";

    public HttpClient GetHttpClient() => httpClientFactory.CreateClient(HttpClientName);
}
