using System.Net;
using CareBot.Protocol.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CareBot.Server.Composition;

/// <summary>
/// Refuses to start with channel authentication off (no <c>MicrosoftAppId</c>) on an address other machines can reach,
/// unless <c>Bot:AllowUnauthenticatedRemote</c> is true: without auth anyone who reaches <c>/api/messages</c> chooses the
/// activity's serviceUrl, so the bot would POST its replies to any URL they like. Runs before the server binds (hosted
/// services start before Kestrel), so nothing is ever served on the refused address.
/// </summary>
public sealed class RemoteListeningCheck(IServer server, IConfiguration configuration, IOptions<BotFrameworkAuthenticationOptions> auth) : IHostedService
{
    /// <summary>The switch that allows it anyway (read directly: the <c>Bot</c> section's options class is the protocol's).</summary>
    public const string AllowSetting = "Bot:AllowUnauthenticatedRemote";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (auth.Value.IsAuthenticationEnabled || configuration.GetValue<bool>(AllowSetting))
        {
            return Task.CompletedTask;
        }

        if (ListenAddresses().FirstOrDefault(address => !IsLoopback(address)) is { } remote)
        {
            throw new InvalidOperationException(
                $"Refusing to listen on {remote} with channel authentication off (MicrosoftAppId is empty): anyone who reaches it could make the bot POST to any URL. "
                + $"Set MicrosoftAppId and MicrosoftAppPassword, listen on loopback only (--urls http://localhost:3978), or set {AllowSetting}=true on a network you trust.");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // The addresses Kestrel is about to bind, found the way the web host finds them: addresses set in code, else "urls",
    // else "http_ports"/"https_ports" (every interface); endpoints under Kestrel:Endpoints come on top.
    private List<string> ListenAddresses()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        if (addresses.Count == 0)
        {
            addresses.AddRange(Split(configuration["urls"]));
        }

        if (addresses.Count == 0)
        {
            addresses.AddRange(Split(configuration["http_ports"]).Select(port => $"http://*:{port}"));
            addresses.AddRange(Split(configuration["https_ports"]).Select(port => $"https://*:{port}"));
        }

        addresses.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return addresses;
    }

    private static string[] Split(string? list) =>
        list?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static bool IsLoopback(string address)
    {
        var binding = BindingAddress.Parse(address);
        if (binding.IsUnixPipe || string.Equals(binding.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // "*", "+", 0.0.0.0, [::] and host names bind every interface; only a loopback IP stays on this machine.
        return IPAddress.TryParse(binding.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
