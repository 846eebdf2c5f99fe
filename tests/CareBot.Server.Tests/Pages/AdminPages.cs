using CareBot.Care.Agents;
using CareBot.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CareBot.Server.Tests.Pages;

/// <summary>Accounts and signed-in pages for the admin area's browser tests.</summary>
internal static class AdminPages
{
    public const string Password = "correct horse battery";

    public static async Task AddAccountAsync(CareBotTestServer server, string name, string displayName, AgentRole role, params string[] queues)
    {
        var account = new AgentAccount(name, displayName, role, queues, false, new AgentPasswords().Hash(Password), 0, null, DateTimeOffset.UtcNow);
        Assert.True(await server.Services.GetRequiredService<IAgentAccountStore>().AddAsync(account, CancellationToken.None));
    }

    /// <summary>A new browser context signed in as <paramref name="user"/>, on <paramref name="path"/>.</summary>
    public static async Task<IPage> SignedInPageAsync(ConsoleBrowser browser, CareBotTestServer server, string user, string path)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(new Uri(server.BaseAddress, "/agent/signin?ReturnUrl=" + Uri.EscapeDataString(path)).ToString());
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Commit, not "load": the callers wait for what they need on the page, and the "load" wait once hung for 30 s.
        await page.WaitForURLAsync(url => url.EndsWith(path, StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        return page;
    }
}
