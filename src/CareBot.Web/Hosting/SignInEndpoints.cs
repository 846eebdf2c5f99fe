using CareBot.Care.Agents;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Web.Hosting;

/// <summary>
/// Signing out (a form POST with an antiforgery token), and the check that ends a session whose account was disabled or
/// removed. Signing in is the static sign-in page itself (a cookie can only be set by an HTTP response, not from a
/// circuit).
/// </summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder endpoints)
    {
        // A form parameter makes ASP.NET Core check the antiforgery token of the POST.
        endpoints.MapPost("/agent/signout", async (HttpContext http, [Microsoft.AspNetCore.Mvc.FromForm] IFormCollection form) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return Results.Redirect("/agent/signin");
        });
        return endpoints;
    }

    /// <summary>Rejects the cookie of an account that is gone or disabled since it signed in.</summary>
    public static async Task ValidateAccountAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Principal?.Identity?.Name;
        var accounts = context.HttpContext.RequestServices.GetRequiredService<IAgentAccountStore>();
        if (name is null || await accounts.GetAsync(name, context.HttpContext.RequestAborted).ConfigureAwait(false) is not { Disabled: false })
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        }
    }

    /// <summary>Where to go after signing in: a local path only (never another site), else the inbox.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] != '/' && url[1] != '\\' && !url.Contains("://", StringComparison.Ordinal)
            ? url
            : "/agent";
}
