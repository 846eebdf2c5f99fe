using CareBot.Web.Components;
using Microsoft.AspNetCore.Builder;

namespace CareBot.Web.Hosting;

/// <summary>Puts the console into the request pipeline.</summary>
public static class WebApplicationExtensions
{
    /// <summary>
    /// Authentication, authorization and antiforgery (in that order), the console's static files (Blazor's script,
    /// Fluent UI, console.css), the sign-out endpoint and the console's pages under <c>/agent</c>.
    /// </summary>
    public static WebApplication MapCareBotWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapSignOut();
        app.MapSingleSignOn();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
