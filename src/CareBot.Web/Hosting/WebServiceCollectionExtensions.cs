using CareBot.Care.Agents;
using CareBot.Web.Console;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.FluentUI.AspNetCore.Components;

namespace CareBot.Web.Hosting;

/// <summary>The console's one DI entry point.</summary>
public static class WebServiceCollectionExtensions
{
    /// <summary>
    /// Registers the agent console: Blazor with interactive server rendering, Fluent UI, cookie sign-in for console
    /// accounts (<see cref="IAgentAccountStore"/>, registered by the storage project) and the console's services.
    /// <code>
    /// "AgentSignIn": { "MaxFailedAttempts": 5, "LockOutDuration": "00:15:00" },
    /// "Console": { "CannedResponses": [ { "Title": "Order delayed", "Text": "Hi {customer.name}, order {captured.order} ships tomorrow." } ] }
    /// </code>
    /// </summary>
    public static WebApplicationBuilder AddCareBotWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Blazor's script and Fluent UI's files are static web assets: published, they sit in wwwroot; run from the
        // build output (dotnet run, tests) they are found through the host's manifest, in every environment.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddCareBotWeb(builder.Configuration);
        builder.AddCareBotLiveSettings();
        return builder;
    }

    /// <summary>The console's services alone (the host must also serve the static web assets: see the overload).</summary>
    public static IServiceCollection AddCareBotWeb(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // The studio's script editor sends the whole script (the care dialog is about 40 KB) with each change; SignalR's
        // default 32 KB message limit would drop the circuit.
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = Studio.StudioScripts.MaxMessageBytes);
        services.AddFluentUIComponents();
        services.AddCascadingAuthenticationState();
        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
            {
                cookie.Cookie.Name = "carebot.agent";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = "/agent/signin";
                cookie.LogoutPath = "/agent/signout";
                cookie.AccessDeniedPath = "/agent/denied";
                cookie.ExpireTimeSpan = TimeSpan.FromHours(10);
                cookie.SlidingExpiration = true;
                cookie.Events.OnValidatePrincipal = SignInEndpoints.ValidateAccountAsync;
            });
        services.AddAuthorization();

        // Single sign-on only when configured (AgentSignIn:Oidc:Authority); a half-filled section stops the start below.
        var singleSignOn = configuration.GetSection(AgentOidcOptions.SectionName).Get<AgentOidcOptions>() ?? new AgentOidcOptions();
        if (singleSignOn.Enabled && singleSignOn.Problem() is null)
        {
            authentication.AddOpenIdConnect(AgentOidcOptions.Scheme, handler => AgentSingleSignOn.Configure(handler, singleSignOn));
        }

        services.AddOptions<AgentOidcOptions>().Bind(configuration.GetSection(AgentOidcOptions.SectionName))
            .Validate(o => o.Problem() is null, "AgentSignIn:Oidc needs an https Authority and a ClientId (or no Authority, for no single sign-on).")
            .ValidateOnStart();

        services.AddOptions<AgentSignInOptions>().Bind(configuration.GetSection(AgentSignInOptions.SectionName))
            .Validate(o => o.MaxFailedAttempts > 0, "AgentSignIn:MaxFailedAttempts must be at least 1, e.g. 5.")
            .Validate(o => o.LockOutDuration > TimeSpan.Zero, "AgentSignIn:LockOutDuration must be positive, e.g. 00:15:00.")
            .ValidateOnStart();
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.SectionName))
            .Validate(o => o.Problem() is null, "Console:CannedResponses: every entry needs a Title and a Text.")
            .Validate(o => o.PresenceRenewal >= TimeSpan.FromSeconds(1) && o.PresenceRenewal <= TimeSpan.FromMinutes(1), "Console:PresenceRenewal must be between 00:00:01 and 00:01:00, e.g. 00:00:05.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AgentPasswords>();
        services.TryAddSingleton<AgentSignIn>();
        services.TryAddSingleton<ConsoleInbox>();
        services.TryAddSingleton<ConsoleDesk>();
        services.TryAddSingleton<MentionEmails>();
        services.TryAddSingleton<ConsoleBoard>();
        services.TryAddSingleton(sp => new CasePresence(
            sp.GetService<IAgentPresenceRelay>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<ConsoleOptions>>().Value.PresenceRenewal));
        services.AddHostedService<CasePresenceRelaying>();
        services.TryAddScoped<CircuitVisits>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, PresenceCircuitHandler>());
        services.AddCareBotStudio();
        services.AddHostedService<FirstAccountHint>();
        return services;
    }
}
