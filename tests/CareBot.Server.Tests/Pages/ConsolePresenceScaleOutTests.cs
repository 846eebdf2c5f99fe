using CareBot.Care.Agents;
using CareBot.Care.Stores;
using CareBot.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CareBot.Server.Tests.Pages;

/// <summary>
/// Collision detection behind a balancer: two CareBot hosts on one PostgreSQL (each with its own memory, sharing only
/// the database), agent ana's browser on the first and ben's on the second, on the same case.
/// </summary>
public sealed class ConsolePresenceScaleOutTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    [Fact]
    public async Task Agents_on_different_instances_see_each_other_viewing_and_typing_and_a_closed_tab_disappears_within_seconds()
    {
        await using var database = await TestPostgresDatabase.CreateAsync();
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = database.ConnectionString };
        await using var first = await CareBotTestServer.StartAsync(settings: settings);
        await using var second = await CareBotTestServer.StartAsync(settings: settings);
        await AdminPages.AddAccountAsync(first, "ana", "Ana Lima", AgentRole.Agent, "care", "email");
        await AdminPages.AddAccountAsync(first, "ben", "Ben Okafor", AgentRole.Agent, "care", "email");
        await CareConversations.AskForAPersonAsync(first, "dm-presence-" + Guid.NewGuid().ToString("N"));
        var caseId = (await first.Services.GetRequiredService<ICaseStore>().ListAsync(new CaseQuery(Limit: 10), CancellationToken.None)).Single().Case.Id;

        var ana = await AdminPages.SignedInPageAsync(browser, first, "ana", $"/agent/cases/{caseId}");
        var ben = await AdminPages.SignedInPageAsync(browser, second, "ben", $"/agent/cases/{caseId}");

        await Assertions.Expect(ana.Locator(".presence [data-viewer='ben']")).ToHaveTextAsync("ben is viewing");
        await Assertions.Expect(ben.Locator(".presence [data-viewer='ana']")).ToHaveTextAsync("ana is viewing");
        await ana.GetByLabel("Reply to the customer").FillAsync("Let me check that for you.");
        await Assertions.Expect(ben.Locator(".presence [data-viewer='ana']")).ToHaveTextAsync("ana is typing a reply");
        await ben.GetByLabel("Reply to the customer").FillAsync("I have it.");
        await Assertions.Expect(ana.Locator(".presence [data-viewer='ben']")).ToHaveTextAsync("ben is typing a reply");

        // Leaving the case says so at once on the other instance (well before the 15 s after which a silent instance's
        // viewers expire). A closed tab does the same when the browser's goodbye reaches the server; CI once saw that
        // goodbye arrive late, so the test leaves through the page's own link, which ends the visit inside the circuit.
        await ana.GetByRole(AriaRole.Link, new() { Name = "← Inbox" }).ClickAsync();
        await Assertions.Expect(ben.Locator(".presence [data-viewer='ana']")).ToHaveCountAsync(0, new() { Timeout = 5_000 });
        await ana.Context.CloseAsync();
        await ben.Context.CloseAsync();
    }
}
