using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CareBot.Storage.Tests.Infrastructure;

/// <summary>
/// Storage services on the fixture's database with their hosted services started, as one server process runs them:
/// two of these on one PostgreSQL stand for two processes behind a load balancer. Stopped and disposed on dispose.
/// </summary>
public sealed class RunningInstance : IAsyncDisposable
{
    private readonly List<IHostedService> hosted;

    private RunningInstance(ServiceProvider services, List<IHostedService> hosted)
    {
        Services = services;
        this.hosted = hosted;
    }

    public ServiceProvider Services { get; }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public static async Task<RunningInstance> StartAsync(StorageFixture fixture)
    {
        var services = fixture.Reopen();
        var hosted = services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        return new RunningInstance(services, hosted);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(hosted))
        {
            await service.StopAsync(CancellationToken.None);
        }

        await Services.DisposeAsync();
    }
}
