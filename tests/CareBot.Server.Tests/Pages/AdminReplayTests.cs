using CareBot.Care.Agents;
using CareBot.Protocol.Schema;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Repository;
using Microsoft.Playwright;

namespace CareBot.Server.Tests.Pages;

/// <summary>Replay before publish in a real browser: a real conversation became a case; the draft's change to it is shown, masked.</summary>
public sealed class AdminReplayTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>, IAsyncLifetime
{
    private const string OldHandoff = "I've passed this to our care team as case";
    private const string NewHandoff = "I've passed this to our replayed care team as case";
    private CareBotTestServer server = null!;

    public async Task InitializeAsync()
    {
        server = await CareBotTestServer.StartAsync();
        await AdminPages.AddAccountAsync(server, "ada", "Ada Admin", AgentRole.Admin);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task An_admin_replays_the_last_conversations_and_sees_the_hand_off_the_draft_changes_with_personal_data_masked()
    {
        var conversation = "replay-" + Guid.NewGuid().ToString("N");
        await server.ExchangeAsync(Activities.Message("I want to talk to a real person please", Activities.UnusedServiceUrl, conversation));
        await server.ExchangeAsync(Activities.Message("I don't have one", Activities.UnusedServiceUrl, conversation));
        await server.ExchangeAsync(Activities.Message("sam@example.com", Activities.UnusedServiceUrl, conversation));
        await server.ExchangeAsync(Activities.Message("Wrong size delivered", Activities.UnusedServiceUrl, conversation));
        var live = await File.ReadAllTextAsync(RepositoryRoot.Combine("dialogs", "care.yaml"));
        var page = await AdminPages.SignedInPageAsync(browser, server, "ada", "/admin/dialogs/care");
        // Monaco replaces the plain textarea once loaded; the draft is pasted into it with the editor focused, as an
        // admin does, and the click on Replay (which leaves the editor) sends it without waiting for the typing pause.
        // care.yaml is over 6,000 lines: on a busy two-core run Monaco took longer than the default 30 s to take it (two
        // failures of five clean-clone runs, each passing alone).
        await page.GetByRole(AriaRole.Region, new() { Name = "Script editor" }).Locator(".monaco-host[data-ready=true]").WaitForAsync(new() { Timeout = 90_000 });
        await page.EvaluateAsync(
            "text => { const editor = monaco.editor.getEditors()[0]; editor.focus(); editor.getModel().setValue(text); }",
            live.Replace(OldHandoff, NewHandoff, StringComparison.Ordinal));

        Assert.Equal("20", await page.GetByLabel("Conversations to replay").InputValueAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();

        var replayed = page.GetByRole(AriaRole.List, new() { Name = "Replayed conversations" });
        await page.Locator(".replay [role=status]", new() { HasTextString = "1 of 1 conversation(s) would go differently" }).WaitForAsync(new() { Timeout = 60_000 });
        var text = await replayed.InnerTextAsync();
        Assert.Contains(NewHandoff, await replayed.Locator("dd.draft").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(OldHandoff, await replayed.Locator("dd.live").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("[email]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sam@example.com", text, StringComparison.Ordinal);
    }
}
