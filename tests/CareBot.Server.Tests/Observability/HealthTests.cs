using System.Net;
using System.Text.Json;
using CareBot.Care.Stores;
using CareBot.Server.Composition;
using CareBot.Server.Endpoints;
using CareBot.Server.Health;
using CareBot.Server.Tests.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Moq;

namespace CareBot.Server.Tests.Observability;

/// <summary>Liveness and readiness: what orchestrators ask before they restart the server or send it traffic.</summary>
public sealed class HealthTests
{
    [Theory]
    [InlineData("/healthz/live", "live")]
    [InlineData("/healthz/ready", "ready")]
    [InlineData("/healthz", "ready")]
    public async Task A_started_server_is_live_and_ready(string path, string status)
    {
        await using var server = await CareBotTestServer.StartAsync();

        using var response = await server.Client.GetAsync(path);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(status, body.RootElement.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(9, 10, StatusCodes.Status200OK)]
    [InlineData(10, 10, StatusCodes.Status503ServiceUnavailable)]
    public async Task Readiness_fails_once_the_outbox_backlog_reaches_the_limit(long backlog, int limit, int expected)
    {
        var readiness = new Readiness();
        readiness.MarkReady();
        var outbox = new Mock<IOutboxStore>();
        outbox.Setup(store => store.CountPendingAsync(It.IsAny<CancellationToken>())).ReturnsAsync(backlog);

        var result = await HealthEndpoints.ReadyAsync(readiness, outbox.Object, Options.Create(new HealthOptions { MaxOutboxBacklog = limit }), CancellationToken.None);

        Assert.Equal(expected, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
    }

    [Fact]
    public async Task Readiness_fails_while_starting_and_when_the_storage_does_not_answer()
    {
        var outbox = new Mock<IOutboxStore>();
        outbox.Setup(store => store.CountPendingAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("database is gone"));
        var options = Options.Create(new HealthOptions());
        var readiness = new Readiness();

        var starting = await HealthEndpoints.ReadyAsync(readiness, outbox.Object, options, CancellationToken.None);
        readiness.MarkReady();
        var storageDown = await HealthEndpoints.ReadyAsync(readiness, outbox.Object, options, CancellationToken.None);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, Assert.IsAssignableFrom<IStatusCodeHttpResult>(starting).StatusCode);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, Assert.IsAssignableFrom<IStatusCodeHttpResult>(storageDown).StatusCode);
    }
}
