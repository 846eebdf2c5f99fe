using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Care.Tests.Integrations;

/// <summary>
/// A brand's order API for tests: Kestrel on 127.0.0.1 and a free port, answering <c>GET /v1/orders/{id}</c> by id:
/// AB-123456 is found, AB-404404 is unknown (404), AB-500500 fails (500), AB-777777 is slow (2 s), AB-888888 answers
/// malformed JSON, AB-999999 answers JSON without the expected fields. It records every request.
/// </summary>
internal sealed class FakeOrderApi : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeOrderApi(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The API's base URL, e.g. <c>http://127.0.0.1:41234/v1/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Every request received: its path (as sent, still encoded) and its Authorization header.</summary>
    public ConcurrentQueue<(string Path, string? Authorization)> Requests { get; } = new();

    public static async Task<FakeOrderApi> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        FakeOrderApi? api = null;
        app.UseRouting();
        app.MapGet("/v1/orders/{id}", async (HttpContext context, string id) =>
        {
            api!.Requests.Enqueue((context.Request.Path.ToUriComponent(), context.Request.Headers.Authorization.FirstOrDefault()));
            switch (id)
            {
                case "AB-123456":
                    return Results.Text("""{"order":"AB-123456","status":"out for delivery","delivery":{"eta":"today by 18:00"},"items":[{"name":"Blender"}]}""", "application/json");
                case "AB-404404":
                    return Results.NotFound();
                case "AB-500500":
                    return Results.StatusCode(500);
                case "AB-777777":
                    await Task.Delay(TimeSpan.FromSeconds(2), context.RequestAborted);
                    return Results.Text("""{"status":"late","delivery":{"eta":"never"}}""", "application/json");
                case "AB-888888":
                    return Results.Text("""{"status": "shipped", """, "application/json");
                default:
                    return Results.Text("""{"unexpected":true}""", "application/json");
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        api = new FakeOrderApi(app, new Uri(address.TrimEnd('/') + "/v1/"));
        return api;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
