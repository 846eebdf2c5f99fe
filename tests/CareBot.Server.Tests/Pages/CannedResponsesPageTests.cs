using CareBot.Care.Agents;
using CareBot.Care.Stores;
using CareBot.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CareBot.Server.Tests.Pages;

/// <summary>
/// Canned responses managed in the browser: a supervisor replaces the configured list at /agent/canned and an agent's
/// reply box offers the new one in the same running server; an agent cannot open the page.
/// </summary>
public sealed class CannedResponsesPageTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>, IAsyncLifetime
{
    private CareBotTestServer server = null!;

    public async Task InitializeAsync()
    {
        server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Console:CannedResponses:0:Title"] = "Order delayed",
            ["Console:CannedResponses:0:Text"] = "Your parcel ships tomorrow.",
        });
        await AdminPages.AddAccountAsync(server, "sue", "Sue Visor", AgentRole.Supervisor);
        await AdminPages.AddAccountAsync(server, "ana", "Ana Lima", AgentRole.Agent, "care", "email");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_supervisor_replaces_the_canned_responses_and_an_agent_is_offered_the_new_list_without_a_restart()
    {
        var sue = await AdminPages.SignedInPageAsync(browser, server, "sue", "/agent/canned");
        await sue.GetByLabel("Title 1").WaitForAsync();
        Assert.Equal("Order delayed", await sue.GetByLabel("Title 1").InputValueAsync()); // the configured list

        // A placeholder the reply box would never fill: refused, with the field named.
        await sue.GetByRole(AriaRole.Button, new() { Name = "Remove response 1" }).ClickAsync();
        await sue.GetByRole(AriaRole.Button, new() { Name = "Add canned response" }).ClickAsync();
        await sue.GetByLabel("Title 1").FillAsync("Parcel found");
        await sue.GetByLabel("Text 1").FillAsync("Hi {customer.nmae}, we found your parcel.");
        await sue.GetByRole(AriaRole.Button, new() { Name = "Save canned responses" }).ClickAsync();
        var problems = sue.GetByRole(AriaRole.List, new() { Name = "Problems" });
        await problems.WaitForAsync();
        Assert.Contains("CannedResponses:0:Text has the unknown placeholder {customer.nmae}", await problems.InnerTextAsync(), StringComparison.Ordinal);

        await sue.GetByLabel("Text 1").FillAsync("Hi {customer.name}, we found your parcel.");
        await sue.GetByRole(AriaRole.Button, new() { Name = "Save canned responses" }).ClickAsync();
        await sue.Locator("[role=status]", new() { HasTextString = "Saved 1 canned responses (version 1)" }).WaitForAsync();

        var caseId = await OpenCaseAsync();
        var ana = await AdminPages.SignedInPageAsync(browser, server, "ana", $"/agent/cases/{caseId}");
        var reply = ana.GetByLabel("Reply to the customer");
        await reply.WaitForAsync();
        await reply.PressSequentiallyAsync("/");
        var list = ana.GetByRole(AriaRole.Listbox, new() { Name = "Canned responses" });
        await list.WaitForAsync();
        var offered = await list.GetByRole(AriaRole.Option).AllInnerTextsAsync();
        Assert.Contains("Parcel found", Assert.Single(offered), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_cannot_open_the_canned_responses_page()
    {
        var page = await AdminPages.SignedInPageAsync(browser, server, "ana", "/agent");

        var response = await page.GotoAsync(new Uri(server.BaseAddress, "/agent/canned").ToString());

        Assert.Equal(403, response!.Status);
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Save canned responses" }).CountAsync());
    }

    private async Task<string> OpenCaseAsync()
    {
        var conversation = "canned-" + Guid.NewGuid().ToString("N");
        foreach (var text in new[] { "I want to talk to a real person please", "I don't have one", "sam@example.com", "Where is my parcel?" })
        {
            await server.ExchangeAsync(Activities.Message(text, Activities.UnusedServiceUrl, conversation));
        }

        return Assert.Single(await server.Services.GetRequiredService<ICaseStore>().ListAsync(new CaseQuery(), CancellationToken.None)).Case.Id;
    }
}
