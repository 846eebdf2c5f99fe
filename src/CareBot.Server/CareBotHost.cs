using CareBot.Storage;

namespace CareBot.Server;

/// <summary>Builds the web application: the composition root. Program.cs and the tests both start here.</summary>
public static class CareBotHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCareBotStorage(builder.Configuration);
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Ok(new { status = "ready" }));
        return app;
    }
}
