using CareBot.Care.Agents;
using CareBot.Web.Console;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Web.Hosting;

/// <summary>
/// Optional single sign-on (section <see cref="AgentOidcOptions"/>): the sign-in page's button starts the OpenID Connect
/// code flow (with PKCE) at <see cref="ChallengePath"/>; a validated identity becomes the same console cookie a password
/// sign-in gives, built from the console account of that user name (its role and queues), or is refused.
/// </summary>
public static class AgentSingleSignOn
{
    public const string ChallengePath = "/agent/signin/sso";

    public const string CallbackPath = "/agent/signin/oidc";

    /// <summary>Where a refused or failed single sign-on lands: the sign-in page with a sentence.</summary>
    public const string FailedPath = "/agent/signin?sso=failed";

    public static void Configure(OpenIdConnectOptions handler, AgentOidcOptions settings)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(settings);
        handler.Authority = settings.Authority;
        handler.ClientId = settings.ClientId;
        handler.ClientSecret = string.IsNullOrWhiteSpace(settings.ClientSecret) ? null : settings.ClientSecret;
        handler.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        handler.ResponseType = "code";
        handler.UsePkce = true;
        handler.CallbackPath = CallbackPath;
        handler.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        handler.MapInboundClaims = false;
        handler.SaveTokens = false;
        handler.Scope.Clear();
        handler.Scope.Add("openid");
        handler.Scope.Add("profile");
        handler.Scope.Add("email");
        handler.Events.OnTokenValidated = context => MapToAccountAsync(context, settings);
        handler.Events.OnRemoteFailure = context =>
        {
            context.Response.Redirect(FailedPath);
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    /// <summary>Replaces the provider's identity with the console account's, or fails when there is no enabled account.</summary>
    internal static async Task MapToAccountAsync(TokenValidatedContext context, AgentOidcOptions settings)
    {
        var name = context.Principal is { } principal ? settings.UserNameFrom(principal) : null;
        var accounts = context.HttpContext.RequestServices.GetRequiredService<IAgentAccountStore>();
        if (name is null || await accounts.GetAsync(name, context.HttpContext.RequestAborted).ConfigureAwait(false) is not { Disabled: false } account)
        {
            context.Fail("No enabled console account has this identity's user name.");
            return;
        }

        // Roles from the token (when configured) update the stored account, so every later check (which reads the
        // account, not the cookie) agrees; the change is logged with both roles as the audit trail.
        if (settings.RoleFrom(context.Principal!) is { } role && role != account.Role)
        {
            await accounts.SetRoleAsync(account.UserName, role, context.HttpContext.RequestAborted).ConfigureAwait(false);
            SingleSignOnLog.RoleFromToken(
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AgentSingleSignOn)),
                account.UserName, account.Role, role, settings.RoleClaim!);
            account = account with { Role = role };
        }

        context.Principal = ConsoleUser.Principal(account, AgentOidcOptions.Scheme);
    }

    /// <summary>Maps <see cref="ChallengePath"/>: it starts single sign-on, or answers 404 when it is not configured.</summary>
    public static IEndpointRouteBuilder MapSingleSignOn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ChallengePath, (string? returnUrl, IOptions<AgentOidcOptions> options) =>
            options.Value.Enabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = SignInEndpoints.SafeReturnUrl(returnUrl) }, [AgentOidcOptions.Scheme])
                : Results.Json(new { error = new { code = "sso_not_configured", message = "Single sign-on is not configured; sign in with your user name and password." } }, statusCode: StatusCodes.Status404NotFound));
        return endpoints;
    }
}
