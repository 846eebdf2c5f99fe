using CareBot.Protocol.DirectLine;
using CareBot.Storage;

namespace CareBot.Server;

/// <summary>Builds the web application: the composition root. Program.cs and the tests both start here.</summary>
public static class CareBotHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCareBotStorage(builder.Configuration);
        builder.Services.AddDirectLineChannel(builder.Configuration);  // after the Connector: it decorates IConnectorClient
        var app = builder.Build();
        app.UseDefaultFiles();                                          // "/" is the chat page (wwwroot/index.html)
        app.UseStaticFiles();
        app.MapDirectLineChannel();
        app.MapGet("/healthz", () => Results.Ok(new { status = "ready" }));
        return app;
    }
}
