using CareBot.Care;
using CareBot.Care.Embeddings;
using CareBot.Care.Incidents;
using CareBot.Meta;
using CareBot.Meta.Hosting;
using CareBot.Meta.Webhook;
using CareBot.Protocol.DirectLine;
using CareBot.Protocol.Hosting;
using CareBot.Server.Composition;
using CareBot.Server.Endpoints;
using CareBot.Storage;
using CareBot.Web.Hosting;

namespace CareBot.Server;

/// <summary>Builds the web application: the composition root. Program.cs and the tests both start here.</summary>
public static class CareBotHost
{
    /// <param name="args">Command-line arguments (ASP.NET Core's, e.g. <c>--urls</c> or <c>--Storage:SqlitePath=...</c>).</param>
    /// <param name="configure">Runs before CareBot registers its services (tests put fakes first; CareBot uses TryAdd).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json and wwwroot sit beside the executable; data paths (data/, dialogs/) are relative to the
        // working directory, which `dotnet run --project src/CareBot.Server` sets to the repository root.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory, ApplicationName = typeof(CareBotHost).Assembly.GetName().Name });

        configure?.Invoke(builder);

        builder.Services.AddCareBotProtocol(builder.Configuration);   // the Bot Framework wire: auth, connector, turn pipeline
        builder.Services.AddCareBotMeta(builder.Configuration);        // Facebook and Instagram (Meta:); decorates the Connector
        builder.Services.AddDirectLineChannel(builder.Configuration); // built-in Direct Line; after the Connector, which it decorates
        builder.Services.AddCareBotStorage(builder.Configuration);    // SQLite, or PostgreSQL with ConnectionStrings:Postgres
        builder.Services.AddCareBot(builder.Configuration);           // triage, dialog scripts, the care bot
        builder.Services.AddCareBotTriageEmbeddings(builder.Configuration); // MiniLM second stage where the care model is unsure (Triage:Embeddings:Enabled)
        builder.Services.AddCareBotIncidents(builder.Configuration);  // incident mode: spikes of similar public complaints
        builder.AddCareBotWeb();                                      // the agent console at /agent (cookie sign-in)
        builder.Services.AddCareBotServer(builder.Configuration);     // agent keys, start-up work, readiness and telemetry

        var app = builder.Build();
        app.UseCareBotServer();                                       // security headers, proxied-loopback guard, rate limits (incl. Direct Line token routes)
        app.UseDefaultFiles();                                        // "/" is the chat page (wwwroot/index.html)
        app.UseStaticFiles();
        app.MapBotMessages();
        app.MapDirectLineChannel();
        app.MapMetaWebhook();                                         // /api/meta/webhook (404 unless Meta:AppSecret is set)
        app.MapCaseApi();
        app.MapOutboxApi();
        app.MapAnalyticsApi();                                        // /api/analytics (supervisors, admins, agent keys)
        app.MapIncidentApi();                                         // /api/incidents (supervisors, admins, agent keys)
        app.MapHealth();                                              // /healthz/live, /healthz/ready (and /healthz = ready)
        app.MapCareBotMetrics();                                      // /metrics (Prometheus), this machine only by default
        app.MapChatPageConfig();
        app.MapCareBotWeb();
        return app;
    }
}
