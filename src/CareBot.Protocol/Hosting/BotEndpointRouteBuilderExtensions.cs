using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CareBot.Protocol.Hosting;

/// <summary>Maps the Bot Framework messaging endpoint.</summary>
public static class BotEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST {pattern}</c> (default <c>/api/messages</c>), the endpoint channels, the Emulator and skills post
    /// activities to. Other methods get 405. Needs <see cref="ProtocolServiceCollectionExtensions.AddCareBotProtocol"/>
    /// plus an <see cref="Turns.IBot"/>, an <see cref="Auth.IChannelAuthenticator"/>, an
    /// <see cref="Connector.IConnectorClient"/> and an <see cref="Connector.ITrustedServiceUrls"/>.
    /// </summary>
    public static IEndpointConventionBuilder MapBotMessages(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        return endpoints.MapMethods(pattern, [HttpMethods.Post], BotMessagesEndpoint.HandleAsync)
            .WithDisplayName("Bot Framework messages");
    }
}
