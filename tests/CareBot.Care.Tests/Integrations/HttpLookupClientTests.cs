using CareBot.Care.Integrations;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Tests.Integrations;

/// <summary>Lookups over real HTTP against a local order API: found, not found, slow, failing, malformed, refused.</summary>
public sealed class HttpLookupClientTests : IAsyncLifetime
{
    private const string ApiKey = "Bearer secret-from-configuration";
    private FakeOrderApi api = null!;

    public async Task InitializeAsync() => api = await FakeOrderApi.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Found_order_maps_the_response_fields_and_sends_the_configured_secret()
    {
        using var provider = Services();

        var result = await Lookup(provider, "/orders/AB-123456");

        Assert.Equal(LookupStatus.Found, result.Status);
        Assert.Equal("out for delivery", result.Values["status"]);
        Assert.Equal("today by 18:00", result.Values["eta"]);
        Assert.Equal("Blender", result.Values["item"]);
        var request = Assert.Single(api.Requests);
        Assert.Equal(("/v1/orders/AB-123456", ApiKey), request);
    }

    [Fact]
    public async Task Unknown_order_is_not_found_and_not_retried()
    {
        using var provider = Services();

        var result = await Lookup(provider, "/orders/AB-404404");

        Assert.Equal(LookupStatus.NotFound, result.Status);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task Server_error_is_retried_then_fails()
    {
        using var provider = Services(retries: 2);

        var result = await Lookup(provider, "/orders/AB-500500");

        Assert.Equal(LookupStatus.Failed, result.Status);
        Assert.Equal(3, api.Requests.Count);
    }

    [Fact]
    public async Task Slow_answer_times_out_and_fails()
    {
        using var provider = Services(timeout: "00:00:00.3");

        var result = await Lookup(provider, "/orders/AB-777777");

        // The API would answer a valid order after 2 s, so a failure that says "timed out" is the timeout cutting the
        // call short (no stopwatch: a loaded CI machine made one flaky).
        Assert.Equal(LookupStatus.Failed, result.Status);
        Assert.Contains("timed out", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/orders/AB-888888")]   // malformed JSON
    [InlineData("/orders/AB-999999")]   // JSON without the mapped fields
    public async Task Unreadable_answer_fails(string path)
    {
        using var provider = Services();

        var result = await Lookup(provider, path);

        Assert.Equal(LookupStatus.Failed, result.Status);
    }

    [Fact]
    public async Task Integration_that_is_not_configured_fails_without_a_call()
    {
        using var provider = Services();
        var client = provider.GetRequiredService<ILookupClient>();

        var result = await client.LookupAsync(Request("/orders/AB-123456") with { Integration = "crm" }, CancellationToken.None);

        Assert.Equal(LookupStatus.Failed, result.Status);
        Assert.Contains("not configured", result.Detail, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public void The_configured_integrations_are_named_for_scripts_case_insensitively()
    {
        using var provider = Services();

        var integrations = provider.GetRequiredService<ILookupClient>().Integrations;

        Assert.Contains("orders", integrations);
        Assert.Contains("ORDERS", integrations);
        Assert.DoesNotContain("crm", integrations);
    }

    [Theory]
    [InlineData("/../admin")]
    [InlineData("/orders/%2e%2e/%2e%2e/admin")]
    [InlineData("//evil.example/orders")]
    public async Task Path_that_would_leave_the_base_url_is_refused(string path)
    {
        using var provider = Services();

        var result = await Lookup(provider, path);

        Assert.Equal(LookupStatus.Failed, result.Status);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Circuit_opens_after_repeated_failures_and_later_lookups_fail_at_once()
    {
        using var provider = Services(retries: 0, minimumCalls: 2);
        await Lookup(provider, "/orders/AB-500500");
        await Lookup(provider, "/orders/AB-500500");
        var calls = api.Requests.Count;

        var result = await Lookup(provider, "/orders/AB-123456");

        Assert.Equal(LookupStatus.Failed, result.Status);
        Assert.Contains("circuit", result.Detail, StringComparison.Ordinal);
        Assert.Equal(calls, api.Requests.Count);
    }

    [Fact]
    public void Base_url_must_be_absolute_http()
    {
        using var provider = Services(baseUrl: "ftp://orders.example/");

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<IntegrationOptions>>().Get("orders"));

        Assert.Contains("Integrations:orders:BaseUrl", error.Message, StringComparison.Ordinal);
    }

    private static LookupRequest Request(string path) => new(
        "care", "wismo_lookup", "orders", "GET", path, new Dictionary<string, string>(),
        new Dictionary<string, string> { ["status"] = "status", ["eta"] = "delivery.eta", ["item"] = "items.0.name" });

    private static async Task<LookupResult> Lookup(ServiceProvider provider, string path) =>
        await provider.GetRequiredService<ILookupClient>().LookupAsync(Request(path), CancellationToken.None);

    private ServiceProvider Services(int retries = 1, string timeout = "00:00:03", int minimumCalls = 10, string? baseUrl = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Integrations:Orders:BaseUrl"] = baseUrl ?? api.BaseUrl.AbsoluteUri,
            ["Integrations:Orders:Headers:Authorization"] = ApiKey,
            ["Integrations:Orders:Retries"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Integrations:Orders:RetryDelay"] = "00:00:00.01",
            ["Integrations:Orders:Timeout"] = timeout,
            ["Integrations:Orders:CircuitBreakerMinimumCalls"] = minimumCalls.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCareBotIntegrations(configuration);
        return services.BuildServiceProvider();
    }
}
